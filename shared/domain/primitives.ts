import { z } from 'zod';

/** Client-made identifiers: UUIDs or other URL-safe strings up to 64 characters. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'validation.id_invalid');

/** Instants are ISO-8601 strings with an offset (we store UTC `Z`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Calendar dates `YYYY-MM-DD` (in Vietnam's local calendar). */
export const isoDateSchema = z.iso.date();
