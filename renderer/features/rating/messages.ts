import { z } from 'zod';
import { idSchema } from '../../../shared/domain';
import { returnRatingSchema } from '../../../shared/workflow/commands';

/**
 * What the counter window and the citizen's rating screen say to each other over a BroadcastChannel:
 * both are pages of this app on one PC (two windows of the desktop app, or two browser windows in
 * web mode), so it works offline. Every message is checked on arrival; anything else is ignored.
 */
export const RATING_CHANNEL = 'motcua-rating';

const screenId = z.string().min(1).max(64);
const dossierId = idSchema;

/** The question the counter puts to the citizen after a return: the dossier just handed back. */
export const ratingAskSchema = z.strictObject({
  kind: z.literal('ask'),
  dossierId,
  code: z.string().max(40),
  applicantName: z.string().max(200),
  procedureName: z.string().max(400),
});
export type RatingAsk = z.infer<typeof ratingAskSchema>;

export const ratingMessageSchema = z.discriminatedUnion('kind', [
  /** Counter → screens: announce yourselves (the counter has just opened). */
  z.strictObject({ kind: z.literal('ping') }),
  /** Screen → counter: a rating screen is attached (sent at start, on ping and as a heartbeat). */
  z.strictObject({ kind: z.literal('present'), screenId }),
  /** Screen → counter: the rating screen is closing. */
  z.strictObject({ kind: z.literal('bye'), screenId }),
  ratingAskSchema,
  /** Counter → screen: the question is withdrawn (rated at the counter, or the officer cancelled). */
  z.strictObject({ kind: z.literal('cancel'), dossierId }),
  /** Screen → counter: the citizen's choice (a reason is required for "dissatisfied"). */
  z.strictObject({ kind: z.literal('rated'), dossierId, rating: returnRatingSchema }),
  /** Counter → screen: the rating was recorded on the dossier, or why not. */
  z.strictObject({ kind: z.literal('recorded'), dossierId, ok: z.boolean(), message: z.string().max(500) }),
]);
export type RatingMessage = z.output<typeof ratingMessageSchema>;
export type RatingMessageInput = z.input<typeof ratingMessageSchema>;

/** The message, or null when it is not one of ours (logged, never acted on). */
export function readRatingMessage(data: unknown): RatingMessage | null {
  const parsed = ratingMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The part of BroadcastChannel both ends use (the browser's, or Node's in tests). */
export interface RatingPort {
  postMessage(message: RatingMessageInput): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export function openRatingPort(): RatingPort {
  return new BroadcastChannel(RATING_CHANNEL) as unknown as RatingPort;
}

/** A screen still counts as attached this long after its last heartbeat. */
export const PRESENCE_TTL_MS = 12_000;
export const HEARTBEAT_MS = 4_000;
