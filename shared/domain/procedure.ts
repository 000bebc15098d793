import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './primitives';
import { onSiteStepSchema } from './roles';

export const sectorSchema = z.object({
  id: idSchema,
  code: z.string().min(1).max(30),
  name: z.string().min(1).max(200),
  updatedAt: isoDateTimeSchema,
});
export type Sector = z.infer<typeof sectorSchema>;

/** How a document must be presented. */
export const COPY_TYPES = ['original', 'certified_copy', 'copy'] as const;
export const copyTypeSchema = z.enum(COPY_TYPES);
export type CopyType = z.infer<typeof copyTypeSchema>;

/** Legal processing time: working days, working hours, calendar days, or immediately. */
export const legalTimeSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('immediate') }),
  z.object({ unit: z.literal('working_hours'), value: z.number().int().min(1).max(400) }),
  z.object({ unit: z.literal('working_days'), value: z.number().int().min(1).max(365) }),
  z.object({ unit: z.literal('calendar_days'), value: z.number().int().min(1).max(730) }),
]);
export type LegalTime = z.infer<typeof legalTimeSchema>;

export const requiredDocumentSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(300),
  copyType: copyTypeSchema,
  count: z.number().int().min(1).max(50),
  mandatory: z.boolean(),
});
export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;

export const feeSchema = z.object({
  label: z.string().min(1).max(200),
  amountVnd: z.number().int().min(0).max(1_000_000_000),
});
export type Fee = z.infer<typeof feeSchema>;

export const procedureSchema = z.object({
  id: idSchema,
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(400),
  sectorId: idSchema,
  legalTime: legalTimeSchema,
  fees: z.array(feeSchema).max(20),
  requiredDocuments: z.array(requiredDocumentSchema).max(60),
  /** Which of the five steps happen at the counter; the rest are transferred to the deciding agency. */
  onSiteSteps: z.array(onSiteStepSchema).min(1),
  /** Agency that decides when not everything happens on site (printed on forms). */
  leadAgency: z.string().max(200),
  active: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;
