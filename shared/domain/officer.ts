import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './primitives';
import { roleSchema } from './roles';

/**
 * Offline-login verifier: a salted slow hash of the officer's password, safe to replicate to
 * every counter of the office. The parameters travel with it so they can be raised later.
 */
export const loginVerifierSchema = z.object({
  algorithm: z.literal('argon2id'),
  saltB64: z.string().min(16).max(200),
  hashB64: z.string().min(16).max(200),
  memoryKiB: z
    .number()
    .int()
    .min(8 * 1024)
    .max(1024 * 1024),
  iterations: z.number().int().min(1).max(20),
  parallelism: z.number().int().min(1).max(8),
});
export type LoginVerifier = z.infer<typeof loginVerifierSchema>;

/** A sign-in name of at least `min` characters: lower case letters, digits, dot, underscore, hyphen. */
export const usernameSchemaOf = (min: number) =>
  z
    .string()
    .min(min)
    .max(50)
    .regex(/^[a-z0-9._-]+$/, 'validation.username_invalid');
export const usernameSchema = usernameSchemaOf(2);

export const officerSchema = z.object({
  id: idSchema,
  officeId: idSchema,
  username: usernameSchema,
  fullName: z.string().min(1).max(120),
  title: z.string().max(120),
  roles: z.array(roleSchema).min(1),
  active: z.boolean(),
  verifier: loginVerifierSchema.nullable(),
  /**
   * Ed25519 public key derived from the password (shared/officers/credentials.ts): the server checks
   * an officer's signed request against it, so a counter proves who acts without sending a password.
   * Absent for officers imported with a precomputed verifier only, until their password is set here.
   */
  signingKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/)
    .nullable()
    .optional(),
  /** Set with a one-time password from the admin: the officer must choose their own at next login. */
  mustChangePassword: z.boolean().optional(),
  /** When the password (or one-time password) was last set through the app or the CLI. */
  passwordChangedAt: isoDateTimeSchema.nullable().optional(),
  updatedAt: isoDateTimeSchema,
});
export type Officer = z.infer<typeof officerSchema>;
