import type { PushRow } from '../../../shared/sync/contract';

/**
 * Splits what RxDB hands one push call into requests. A large backlog goes as several requests side
 * by side, so the server validates one while it commits another and this counter prepares the next.
 * Events of one dossier stay in one request: an event whose parent travels in another request still
 * in flight would have to wait for it (see Pusher.pushEventsInOrder in push.ts).
 */
export function pushParts(
  rows: readonly PushRow[],
  options: { maxRows: number; parts: number; minRows: number; groupOf?: (row: PushRow) => string },
): PushRow[][] {
  if (rows.length === 0) return [];
  const wanted = Math.max(1, Math.min(options.parts, Math.floor(rows.length / options.minRows)));
  const target = Math.min(options.maxRows, Math.max(options.minRows, Math.ceil(rows.length / wanted)));
  // Runs of rows that must travel together (consecutive rows of one group; a group's rows are
  // gathered first, keeping the order in which groups first appear).
  const runs: PushRow[][] = [];
  if (options.groupOf) {
    const byGroup = new Map<string, PushRow[]>();
    for (const row of rows) {
      const key = options.groupOf(row);
      const run = byGroup.get(key);
      if (run) run.push(row);
      else {
        const fresh = [row];
        byGroup.set(key, fresh);
        runs.push(fresh);
      }
    }
  } else runs.push(...rows.map((row) => [row]));
  const parts: PushRow[][] = [];
  let current: PushRow[] = [];
  for (const run of runs) {
    if (current.length > 0 && current.length + run.length > target) {
      parts.push(current);
      current = [];
    }
    // A group larger than a request (hundreds of events of one dossier) is cut where it must be.
    for (let i = 0; i < run.length; i += options.maxRows) {
      const piece = run.slice(i, i + options.maxRows);
      if (current.length > 0 && current.length + piece.length > options.maxRows) {
        parts.push(current);
        current = [];
      }
      current.push(...piece);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Runs `task` over `items` with at most `limit` running at once; results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
