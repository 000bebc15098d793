import { z } from 'zod';
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { adminCounterSchema, adminDeviceSchema, ENROL_CODE_MAX_MINUTES } from '../admin/contract';
import { idSchema, isoDateTimeSchema } from '../domain/primitives';
import { canonicalJson } from './changes';
import { fromBase64, toBase64 } from './credentials';

/**
 * What an office admin asks of the province server about the office's counters from a counter app
 * (issue 24): list the counters and their PCs, issue an enrolment code for a counter, revoke or
 * retire a PC. Each request is signed by the admin officer's key (credentials.ts), so a counter's
 * device token alone (a stolen PC) can do none of it; the server checks the signature against its
 * own roster, the admin's office against the device's, and refuses an id it has seen (a replay).
 */
const base = {
  /** Unique per request: the server records it and refuses it a second time. */
  id: idSchema,
  /** The admin officer who signs. */
  actorId: idSchema,
  /** When it was signed: the server refuses a request far from its own clock. */
  at: isoDateTimeSchema,
};

export const counterChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('list'), ...base }),
  z.strictObject({
    kind: z.literal('issue_code'),
    ...base,
    counterId: idSchema,
    ttlMinutes: z.number().int().min(1).max(ENROL_CODE_MAX_MINUTES),
  }),
  z.strictObject({
    kind: z.literal('revoke_device'),
    ...base,
    deviceId: z.string().min(1).max(64),
    reason: z.enum(['revoked', 'retired']),
  }),
]);
export type CounterChange = z.infer<typeof counterChangeSchema>;

export const signedCounterChangeSchema = z.strictObject({
  change: counterChangeSchema,
  /** Ed25519 signature (64 bytes, base64) by the actor's signing key over counterChangeMessage(change). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type SignedCounterChange = z.infer<typeof signedCounterChangeSchema>;

/** How far a request's `at` may be from the server's clock (a counter's clock may run a little off). */
export const COUNTER_CHANGE_WINDOW_MS = 10 * 60 * 1000;

export const COUNTER_CHANGE_REFUSALS = [
  'unknown_officer',
  'other_office',
  'actor_inactive',
  'not_admin',
  'no_signing_key',
  'bad_signature',
  'stale',
  'duplicate',
  'unknown_counter',
  'unknown_device',
  'own_device',
  'too_long',
] as const;
export type CounterChangeRefusal = (typeof COUNTER_CHANGE_REFUSALS)[number];

/** A refused request's answer (HTTP 403, 404 or 409). */
export const counterChangeRefusedSchema = z.object({
  error: z.string(),
  reason: z.enum(COUNTER_CHANGE_REFUSALS),
  message: z.string(),
});

export const officeCountersResponseSchema = z.object({
  counters: z.array(adminCounterSchema),
  devices: z.array(adminDeviceSchema),
});
export type OfficeCountersResponse = z.infer<typeof officeCountersResponseSchema>;

export const issuedCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: isoDateTimeSchema,
  officeId: idSchema,
  counterId: idSchema,
});
export type IssuedCodeResponse = z.infer<typeof issuedCodeResponseSchema>;

export const revokedResponseSchema = z.object({
  deviceId: z.string(),
  reason: z.enum(['revoked', 'retired']),
});

const COUNTER_CHANGE_CONTEXT = 'motcua-counter-change-v1\n';
export const counterChangeMessage = (change: CounterChange): Uint8Array =>
  utf8ToBytes(COUNTER_CHANGE_CONTEXT + canonicalJson(counterChangeSchema.parse(change)));

export function signCounterChange(change: CounterChange, seed: Uint8Array): SignedCounterChange {
  return { change, signature: toBase64(ed25519.sign(counterChangeMessage(change), seed)) };
}

export function verifyCounterChangeSignature(signed: SignedCounterChange, signingKey: string): boolean {
  try {
    return ed25519.verify(
      fromBase64(signed.signature),
      counterChangeMessage(signed.change),
      fromBase64(signingKey),
    );
  } catch {
    return false;
  }
}
