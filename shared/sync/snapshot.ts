import { z } from 'zod';
import { checkpointSchema } from './contract';
import type { DossierStatus } from '../domain/dossier';
import { isoDateTimeSchema } from '../domain/primitives';
import { FINAL_STATUSES } from '../workflow/transitions';

/**
 * The bootstrap snapshot's wire (server/replication/snapshot.ts, renderer/features/sync/bootstrap.ts):
 * GET /sync/snapshot?phase=recent, then ?phase=history with the recent phase's `since` and
 * checkpoints. The body is NDJSON: a head line, then groups (a `{collection, count}` line and that
 * many documents), then an end line with the checkpoints the pull resumes from.
 */
export const SNAPSHOT_PHASES = ['recent', 'history'] as const;
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number];

/**
 * Dossiers in these states leave the recent phase once older than its window: the final ones, and
 * a refusal, which only waits for its return.
 */
export const SNAPSHOT_CLOSED_STATUSES: readonly DossierStatus[] = [...FINAL_STATUSES, 'refused'];

const seq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const snapshotQuerySchema = z
  .strictObject({
    phase: z.enum(SNAPSHOT_PHASES),
    /** The recent window's start: given by the server in the recent phase, passed back for history. */
    since: isoDateTimeSchema.optional(),
    dossiersSeq: seq.optional(),
    dossiersId: z.string().max(64).optional(),
    eventsSeq: seq.optional(),
    eventsId: z.string().max(64).optional(),
  })
  .refine(
    (q) =>
      q.phase === 'recent' ||
      (q.since !== undefined && q.dossiersSeq !== undefined && q.eventsSeq !== undefined),
    { message: 'the history phase needs the recent phase’s since, dossiersSeq and eventsSeq' },
  );
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

export const snapshotHeadSchema = z.object({
  phase: z.enum(SNAPSHOT_PHASES),
  since: isoDateTimeSchema,
  /** Dossiers the phase holds (for the progress bar). */
  dossiers: z.number().int().min(0),
});
export const snapshotGroupSchema = z.object({
  collection: z.enum(['dossiers', 'dossier_events']),
  count: z.number().int().min(0),
});
export const snapshotEndSchema = z.object({
  end: z.literal(true),
  phase: z.enum(SNAPSHOT_PHASES),
  since: isoDateTimeSchema,
  checkpoints: z.object({ dossiers: checkpointSchema, dossier_events: checkpointSchema }),
  documents: z.number().int().min(0),
});
export type SnapshotEnd = z.infer<typeof snapshotEndSchema>;
