import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './primitives';
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

/**
 * A later version of a procedure's legal content (a new decision of the province): in force for
 * dossiers received from `effectiveFrom` (Vietnam date), never for those received before. The
 * procedure's own legalTime, fees and requiredDocuments are version 1.
 */
export const procedureVersionSchema = z.object({
  version: z.number().int().min(2).max(999),
  effectiveFrom: isoDateSchema,
  legalTime: legalTimeSchema,
  fees: z.array(feeSchema).max(20),
  requiredDocuments: z.array(requiredDocumentSchema).max(60),
  /** The decision that published it, for the record. */
  basis: z.string().max(300).optional(),
});
export type ProcedureVersion = z.infer<typeof procedureVersionSchema>;

/** Versions oldest first: numbers and effective dates both strictly increasing. */
const procedureVersionsSchema = z
  .array(procedureVersionSchema)
  .max(50)
  .refine(
    (versions) =>
      versions.every(
        (v, i) =>
          i === 0 ||
          (v.version > (versions[i - 1] as ProcedureVersion).version &&
            v.effectiveFrom > (versions[i - 1] as ProcedureVersion).effectiveFrom),
      ),
    { message: 'validation.procedure_versions_order' },
  );

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
  /** Later versions of legalTime, fees and requiredDocuments (absent: version 1 only). */
  versions: procedureVersionsSchema.optional(),
  active: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;
