import { z } from 'zod';
import {
  ID_NUMBER_PATTERN,
  compactDigits,
  dossierCodeSchema,
  dossierSchema,
  dossierResultSchema,
  idSchema,
  isoDateTimeSchema,
  RATINGS,
  receivedDocumentSchema,
  scanAttachmentSchema,
} from '../domain';

/**
 * Commands of the dossier workflow: one zod schema per command, a discriminated union on `type`.
 * Objects are strict: an unknown field is an error, not silently dropped, so a typo in a caller
 * or a forged push cannot smuggle data into the audit trail.
 *
 * Every command carries the envelope `dossierId` + `officeId`, and may carry `eventId` (the
 * client-made id of the audit event it produces; generated when absent).
 */
const envelope = {
  eventId: idSchema.optional(),
  dossierId: idSchema,
  officeId: idSchema,
};

const reason = z.string().trim().min(1, 'workflow.reason_required').max(2000);
const optionalText = z.string().trim().max(4000).default('');

/**
 * The procedure, applicant and documents every intake outcome records (forms 01, 02, 03): the
 * dossier's own fields, validated as the dossier validates them, plus the intake's notes.
 */
const intakeContent = {
  ...dossierSchema.pick({
    counterId: true,
    procedureId: true,
    procedureCode: true,
    procedureName: true,
    procedureVersion: true,
    sectorId: true,
    channel: true,
    applicant: true,
    documents: true,
    receivedAt: true,
  }).shape,
  notes: optionalText,
};

export const missingDocumentSchema = z.strictObject({
  documentId: idSchema.optional(),
  name: z.string().trim().min(1).max(300),
  reason: reason,
});

export const supplementItemSchema = z.strictObject({
  documentId: idSchema.optional(),
  name: z.string().trim().min(1).max(300),
  /** Add a missing document, or fix one that was handed in. */
  action: z.enum(['add', 'fix']),
  note: z.string().trim().max(1000).default(''),
});

export const checklistItemSchema = z.strictObject({
  label: z.string().trim().min(1).max(300),
  ok: z.boolean(),
  note: z.string().trim().max(1000).default(''),
});

export const COLLECTOR_RELATIONS = ['self', 'authorised'] as const;
export const collectorSchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  idNumber: z
    .string()
    .transform(compactDigits)
    .pipe(z.string().regex(ID_NUMBER_PATTERN, 'validation.id_number_invalid')),
  relation: z.enum(COLLECTOR_RELATIONS),
});

export const returnRatingSchema = z
  .strictObject({
    level: z.enum(RATINGS),
    reason: z.string().trim().max(1000).default(''),
  })
  .refine((r) => r.level !== 'dissatisfied' || r.reason !== '', {
    path: ['reason'],
    message: 'workflow.rating_reason_required',
  });

export const EARLINESS = ['early', 'on_time', 'late'] as const;

/** Contact fields an officer may correct after intake; identity (name, ID number) stays as received. */
export const contactChangesSchema = z.strictObject({
  phone: z.string().optional(),
  email: z.string().optional(),
  address: z.string().optional(),
});
/** The applicant's fields edit_details may change, for the screens that offer them. */
export const CONTACT_FIELDS = contactChangesSchema.keyof().options;

export const receiveCommandSchema = z.strictObject({
  type: z.literal('receive'),
  ...envelope,
  ...intakeContent,
  code: dossierCodeSchema,
  clockStartAt: isoDateTimeSchema,
  dueAt: isoDateTimeSchema,
});

export const recordIncompleteCommandSchema = z.strictObject({
  type: z.literal('record_incomplete'),
  ...envelope,
  ...intakeContent,
  missingDocuments: z.array(missingDocumentSchema).min(1).max(60),
});

export const refuseIntakeCommandSchema = z.strictObject({
  type: z.literal('refuse_intake'),
  ...envelope,
  ...intakeContent,
  documents: z.array(receivedDocumentSchema).max(60).default([]),
  reason,
});

export const completeIntakeCommandSchema = z.strictObject({
  type: z.literal('complete_intake'),
  ...envelope,
  code: dossierCodeSchema,
  /** When the complete dossier was handed in (form 01); defaults to the first visit's time. */
  receivedAt: isoDateTimeSchema.optional(),
  clockStartAt: isoDateTimeSchema,
  dueAt: isoDateTimeSchema,
  documents: z.array(receivedDocumentSchema).max(60),
});

export const appraiseCommandSchema = z.strictObject({
  type: z.literal('appraise'),
  ...envelope,
  checklist: z.array(checklistItemSchema).min(1).max(100),
  notes: optionalText,
});

export const requestSupplementCommandSchema = z.strictObject({
  type: z.literal('request_supplement'),
  ...envelope,
  documents: z.array(supplementItemSchema).min(1).max(60),
  reason,
  /** The caller's calendar check: asked within the rule set's working days of receipt (law). */
  withinDeadline: z.boolean(),
  /** Why the request is made late anyway; required when `withinDeadline` is false. */
  overrideReason: z.string().trim().max(2000).optional(),
});

export const supplementReceivedCommandSchema = z.strictObject({
  type: z.literal('supplement_received'),
  ...envelope,
  /** The clock restarts from zero on the day the complete dossier arrives. */
  clockStartAt: isoDateTimeSchema,
  dueAt: isoDateTimeSchema,
  /** The document list after the supplement; unchanged when absent. */
  documents: z.array(receivedDocumentSchema).max(60).optional(),
});

export const refuseCommandSchema = z.strictObject({
  type: z.literal('refuse'),
  ...envelope,
  reason,
});

export const returnToAppraisalCommandSchema = z.strictObject({
  type: z.literal('return_to_appraisal'),
  ...envelope,
  reason,
});

export const approveCommandSchema = z.strictObject({
  type: z.literal('approve'),
  ...envelope,
  comment: optionalText,
});

export const sealCommandSchema = z.strictObject({
  type: z.literal('seal'),
  ...envelope,
  result: dossierResultSchema,
});

export const transferCommandSchema = z.strictObject({
  type: z.literal('transfer'),
  ...envelope,
  toAgency: z.string().trim().min(1, 'workflow.agency_required').max(200),
  note: optionalText,
});

export const transferBackCommandSchema = z.strictObject({
  type: z.literal('transfer_back'),
  ...envelope,
  result: dossierResultSchema,
  note: optionalText,
});

export const returnResultCommandSchema = z.strictObject({
  type: z.literal('return_result'),
  ...envelope,
  collector: collectorSchema,
  returnedAt: isoDateTimeSchema,
  /** The citizen may decline to rate. */
  rating: returnRatingSchema.nullable().default(null),
  /** Return date vs appointment date, computed by the caller's calendar. */
  earliness: z.enum(EARLINESS),
});

/** The citizen's rating given after the return, on the rating screen (once per dossier). */
export const rateCommandSchema = z.strictObject({
  type: z.literal('rate'),
  ...envelope,
  rating: returnRatingSchema,
});

export const apologizeExtendCommandSchema = z.strictObject({
  type: z.literal('apologize_extend'),
  ...envelope,
  reason,
  newDueAt: isoDateTimeSchema,
});

export const withdrawCommandSchema = z.strictObject({
  type: z.literal('withdraw'),
  ...envelope,
  reason,
});

export const stopCommandSchema = z.strictObject({
  type: z.literal('stop'),
  ...envelope,
  reason,
});

export const editDetailsCommandSchema = z.strictObject({
  type: z.literal('edit_details'),
  ...envelope,
  applicant: contactChangesSchema.optional(),
  notes: z.string().trim().max(4000).optional(),
});

/** A scan, photo or PDF attached to a required document of the dossier or to its result. */
export const attachScanCommandSchema = z.strictObject({
  type: z.literal('attach_scan'),
  ...envelope,
  ...scanAttachmentSchema.shape,
});

export const workflowCommandSchema = z.discriminatedUnion('type', [
  receiveCommandSchema,
  recordIncompleteCommandSchema,
  refuseIntakeCommandSchema,
  completeIntakeCommandSchema,
  appraiseCommandSchema,
  requestSupplementCommandSchema,
  supplementReceivedCommandSchema,
  refuseCommandSchema,
  returnToAppraisalCommandSchema,
  approveCommandSchema,
  sealCommandSchema,
  transferCommandSchema,
  transferBackCommandSchema,
  returnResultCommandSchema,
  rateCommandSchema,
  apologizeExtendCommandSchema,
  withdrawCommandSchema,
  stopCommandSchema,
  editDetailsCommandSchema,
  attachScanCommandSchema,
]);

/** A validated command (after zod defaults and normalisation). */
export type WorkflowCommand = z.output<typeof workflowCommandSchema>;
/** What a caller writes (defaults may be left out). */
export type WorkflowCommandInput = z.input<typeof workflowCommandSchema>;
export type CommandOf<T extends WorkflowCommand['type']> = Extract<WorkflowCommand, { type: T }>;
export type CommandInputOf<T extends WorkflowCommand['type']> = Extract<WorkflowCommandInput, { type: T }>;

/** The envelope alone, checked before anything else so status and role errors come first. */
export const commandEnvelopeSchema = z.object({
  type: z.string(),
  ...envelope,
});
