/**
 * The console's catalogue import over HTTP: the workbook goes up as it is (the server reads and
 * checks it again at every step); the answer is NDJSON, progress lines then one result line.
 */
import { z } from 'zod';
import type { ImportPlan } from './plan';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importProgressSchema = z.object({
  type: z.literal('progress'),
  phase: z.enum(['reading', 'checking', 'writing']),
  done: z.number().int().min(0),
  /** null while the total is not known yet (reading). */
  total: z.number().int().min(0).nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

const rowErrorSchema = z.object({ row: z.number().int(), code: z.string(), messages: z.array(z.string()) });

export const importSummarySchema = z.object({
  counts: z.object({
    added: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    errorRows: z.number().int(),
  }),
  procedures: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      status: z.enum(['added', 'changed', 'unchanged']),
      fields: z.array(z.string()),
      rows: z.array(z.number().int()),
    }),
  ),
  sectorsAdded: z.array(z.object({ code: z.string(), name: z.string() })),
  errors: z.array(rowErrorSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importResultSchema = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('result'),
    ok: z.literal(true),
    summary: importSummarySchema,
    /** Commit only: what was written. */
    written: z.object({ procedures: z.number().int(), sectors: z.number().int() }).optional(),
  }),
  z.object({ type: z.literal('result'), ok: z.literal(false), error: z.string() }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

export const importLineSchema = z.union([importProgressSchema, importResultSchema]);
export type ImportLine = z.infer<typeof importLineSchema>;

/** What the preview shows of a plan (the documents themselves stay on the server). */
export function summaryOf(plan: ImportPlan): ImportSummary {
  return {
    counts: plan.counts,
    procedures: plan.procedures.map(({ code, name, status, fields, rows }) => ({
      code,
      name,
      status,
      fields,
      rows,
    })),
    sectorsAdded: plan.sectorsAdded.map(({ code, name }) => ({ code, name })),
    errors: plan.errors,
  };
}
