import {
  applyLease,
  codeLeaseSchema,
  leaseRequests,
  slotAnswerSchema,
  slotRequest,
  stateForSlot,
} from '../../../shared/codes';
import type { CodeLeaseRequest } from '../../../shared/codes';
import type { DirectoryRepository } from '../../db';

/** Leases asked for when fewer unused leased numbers than this are left for a day. */
export const LEASE_LOW_WATER = 5;
/** Numbers asked for in one lease: small, so numbering stays compact across the office's counters. */
export const LEASE_BLOCK = 20;
/** After a failed or refused lease request, the next attempt waits this long (or the link returning). */
export const LEASE_RETRY_MS = 30_000;

/** Asks the server for one block: the lease, or null when refused (exhausted, closed) or unreachable. */
export type LeaseRequester = (request: CodeLeaseRequest) => Promise<unknown>;

/** Asks the server for the slot of a restored state's new epoch: the answer, or null when refused. */
export type SlotRequester = (request: {
  officeId: string;
  counterId: string;
  epoch: string;
}) => Promise<unknown>;

export interface CodeLeaserOptions {
  repo: Pick<DirectoryRepository, 'updateCodeState' | 'readCodeState'>;
  requestLease: LeaseRequester;
  /** Without it a restored state keeps numbering from leases only until it is enrolled again. */
  requestSlot?: SlotRequester;
  now?: () => number;
}

/**
 * Keeps the counter's lease of dossier numbers topped up while online (shared/codes leaseRequests and
 * applyLease): today and the next day, refilled once fewer than LEASE_LOW_WATER are left. It runs in
 * the background (after enrolment, when the link returns, after each code issued): issuing a code
 * never waits for it, and offline the counter numbers from its slot's own range instead. A state
 * restored from a backup or found to be a copy (needsSlot) first asks for a slot of its own.
 */
export class CodeLeaser {
  private running: Promise<void> | null = null;
  private again = false;
  private retryAt = 0;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: CodeLeaserOptions) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Tops up now unless a top-up is running (then once more after it) or a failure is recent
   * (`force`: the link just came back). Resolves when done; never rejects.
   */
  topUp(force = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (force) this.retryAt = 0;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.once();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Asks for and applies the slot of a restored state's epoch; the state now held (null: refused). */
  private async slotFor(wanted: { officeId: string; counterId: string; epoch: string }) {
    let answer: unknown;
    try {
      answer = await this.opts.requestSlot!(wanted);
    } catch {
      answer = null;
    }
    const parsed = slotAnswerSchema.safeParse(answer);
    if (!parsed.success) return null;
    return this.opts.repo.updateCodeState((current) =>
      current ? stateForSlot(current, wanted.epoch, parsed.data) : null,
    );
  }

  private async once(): Promise<void> {
    if (this.now() < this.retryAt) return;
    const nowIso = new Date(this.now()).toISOString();
    let state = await this.opts.repo.readCodeState();
    if (!state) return;
    const wanted = slotRequest(state);
    if (wanted && this.opts.requestSlot) {
      state = (await this.slotFor(wanted)) ?? state;
    }
    for (const request of leaseRequests(state, nowIso, {
      lowWater: LEASE_LOW_WATER,
      blockSize: LEASE_BLOCK,
    })) {
      let lease: unknown;
      try {
        lease = await this.opts.requestLease(request);
      } catch {
        lease = null;
      }
      const parsed = codeLeaseSchema.safeParse(lease);
      if (!parsed.success) {
        this.retryAt = this.now() + LEASE_RETRY_MS;
        return;
      }
      await this.opts.repo.updateCodeState((current) => {
        if (!current) return null;
        const applied = applyLease(current, parsed.data, nowIso);
        return applied.ok ? applied.state : null;
      });
    }
  }
}
