import { z } from 'zod';
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { idSchema, isoDateTimeSchema } from '../domain/primitives';
import { loginVerifierSchema, officerSchema, type Officer } from '../domain/officer';
import { fromBase64, toBase64 } from './credentials';

/**
 * A change to an officer made on a counter: applied there at once, then sent to the province server
 * (at once when online, else at the next sync), which re-checks every rule below against its own
 * copy of the officers and applies it; other counters receive it with their next pull of officers.
 *
 *   set_password    the officer sets their own password (after a one-time password, or a change);
 *   reset_password  an office admin gives the officer a one-time password;
 *   set_active      an office admin deactivates or reactivates the officer.
 *
 * The acting officer signs the change with the key derived from their password (credentials.ts).
 */
const signingKeySchema = officerSchema.shape.signingKey.unwrap().unwrap();

const base = {
  /** Unique per change (the server applies each once: a replay is a duplicate). */
  id: idSchema,
  officerId: idSchema,
  /** Who acts: the officer themself (set_password) or an admin of the same office. */
  actorId: idSchema,
  at: isoDateTimeSchema,
};

export const officerChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('set_password'),
    ...base,
    verifier: loginVerifierSchema,
    signingKey: signingKeySchema,
  }),
  z.object({
    kind: z.literal('reset_password'),
    ...base,
    verifier: loginVerifierSchema,
    signingKey: signingKeySchema,
  }),
  z.object({ kind: z.literal('set_active'), ...base, active: z.boolean() }),
]);
export type OfficerChange = z.infer<typeof officerChangeSchema>;

export const signedOfficerChangeSchema = z.object({
  change: officerChangeSchema,
  /** Ed25519 signature (64 bytes, base64) by the actor's signing key over changeMessage(change). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type SignedOfficerChange = z.infer<typeof signedOfficerChangeSchema>;

export const officerChangesRequestSchema = z.object({
  changes: z.array(signedOfficerChangeSchema).min(1).max(50),
});

export const OFFICER_CHANGE_REFUSALS = [
  'unknown_officer',
  'other_office',
  'actor_inactive',
  'not_admin',
  'not_self',
  'officer_inactive',
  'no_signing_key',
  'bad_signature',
  'stale',
] as const;
export type OfficerChangeRefusal = (typeof OFFICER_CHANGE_REFUSALS)[number];

export const officerChangeResultSchema = z.object({
  id: idSchema,
  status: z.enum(['applied', 'duplicate', 'refused']),
  reason: z.enum(OFFICER_CHANGE_REFUSALS).optional(),
  /** The officer's updatedAt on the server once applied (a counter's pull then includes it). */
  updatedAt: isoDateTimeSchema.optional(),
});
export type OfficerChangeResult = z.infer<typeof officerChangeResultSchema>;
export const officerChangesResponseSchema = z.object({ results: z.array(officerChangeResultSchema) });

/** JSON with object keys sorted at every level: what both sides sign and verify. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const CHANGE_CONTEXT = 'motcua-officer-change-v1\n';
export const changeMessage = (change: OfficerChange): Uint8Array =>
  utf8ToBytes(CHANGE_CONTEXT + canonicalJson(officerChangeSchema.parse(change)));

export function signChange(change: OfficerChange, seed: Uint8Array): SignedOfficerChange {
  return { change, signature: toBase64(ed25519.sign(changeMessage(change), seed)) };
}

export function verifyChangeSignature(signed: SignedOfficerChange, signingKey: string): boolean {
  try {
    return ed25519.verify(fromBase64(signed.signature), changeMessage(signed.change), fromBase64(signingKey));
  } catch {
    return false;
  }
}

/**
 * Whether `actor` may make `change` to `target` from a device of `officeId`, as far as the officers'
 * records tell (the signature is checked apart). The server decides with its own records; the
 * counter checks the same before it applies a change locally.
 */
export function refusalOf(
  change: OfficerChange,
  actor: Officer | null,
  target: Officer | null,
  officeId: string,
): OfficerChangeRefusal | null {
  if (!actor || !target) return 'unknown_officer';
  if (actor.officeId !== officeId || target.officeId !== officeId) return 'other_office';
  if (!actor.active) return 'actor_inactive';
  if (change.kind === 'set_password') {
    if (change.actorId !== change.officerId) return 'not_self';
    if (!target.active) return 'officer_inactive';
  } else if (!actor.roles.includes('admin')) return 'not_admin';
  // A password set before the officer's latest password change (by anyone) must not undo it.
  if (change.kind !== 'set_active' && target.passwordChangedAt && change.at < target.passwordChangedAt)
    return 'stale';
  return null;
}

/** The officer after the change (updatedAt: when it is applied). */
export function applyChange(target: Officer, change: OfficerChange, updatedAt: string): Officer {
  switch (change.kind) {
    case 'set_password':
    case 'reset_password':
      return {
        ...target,
        verifier: change.verifier,
        signingKey: change.signingKey,
        mustChangePassword: change.kind === 'reset_password',
        passwordChangedAt: change.at,
        updatedAt,
      };
    case 'set_active':
      return { ...target, active: change.active, updatedAt };
  }
}
