import {
  HEARTBEAT_MS,
  readRatingMessage,
  type RatingAsk,
  type RatingMessageInput,
  type RatingPort,
} from './messages';

type RatingInput = Extract<RatingMessageInput, { kind: 'rated' }>['rating'];

/** What the citizen's screen shows. */
export interface ScreenState {
  /** The dossier being rated (kept while sending and on failure). */
  question: RatingAsk | null;
  phase: 'idle' | 'asking' | 'sending' | 'thanks' | 'failed';
  /** Why the counter could not record it (phase 'failed'). */
  message: string;
}

/** The rating screen's side: announces itself, shows the counter's question, sends the answer. */
export interface ScreenLink {
  get(): ScreenState;
  subscribe(listener: () => void): () => void;
  rate(rating: RatingInput): void;
  close(): void;
}

export function createScreenLink(deps: {
  port: RatingPort;
  screenId: string;
  every?: (tick: () => void, ms: number) => () => void;
}): ScreenLink {
  const { port, screenId } = deps;
  const listeners = new Set<() => void>();
  let state: ScreenState = { question: null, phase: 'idle', message: '' };
  const set = (next: ScreenState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const present = () => port.postMessage({ kind: 'present', screenId });

  port.addEventListener('message', (event) => {
    const message = readRatingMessage(event.data);
    if (!message) return;
    const current = state.question?.dossierId;
    switch (message.kind) {
      case 'ping':
        // A counter window (re)opened: the question of the one before it is gone with it.
        if (state.phase === 'asking' || state.phase === 'sending' || state.phase === 'failed')
          set({ question: null, phase: 'idle', message: '' });
        present();
        return;
      case 'ask':
        if (current === message.dossierId && state.phase === 'sending') return;
        set({ question: message, phase: 'asking', message: '' });
        return;
      case 'cancel':
        if (current === message.dossierId && state.phase !== 'thanks')
          set({ question: null, phase: 'idle', message: '' });
        return;
      case 'recorded':
        if (current !== message.dossierId) return;
        set(
          message.ok
            ? { question: null, phase: 'thanks', message: '' }
            : { ...state, phase: 'failed', message: message.message },
        );
        return;
      default:
        return;
    }
  });
  const every =
    deps.every ??
    ((tick: () => void, ms: number) => {
      const timer = setInterval(tick, ms);
      return () => clearInterval(timer);
    });
  const stop = every(present, HEARTBEAT_MS);
  present();

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rate(rating) {
      const question = state.question;
      if (!question || state.phase === 'sending') return;
      port.postMessage({ kind: 'rated', dossierId: question.dossierId, rating });
      set({ question, phase: 'sending', message: '' });
    },
    close() {
      stop();
      port.postMessage({ kind: 'bye', screenId });
      port.close();
    },
  };
}
