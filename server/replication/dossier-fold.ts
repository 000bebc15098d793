import type { Dossier, DossierEvent } from '../../shared/domain';
import type { RejectedDocument } from '../../shared/sync/contract';
import { sameValue } from '../../shared/sync/merge';
import { validateHistory } from '../../shared/workflow/chain';
import { reject } from './push-checks';

/**
 * A dossier is the fold of its event chain (shared/workflow replays it): the server compares each
 * pushed dossier with the fold of the events it holds, so status, dates, code and result can never
 * say what no recorded step said.
 *
 * A chain without forks (one event per step) leaves one dossier per head: the pushed dossier must be
 * the fold of its events up to its head, field for field. Offline counters acting on one dossier at
 * once make forks; their dossiers (and the merge of them) legitimately differ in what same-status
 * steps edit (the applicant's contact details, the notes). Then every other field is taken from the
 * fold of the whole chain, and the edited ones must each hold a value some step recorded.
 */

/** Fields a counter derives for its own search: not recorded by steps, not compared. */
const DERIVED: ReadonlySet<string> = new Set(['applicantSearch', 'applicantGiven']);
/** Fields offline branches of one dossier may each edit (merged field by field, see write-group.ts). */
export const BRANCH_FIELDS: ReadonlySet<string> = new Set(['applicant', 'notes']);

export type FoldVerdict =
  /** `forced`: fields the stored version takes from the fold (forked chains), or null (as pushed). */
  { ok: true; forced: Record<string, unknown> | null } | { ok: false; refusal: RejectedDocument };

/** The fold of events the server holds (validated on their way in), or null when they make none. */
export function foldOf(events: readonly DossierEvent[]): Dossier | null {
  const check = validateHistory(events, { schemaChecked: true, trusted: events.length });
  return check.ok ? check.dossier : null;
}

const shown = (value: unknown): string => JSON.stringify(value ?? null).slice(0, 80);

/** Checks a pushed dossier whose head event (`head`) is in `history` (all events the server holds). */
export function checkAgainstChain(
  pushed: Dossier,
  history: readonly DossierEvent[],
  head: DossierEvent,
): FoldVerdict {
  const name = pushed.code || pushed.id;
  const refuse = (detail: string): FoldVerdict => ({
    ok: false,
    refusal: reject(pushed.id, 422, 'history_invalid', `dossier ${name}: ${detail}`),
  });
  if (pushed.eventCount !== head.seq)
    return refuse(`eventCount ${pushed.eventCount}, but its latest event is step ${head.seq}`);
  const seqs = new Set(history.map((e) => e.seq));
  const forked = seqs.size !== history.length;
  if (!forked) {
    const fold = foldOf(history.filter((e) => e.seq <= head.seq));
    if (!fold) return refuse('its events make no valid dossier');
    const field = firstDifference(pushed as unknown as Record<string, unknown>, fold);
    if (field === null) return { ok: true, forced: null };
    const got = (pushed as unknown as Record<string, unknown>)[field];
    const want = (fold as unknown as Record<string, unknown>)[field];
    return refuse(`${field} is ${shown(got)} but its events record ${shown(want)}`);
  }
  const fold = foldOf(history);
  if (!fold) return refuse('its events make no valid dossier');
  const unrecorded = unrecordedBranchField(pushed, fold, history);
  if (unrecorded) return refuse(`${unrecorded} holds a value no recorded step set`);
  const forced: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fold)) if (!BRANCH_FIELDS.has(key)) forced[key] = value;
  return { ok: true, forced };
}

/** The first field (outside the derived ones) where the pushed dossier and the fold differ. */
function firstDifference(pushed: Record<string, unknown>, fold: Dossier): string | null {
  const folded = fold as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(pushed), ...Object.keys(folded)]);
  for (const key of keys) {
    if (DERIVED.has(key)) continue;
    if (!sameValue(pushed[key], folded[key])) return key;
  }
  return null;
}

/** A branch field (applicant.x, notes) of the pushed dossier whose value no step of the chain set. */
function unrecordedBranchField(
  pushed: Dossier,
  fold: Dossier,
  history: readonly DossierEvent[],
): string | null {
  const recorded = (pick: (d: Partial<Dossier>) => unknown): unknown[] => [
    pick(fold),
    ...history.map((e) =>
      pick(((e.payload as { changes?: Partial<Dossier> }).changes ?? {}) as Partial<Dossier>),
    ),
  ];
  if (!recorded((d) => d.notes).some((v) => v !== undefined && sameValue(v, pushed.notes))) return 'notes';
  for (const [key, value] of Object.entries(pushed.applicant)) {
    const values = recorded((d) => (d.applicant as Record<string, unknown> | undefined)?.[key]);
    if (!values.some((v) => v !== undefined && sameValue(v, value))) return `applicant.${key}`;
  }
  return null;
}
