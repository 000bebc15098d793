import { z } from 'zod';
import { applicantSchema } from './applicant';
import { idSchema, isoDateSchema, isoDateTimeSchema } from './primitives';
import { copyTypeSchema } from './procedure';
import { roleSchema } from './roles';

/**
 * Dossier states. The five on-site steps are received → appraised → approved → sealed → returned;
 * the rest are the side paths of DOMAIN.md.
 */
export const DOSSIER_STATUSES = [
  'incomplete', // intake: documents missing, form 02 issued (no processing clock)
  'refused_intake', // intake: refused, form 03 issued
  'received', // form 01 issued, clock running
  'supplement_requested', // appraisal asked for more; clock restarts from zero when complete
  'appraised',
  'refused', // refused after appraisal (notice with reason)
  'transferred', // sent to the deciding agency (liên thông)
  'approved',
  'sealed', // result numbered, signed, sealed: ready to return
  'returned',
  'withdrawn', // applicant withdrew
  'stopped', // processing stopped by the agency
] as const;
export const dossierStatusSchema = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof dossierStatusSchema>;

/** Dossier code `<agency code>-YYMMDD-NNNN`, e.g. `000.00.06.H56-231027-0361`. */
export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
export const dossierCodeSchema = z.string().regex(DOSSIER_CODE_PATTERN, 'validation.dossier_code_invalid');

export const receivedDocumentSchema = z.object({
  documentId: idSchema,
  name: z.string().min(1).max(300),
  copyType: copyTypeSchema,
  count: z.number().int().min(0).max(50),
});
export type ReceivedDocument = z.infer<typeof receivedDocumentSchema>;

export const dossierResultSchema = z.object({
  documentType: z.string().min(1).max(200),
  number: z.string().min(1).max(60),
  date: isoDateSchema,
  signer: z.string().min(1).max(120),
});
export type DossierResult = z.infer<typeof dossierResultSchema>;

export const RATINGS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export const ratingSchema = z.object({
  level: z.enum(RATINGS),
  reason: z.string().max(1000),
});
export type Rating = z.infer<typeof ratingSchema>;

export const CHANNELS = ['counter', 'online', 'post'] as const;

/**
 * A dossier (hồ sơ). Times are UTC instants; the calendar converts to Vietnam time. The server never
 * rewrites fields here: its ordering lives outside the document (see shared/sync).
 */
export const dossierSchema = z.object({
  id: idSchema,
  /** Empty for intake outcomes that issue no code (incomplete / refused at intake). */
  code: z.union([z.literal(''), dossierCodeSchema]),
  officeId: idSchema,
  counterId: idSchema,
  procedureId: idSchema,
  procedureCode: z.string().max(40),
  procedureName: z.string().max(400),
  /**
   * The procedure version in force at receipt (shared/rules/procedure-versions.ts): due dates and
   * checks use it, never a later one. Absent on dossiers recorded before versions: the version in
   * force at their receipt.
   */
  procedureVersion: z.number().int().min(1).max(999).optional(),
  sectorId: idSchema,
  channel: z.enum(CHANNELS),
  applicant: applicantSchema,
  /** Lower-case, diacritics-free applicant name for search (see shared/text). */
  applicantSearch: z.string().max(200),
  documents: z.array(receivedDocumentSchema).max(60),
  status: dossierStatusSchema,
  receivedAt: isoDateTimeSchema,
  /** When the legal clock (re)started: receipt, or the day a requested supplement was completed. */
  clockStartAt: isoDateTimeSchema,
  /** Appointment to return the result. Empty where no clock runs. */
  dueAt: z.union([z.literal(''), isoDateTimeSchema]),
  /** The first appointment, kept when an apology (form 04) sets a new one. Only once. */
  originalDueAt: z.union([z.literal(''), isoDateTimeSchema]),
  /** How many times a completed supplement restarted the legal clock (absent: never). */
  clockRestarts: z.number().int().min(0).max(99).optional(),
  result: dossierResultSchema.nullable(),
  returnedAt: z.union([z.literal(''), isoDateTimeSchema]),
  rating: ratingSchema.nullable(),
  /** Officer currently expected to act, if assigned. */
  assigneeRole: roleSchema.nullable(),
  notes: z.string().max(4000),
  /** Head of this dossier's hash chain: the seq of the head event (= number of events on a straight chain; after an offline fork the head seq) and its hash. */
  eventCount: z.number().int().min(0),
  lastEventHash: z.string().max(128),
  updatedAt: isoDateTimeSchema,
});
export type Dossier = z.infer<typeof dossierSchema>;
