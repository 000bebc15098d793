import type { TFunction } from 'i18next';
import { MAX_WORKBOOK_BYTES } from '../../../../shared/catalogue';
import { ConsoleHttpError } from './http-service';

const tooLargeText = (t: TFunction): string =>
  t('catalogue.tooLarge', { max: MAX_WORKBOOK_BYTES / 1024 / 1024 });

/**
 * What the admin reads when an import fails: a workbook over the server's limit by its reason code,
 * in the console's language; anything else with the server's message.
 */
export function importErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ConsoleHttpError && error.code === 'payload_too_large') return tooLargeText(t);
  return t('catalogue.error', { message: error instanceof Error ? error.message : String(error) });
}

/** Why a chosen file is refused before it is sent (over the server's limit), or null. */
export function workbookSizeProblem(t: TFunction, bytes: number): string | null {
  return bytes > MAX_WORKBOOK_BYTES ? tooLargeText(t) : null;
}
