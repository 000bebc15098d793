import { z } from 'zod';
import { dossierStatusSchema } from './dossier';
import { idSchema, isoDateTimeSchema } from './primitives';
import { roleSchema } from './roles';

/**
 * Audit event of a dossier: immutable, append-only, keyed by a client-made id, hash-chained per
 * dossier (`hash` covers every other field including `prevHash`), so tampering is detectable.
 */
export const dossierEventSchema = z.object({
  id: idSchema,
  dossierId: idSchema,
  officeId: idSchema,
  /** 1-based position in the dossier's chain. */
  seq: z.number().int().min(1),
  type: z.string().min(1).max(40),
  from: dossierStatusSchema.nullable(),
  to: dossierStatusSchema,
  actorId: idSchema,
  actorName: z.string().max(120),
  actorRole: roleSchema,
  counterId: idSchema,
  at: isoDateTimeSchema,
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string().max(128),
  hash: z.string().length(64),
});
export type DossierEvent = z.infer<typeof dossierEventSchema>;
