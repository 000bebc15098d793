import type { Dossier } from '../../../shared/domain';
import type { RatingScreenResult } from '../../../shared/ipc/contract';
import type { Session } from '../session/service';
import {
  HEARTBEAT_MS,
  PRESENCE_TTL_MS,
  readRatingMessage,
  type RatingAsk,
  type RatingMessage,
  type RatingPort,
} from './messages';

type Rated = Extract<RatingMessage, { kind: 'rated' }>['rating'];

/** What the counter's screens show of the rating screen. */
export interface DeskState {
  /** A rating screen answered within the presence window. */
  attached: boolean;
  /** Dossiers returned and waiting for the citizen's rating, oldest first. */
  waiting: readonly string[];
  /** The last rating that could not be recorded, and why. */
  failed: { dossierId: string; message: string } | null;
}

/** The counter's side of the rating screen: asks the citizen, records the answer as a `rate` step. */
export interface RatingDesk {
  get(): DeskState;
  subscribe(listener: () => void): () => void;
  /** Puts the dossier just returned to the citizen; the answer is recorded by this session's counter. */
  ask(dossier: Dossier, session: Session): void;
  /** Withdraws the question. */
  cancel(dossierId: string): void;
  /** Opens the rating window (desktop: on a second display; web: a second browser window). */
  openScreen(): Promise<RatingScreenResult>;
  close(): void;
}

export interface DeskDeps {
  port: RatingPort;
  /** Records the citizen's rating on the dossier (the `rate` workflow step). */
  record(dossierId: string, rating: Rated, session: Session): Promise<void>;
  openScreen(): Promise<RatingScreenResult>;
  now?: () => number;
  /** Runs `tick` every `ms` until the returned stop is called (setInterval by default). */
  every?: (tick: () => void, ms: number) => () => void;
}

const intervalEvery = (tick: () => void, ms: number): (() => void) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createRatingDesk(deps: DeskDeps): RatingDesk {
  const { port } = deps;
  const now = deps.now ?? Date.now;
  const seen = new Map<string, number>();
  const asks = new Map<string, { ask: RatingAsk; session: Session }>();
  const recording = new Set<string>();
  const listeners = new Set<() => void>();
  let state: DeskState = { attached: false, waiting: [], failed: null };

  const update = (failed: DeskState['failed'] = state.failed) => {
    for (const [id, at] of seen) if (now() - at > PRESENCE_TTL_MS) seen.delete(id);
    const next: DeskState = { attached: seen.size > 0, waiting: [...asks.keys()], failed };
    const same =
      next.attached === state.attached &&
      next.failed === state.failed &&
      next.waiting.length === state.waiting.length &&
      next.waiting.every((id, i) => state.waiting[i] === id);
    if (same) return;
    state = next;
    for (const listener of listeners) listener();
  };

  /** The question on screen is the latest one still waiting. */
  const showLatest = () => {
    const latest = [...asks.values()].at(-1);
    if (latest) port.postMessage(latest.ask);
  };

  const onRated = async (dossierId: string, rating: Rated) => {
    const pending = asks.get(dossierId);
    if (!pending) {
      port.postMessage({ kind: 'recorded', dossierId, ok: false, message: 'not_asked' });
      return;
    }
    if (recording.has(dossierId)) return;
    recording.add(dossierId);
    try {
      await deps.record(dossierId, rating, pending.session);
      asks.delete(dossierId);
      port.postMessage({ kind: 'recorded', dossierId, ok: true, message: '' });
      update(state.failed?.dossierId === dossierId ? null : state.failed);
    } catch (error) {
      const message = messageOf(error).slice(0, 500);
      port.postMessage({ kind: 'recorded', dossierId, ok: false, message });
      update({ dossierId, message });
    } finally {
      recording.delete(dossierId);
    }
  };

  port.addEventListener('message', (event) => {
    const message = readRatingMessage(event.data);
    if (!message) return;
    switch (message.kind) {
      case 'present': {
        const known = seen.has(message.screenId);
        seen.set(message.screenId, now());
        if (!known) showLatest();
        update();
        return;
      }
      case 'bye':
        seen.delete(message.screenId);
        update();
        return;
      case 'rated':
        void onRated(message.dossierId, message.rating);
        return;
      default:
        return;
    }
  });
  const stop = (deps.every ?? intervalEvery)(() => update(), HEARTBEAT_MS);
  port.postMessage({ kind: 'ping' });

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ask(dossier, session) {
      const ask: RatingAsk = {
        kind: 'ask',
        dossierId: dossier.id,
        code: dossier.code,
        applicantName: dossier.applicant.fullName,
        procedureName: dossier.procedureName,
      };
      asks.delete(dossier.id);
      asks.set(dossier.id, { ask, session });
      port.postMessage(ask);
      update();
    },
    cancel(dossierId) {
      if (!asks.delete(dossierId)) return;
      port.postMessage({ kind: 'cancel', dossierId });
      showLatest();
      update();
    },
    openScreen: () => deps.openScreen(),
    close() {
      stop();
      port.close();
    },
  };
}
