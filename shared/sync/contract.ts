import { z } from 'zod';
import { counterSchema, officeSchema } from '../domain/office';
import { dossierSchema } from '../domain/dossier';
import { dossierEventSchema } from '../domain/event';
import { officerSchema } from '../domain/officer';
import { procedureSchema, sectorSchema } from '../domain/procedure';
import { idSchema, isoDateSchema, isoDateTimeSchema } from '../domain/primitives';
import { codeLayoutSchema } from '../codes/layout';

/**
 * Wire contract between a counter's replication client (renderer/sync) and the provincial server
 * (server/). It follows RxDB's replication protocol: pull by checkpoint, push rows carrying the
 * assumed master state, a live stream that can say RESYNC.
 *
 * The checkpoint is the server's sequence number plus the document id. It lives outside the document
 * body: the server never rewrites a field of a document to order it.
 */
export const checkpointSchema = z.object({
  seq: z.number().int().min(0),
  id: z.string().max(64),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** Counters push these (two-way). */
export const SYNCED_COLLECTIONS = ['dossiers', 'dossier_events'] as const;
/** Province → counters, read-only at the counter. */
export const CATALOGUE_COLLECTIONS = [
  'procedures',
  'sectors',
  'officers',
  'offices',
  'counters',
  'holidays',
] as const;
export const COLLECTIONS = [...SYNCED_COLLECTIONS, ...CATALOGUE_COLLECTIONS] as const;
export const collectionNameSchema = z.enum(COLLECTIONS);
export type CollectionName = z.infer<typeof collectionNameSchema>;
export type SyncedCollection = (typeof SYNCED_COLLECTIONS)[number];

export function isSyncedCollection(name: string): name is SyncedCollection {
  return (SYNCED_COLLECTIONS as readonly string[]).includes(name);
}

/**
 * A holiday schedule for one year (days off and make-up working days) as the province keeps and
 * syncs it, edited by a province admin. shared/calendar's HolidaySchedule is the calendar's own form
 * of a year (renderer/db/holidays.ts converts); the wire only needs this shape.
 */
export const syncedHolidayScheduleSchema = z.object({
  id: idSchema,
  year: z.number().int().min(2000).max(2100),
  /** Days off (dd are Vietnam calendar dates). */
  daysOff: z.array(z.object({ date: isoDateSchema, name: z.string().max(200) })).max(120),
  /** Official make-up working days (usually Saturdays). */
  workingDays: z.array(z.object({ date: isoDateSchema, name: z.string().max(200) })).max(60),
  updatedAt: isoDateTimeSchema,
});
export type SyncedHolidaySchedule = z.infer<typeof syncedHolidayScheduleSchema>;

/** Body schema of each collection's documents (without the `_deleted` flag). */
export const COLLECTION_SCHEMAS = {
  dossiers: dossierSchema,
  dossier_events: dossierEventSchema,
  procedures: procedureSchema,
  sectors: sectorSchema,
  officers: officerSchema,
  offices: officeSchema,
  counters: counterSchema,
  holidays: syncedHolidayScheduleSchema,
} as const;

/**
 * What a counter may push, parsed strictly: a field the schema does not know is refused with its
 * name, never stored. A counter's dossier carries one derived search field besides the Dossier's
 * (renderer/db/dossier-doc.ts); an event carries its hashed fields and `hash`, nothing outside it.
 */
export const PUSHED_SCHEMAS = {
  dossiers: dossierSchema.extend({ applicantGiven: z.string().max(200).optional() }).strict(),
  dossier_events: dossierEventSchema.strict(),
} as const;

/** Size limits (bytes of JSON) checked before anything is parsed or stored. */
export const LIMITS = {
  maxDocumentBytes: 64 * 1024,
  maxPushRows: 500,
  maxPullBatch: 1000,
  maxBodyBytes: 8 * 1024 * 1024,
  /** Nesting of a request body (objects and arrays), checked before anything recursive reads it. */
  maxBodyDepth: 32,
} as const;

/** A document as it travels: its body plus RxDB's deleted flag (deletes are tombstones). */
export const wireDocumentSchema = z.looseObject({ id: idSchema, _deleted: z.boolean() });
export type WireDocument = z.infer<typeof wireDocumentSchema>;

export const pullQuerySchema = z.object({
  /** Absent on the first pull. */
  seq: z.coerce.number().int().min(0).optional(),
  id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPullBatch).default(200),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/**
 * A document in a pull page: the server writes `_deleted` only on tombstones (a live document goes
 * out as stored), so an absent flag means false.
 */
export const pulledDocumentSchema = z.looseObject({ id: idSchema, _deleted: z.boolean().default(false) });

/**
 * Names one replica of a sync client (a counter's replication, new at every start) on its pushes and
 * pulls. The server records it with each version it stores as pushed, and a pull by the same replica
 * leaves those out: the counter holds them already (RxDB notes a pushed version as the server's once
 * the push is answered). A restarted client has a new one, so a replica copied back from an older
 * state still pulls everything after its checkpoint. Optional: without it nothing is left out.
 */
export const REPLICA_HEADER = 'x-motcua-replica';

/**
 * What a counter tells the province about itself on every sync request, for the console's device
 * list: its app version, its clock when it sent the request (the server derives the offset), and how
 * many local changes await the server. Each is optional and checked; a bad value is ignored.
 */
export const DEVICE_REPORT_HEADERS = {
  appVersion: 'x-motcua-app-version',
  sentAt: 'x-motcua-sent-at',
  pending: 'x-motcua-pending',
} as const;
export const deviceReportSchema = z.object({
  appVersion: z
    .string()
    .regex(/^[0-9A-Za-z.+-]{1,40}$/)
    .optional()
    .catch(undefined),
  sentAt: z.coerce.number().int().min(0).max(8.64e15).optional().catch(undefined),
  pending: z.coerce.number().int().min(0).max(10_000_000).optional().catch(undefined),
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;
export const replicaSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a replica id is 16 to 64 letters, digits, "-" or "_"');

/**
 * A pull page. As JSON: this object. As NDJSON (asked for with `accept: application/x-ndjson`, see
 * ndjson.ts): a first line with `checkpoint`, `serverTime` and `more`, then one document per line.
 */
export const pullResponseSchema = z.object({
  documents: z.array(pulledDocumentSchema),
  checkpoint: checkpointSchema.nullable(),
  /** Server time (ISO) so the client can measure its clock offset. */
  serverTime: isoDateTimeSchema,
  /**
   * The page read as many changes as the limit allows, so more may follow even when fewer documents
   * came (the asking replica's own were left out): ask again from the checkpoint.
   */
  more: z.boolean().default(false),
  /** Documents of the page the asking replica pushed itself: at most the last, sent as the checkpoint. */
  echoed: z.number().int().min(0).default(0),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const pushRowSchema = z.strictObject({
  newDocumentState: wireDocumentSchema,
  assumedMasterState: wireDocumentSchema.nullable().optional(),
});
export type PushRow = z.infer<typeof pushRowSchema>;

export const pushRequestSchema = z.strictObject({
  rows: z.array(pushRowSchema).max(LIMITS.maxPushRows),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * Why a pushed document was refused. Messages are i18n keys under `sync.reject.*`. `retryable`
 * rejections (e.g. a dossier whose events have not arrived yet) clear up on a later push.
 */
export const REJECT_REASONS = [
  'schema_invalid',
  'too_large',
  'wrong_office',
  'officer_not_in_office',
  'chain_broken',
  'history_invalid',
  'events_missing',
  'immutable',
  'read_only_collection',
  // Another dossier of the office already holds the code: kept for the supervisor (GET /conflicts).
  'duplicate_code',
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof rejectReasonSchema>;
export const RETRYABLE_REASONS: readonly RejectReason[] = ['events_missing', 'chain_broken'];

export const rejectedDocumentSchema = z.object({
  id: z.string(),
  /** HTTP-style status of this one document (4xx). */
  status: z.number().int().min(400).max(499),
  reason: rejectReasonSchema,
  /** Plain detail for logs and the supervisor (field path, rule broken). */
  detail: z.string().max(2000),
});
export type RejectedDocument = z.infer<typeof rejectedDocumentSchema>;

export const pushResponseSchema = z.object({
  /** Real master states for rows whose assumed master was not the server's (RxDB conflicts). */
  conflicts: z.array(wireDocumentSchema),
  rejected: z.array(rejectedDocumentSchema),
  /** Ids merged field by field on the server, and ids kept for the supervisor (true conflicts). */
  merged: z.array(z.string()),
  unresolved: z.array(z.string()),
  serverTime: isoDateTimeSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * Server-Sent Events on /sync/stream (one per device). The server only ever says "resync": sent on
 * (re)connect with no collections (= all), then after changes the device may see. The client answers
 * with a pull from its checkpoint (RxDB's 'RESYNC'), so the stream can never make it skip a change.
 */
export const streamMessageSchema = z.object({
  type: z.literal('resync'),
  collections: z.array(collectionNameSchema),
  serverTime: isoDateTimeSchema,
});
export type StreamMessage = z.infer<typeof streamMessageSchema>;

/** Device enrolment: IT staff type the one-time code issued by a province admin. */
export const enrolRequestSchema = z.strictObject({
  code: z.string().min(8).max(64),
  counterId: idSchema,
  deviceName: z.string().min(1).max(100),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const DEVICE_ROLES = ['counter', 'province'] as const;
export const deviceRoleSchema = z.enum(DEVICE_ROLES);
export type DeviceRole = z.infer<typeof deviceRoleSchema>;

export const enrolResponseSchema = z.object({
  deviceId: idSchema,
  officeId: idSchema,
  counterId: idSchema,
  role: deviceRoleSchema,
  /** Bearer credential, shown once; the server keeps only its hash. */
  token: z.string().min(32),
  serverTime: isoDateTimeSchema,
  /**
   * A counter's numbering (shared/codes): the slot the server gave this device, the office's layout,
   * and the last day its offline range stays closed (null: open at once). Absent for province devices.
   */
  slot: z.number().int().min(0).optional(),
  layout: codeLayoutSchema.optional(),
  fallbackClosedThrough: isoDateSchema.nullable().optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** The longest an enrolment code stays valid: seven days (every route that issues one, and the CLI). */
export const ENROL_CODE_MAX_MINUTES = 7 * 24 * 60;

/** Minutes an enrolment code stays valid: a day unless asked otherwise. */
export const enrolCodeTtlSchema = z
  .number()
  .int()
  .min(1)
  .max(ENROL_CODE_MAX_MINUTES)
  .default(24 * 60);

export const enrolCodeRequestSchema = z.strictObject({
  officeId: idSchema,
  role: deviceRoleSchema.default('counter'),
  /** The counter the code enrols a PC as (role counter); without it the PC names its counter. */
  counterId: idSchema.optional(),
  ttlMinutes: enrolCodeTtlSchema,
});
export type EnrolCodeRequest = z.infer<typeof enrolCodeRequestSchema>;

export const enrolCodeResponseSchema = z.object({ code: z.string(), expiresAt: isoDateTimeSchema });

/** Errors of whole requests (auth, validation): `code` is an i18n key under `sync.error.*`. */
export const ERROR_CODES = [
  'unauthenticated',
  'revoked',
  'forbidden',
  'bad_request',
  'not_found',
  'enrol_code_invalid',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;
export const errorBodySchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * What a conflict record is about. `fields`: the field merge could not decide (master and incoming
 * are two versions of one dossier). `duplicate_code`: a dossier was refused because another dossier
 * of its office holds its code (master is the dossier holding the code, incoming the refused one).
 */
export const CONFLICT_KINDS = ['fields', 'duplicate_code'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** One of the two dossiers of a duplicate code, as the supervisor tells them apart. */
export const duplicateCodeDossierSchema = z.object({
  dossierId: z.string(),
  code: z.string(),
  counterId: z.string(),
  applicantName: z.string(),
});
export type DuplicateCodeDossier = z.infer<typeof duplicateCodeDossierSchema>;

/**
 * A conflict for the supervisor: a dossier kept with both versions because the field merge could
 * not decide, or (kind `duplicate_code`) a dossier refused for a code its office already holds.
 */
export const conflictRecordSchema = z.object({
  id: z.number().int(),
  dossierId: idSchema,
  officeId: idSchema,
  fields: z.array(z.string()),
  ancestor: wireDocumentSchema.nullable(),
  master: wireDocumentSchema,
  incoming: wireDocumentSchema,
  deviceId: z.string(),
  createdAt: isoDateTimeSchema,
  resolved: z.boolean(),
  /** Absent from servers that knew only field conflicts. */
  kind: z.enum(CONFLICT_KINDS).default('fields'),
  /** For `duplicate_code`: the dossier stored with the code and the one refused (`dossierId`). */
  duplicate: z
    .object({
      code: z.string(),
      kept: duplicateCodeDossierSchema,
      refused: duplicateCodeDossierSchema,
    })
    .optional(),
});
export type ConflictRecord = z.infer<typeof conflictRecordSchema>;
/** GET /conflicts: the office's conflicts not yet reviewed (?all=1: also the reviewed ones). */
export const conflictListSchema = z.object({ conflicts: z.array(conflictRecordSchema) });

/** Clock offsets above this are shown to the officer. */
export const CLOCK_SKEW_WARN_MS = 2 * 60 * 1000;

export const AUTH_HEADER = 'authorization';
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
