import { expect } from 'vitest';
import type { PrintedForm } from './print';

/**
 * Checks a printed form's field lines in one comparison: each class name to its exact text, or null
 * where the form must not print it. A mismatch shows every field that differs at once.
 */
export function expectFields(doc: Pick<PrintedForm, 'field'>, expected: Record<string, string | null>): void {
  const printed = Object.fromEntries(Object.keys(expected).map((name) => [name, doc.field(name)]));
  expect(printed).toEqual(expected);
}
