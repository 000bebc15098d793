import { z } from 'zod';
import { agencyCodeSchema, officeLevelSchema } from '../domain/office';
import { usernameSchema, usernameSchemaOf } from '../domain/officer';
import { idSchema, isoDateTimeSchema } from '../domain/primitives';
import { roleSchema } from '../domain/roles';
import { ENROL_CODE_MAX_MINUTES, enrolCodeTtlSchema } from '../sync/contract';

/**
 * The administration console's HTTP contract (server/admin, renderer/console): every body the
 * console sends is parsed with these schemas on the server, and every answer on the console.
 * The API lives under ADMIN_API; an admin session's token travels as a bearer credential.
 */
export const ADMIN_API = '/console/api';

/** Why an admin request was refused; the console shows `console.error.<code>`. */
export const ADMIN_ERROR_CODES = [
  'unauthenticated',
  'session_expired',
  'bad_credentials',
  'locked',
  'totp_required',
  'totp_invalid',
  'forbidden',
  'bad_request',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
] as const;
export type AdminErrorCode = (typeof ADMIN_ERROR_CODES)[number];
export const adminErrorSchema = z.object({ error: z.enum(ADMIN_ERROR_CODES), message: z.string() });
export type AdminError = z.infer<typeof adminErrorSchema>;

export const adminUsernameSchema = usernameSchemaOf(3);
/** A province admin's password: long enough to resist guessing if the hash ever leaks. */
export const adminPasswordSchema = z.string().min(10).max(200);
export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

export const signInRequestSchema = z.strictObject({
  username: adminUsernameSchema,
  password: z.string().min(1).max(200),
  totp: totpCodeSchema.optional(),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** The signed-in admin as the console shows them. */
export const adminMeSchema = z.object({
  id: idSchema,
  username: z.string(),
  /** Null: a province admin (every office); else the one office this admin manages. */
  officeId: idSchema.nullable(),
  totpEnabled: z.boolean(),
  /** Minutes without a request after which the session ends. */
  idleMinutes: z.number().int().min(1),
});
export type AdminMe = z.infer<typeof adminMeSchema>;
export const signInResponseSchema = z.object({ token: z.string().min(32), admin: adminMeSchema });

export const totpSetupResponseSchema = z.object({ secret: z.string(), uri: z.string() });
export const totpConfirmRequestSchema = z.strictObject({
  secret: z.string().min(16).max(64),
  code: totpCodeSchema,
});

export const adminCreateRequestSchema = z.strictObject({
  username: adminUsernameSchema,
  password: adminPasswordSchema,
  officeId: idSchema.nullable().default(null),
});

export const adminAccountSchema = z.object({
  id: idSchema,
  username: z.string(),
  officeId: idSchema.nullable(),
  totpEnabled: z.boolean(),
  locked: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;

/** An office as the console edits it: the replicated office fields and the sectors it serves. */
export const officeInputSchema = z.strictObject({
  id: idSchema,
  agencyCode: agencyCodeSchema,
  level: officeLevelSchema,
  name: z.string().trim().min(1).max(200),
  parentName: z.string().max(200).default(''),
  address: z.string().max(300).default(''),
  phone: z.string().max(30).default(''),
  sectorIds: z.array(idSchema).max(200).default([]),
});
export type OfficeInput = z.infer<typeof officeInputSchema>;
export const adminOfficeSchema = officeInputSchema.extend({ updatedAt: isoDateTimeSchema });
export type AdminOffice = z.infer<typeof adminOfficeSchema>;

export const counterInputSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(100),
});
export const adminCounterSchema = counterInputSchema.extend({
  officeId: idSchema,
  updatedAt: isoDateTimeSchema,
});
export type AdminCounter = z.infer<typeof adminCounterSchema>;

export { ENROL_CODE_MAX_MINUTES };
export const adminEnrolCodeRequestSchema = z.strictObject({ ttlMinutes: enrolCodeTtlSchema });
export const adminEnrolCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: isoDateTimeSchema,
  officeId: idSchema,
  counterId: idSchema,
});

/**
 * A device as the province sees it. lastSeenAt: its last accepted request. The app version, clock
 * offset (its clock minus the server's) and pending count: as it reported them then (null before).
 */
export const adminDeviceSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  counterId: z.string(),
  role: z.string(),
  name: z.string(),
  enrolledAt: isoDateTimeSchema,
  lastSeenAt: isoDateTimeSchema.nullable(),
  revokedAt: isoDateTimeSchema.nullable(),
  appVersion: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  pending: z.number().nullable(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;
export const revokeRequestSchema = z.strictObject({
  reason: z.enum(['revoked', 'retired']).default('revoked'),
});

export const officerCreateRequestSchema = z.strictObject({
  id: idSchema.optional(),
  officeId: idSchema,
  username: usernameSchema,
  fullName: z.string().trim().min(1).max(120),
  title: z.string().max(120).default(''),
  roles: z.array(roleSchema).min(1),
});
export type OfficerCreateRequest = z.infer<typeof officerCreateRequestSchema>;
export const officerRolesRequestSchema = z.strictObject({ roles: z.array(roleSchema).min(1) });
export const officerActiveRequestSchema = z.strictObject({ active: z.boolean() });
/** An officer as the console lists them (never their verifier or key). */
export const adminOfficerSchema = z.object({
  id: idSchema,
  officeId: idSchema,
  username: z.string(),
  fullName: z.string(),
  title: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  updatedAt: isoDateTimeSchema,
});
export type AdminOfficer = z.infer<typeof adminOfficerSchema>;
/** A one-time password the admin hands over; the officer sets their own at first login. */
export const oneTimePasswordResponseSchema = z.object({ officerId: idSchema, password: z.string() });

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(50).optional(),
  action: z.string().max(60).optional(),
  officeId: idSchema.optional(),
  target: z.string().max(64).optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTimeSchema,
  actor: z.string(),
  officeId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const sectorChoiceSchema = z.object({ id: z.string(), name: z.string() });

export const okSchema = z.object({ ok: z.literal(true) });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
