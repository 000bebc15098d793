/**
 * Shared set-up of the sync integration tests: one seeded server (one PostgreSQL) per test file,
 * the counters opened against it (closed after the file), and fetch wrappers that hold requests or
 * responses so a test can order what the client and the server see.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { bearer, type PushResponse } from '../../shared/sync/contract';
import type { SyncClientOptions } from '../../renderer/features/sync/client';
import {
  act,
  enrolCounter,
  OFFICE_A,
  type SeededServer,
  startSeededServer,
  type TestCounter,
  THREE_STEPS,
} from '../integration/harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export type Json = any;

export interface SyncFixture {
  /** The file's server, started before its first test. */
  readonly server: SeededServer;
  /** Every counter opened through the fixture, in order; closed after the file's tests. */
  readonly counters: TestCounter[];
  /** Enrols a device of `counterId` and opens its counter (not yet connected). */
  counter(
    office: string,
    counterId: string,
    withOfficers?: boolean,
    role?: 'counter' | 'province',
  ): Promise<TestCounter>;
  /** An authenticated request to the server, its JSON body parsed. */
  http(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
  /**
   * A counter of office A records `dossiers` three-step dossiers offline, then syncs them with
   * `options`: the end-of-day sync completes, no push is refused, every event is on the server.
   */
  syncBacklog(prefix: string, dossiers: number, options: Partial<SyncClientOptions>): Promise<TestCounter>;
}

/** Starts the file's seeded server before its tests and closes it and its counters after them. */
export function useSyncServer(): SyncFixture {
  let server: SeededServer | undefined;
  const counters: TestCounter[] = [];
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(async () => {
    for (const c of counters) await c.close();
    await server?.close();
  });
  const running = (): SeededServer => {
    if (!server) throw new Error('The sync server starts in beforeAll: use it inside a test');
    return server;
  };

  async function counter(
    office: string,
    counterId: string,
    withOfficers = false,
    role: 'counter' | 'province' = 'counter',
  ): Promise<TestCounter> {
    const c = await enrolCounter(running(), office, counterId, { role, withOfficers });
    counters.push(c);
    return c;
  }

  async function http(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${running().url}${path}`, {
      method,
      headers: { authorization: bearer(token), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: await res.json() };
  }

  async function syncBacklog(
    prefix: string,
    dossiers: number,
    options: Partial<SyncClientOptions>,
  ): Promise<TestCounter> {
    const c = await counter(OFFICE_A, 'a2');
    for (let i = 0; i < dossiers; i++) await act(c, `${prefix}-${i}`, THREE_STEPS);
    const { refused, watching } = watchRefusals();
    c.connect(running().url, { ...options, fetch: watching });
    const summary = await c.sync!.endOfDaySync(20_000);
    expect(summary).toMatchObject({ complete: true, pending: 0, rejected: [] });
    expect(refused).toEqual([]);
    const onServer = await running().store.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE collection = 'dossier_events' AND id LIKE $1`,
      [`${prefix}-%`],
    );
    expect(onServer.rows[0]!.n).toBe(dossiers * THREE_STEPS.length);
    return c;
  }

  return {
    get server() {
      return running();
    },
    counters,
    counter,
    http,
    syncBacklog,
  };
}

/** A fetch for the sync client that records every document a push response refuses. */
export function watchRefusals(): { refused: string[]; watching: typeof fetch } {
  const refused: string[] = [];
  const watching: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (String(input).includes('/push')) {
      const body = (await res.clone().json()) as PushResponse;
      refused.push(...(body.rejected ?? []).map((r) => `${r.id}: ${r.reason}`));
    }
    return res;
  };
  return { refused, watching };
}

/** A fetch for the sync client whose requests to URLs containing `path` wait while held. */
export function requestGate(path: string): { hold(): void; release(): void; fetch: typeof fetch } {
  let held: Promise<void> | null = null;
  let open = () => {};
  return {
    hold() {
      held = new Promise((resolve) => (open = resolve));
    },
    release() {
      held = null;
      open();
    },
    fetch: async (input, init) => {
      if (held && String(input).includes(path)) await held;
      return fetch(input, init);
    },
  };
}

/**
 * A fetch for the sync client that, once armed, keeps the response of the next request to a URL
 * containing `path` from the client until released: the server has answered (its reading is made),
 * the client has not seen it. Later requests pass.
 */
export function responseGate(path: string): {
  arm(): void;
  release(): void;
  held: () => boolean;
  fetch: typeof fetch;
} {
  let armed = false;
  let held = false;
  let open = () => {};
  const released = new Promise<void>((resolve) => (open = resolve));
  return {
    arm() {
      armed = true;
    },
    release: () => open(),
    held: () => held,
    fetch: async (input, init) => {
      const keep = armed && String(input).includes(path);
      if (keep) armed = false;
      const res = await fetch(input, init);
      if (!keep) return res;
      const body = await res.arrayBuffer();
      held = true;
      await released;
      return new Response(body, { status: res.status, headers: res.headers });
    },
  };
}
