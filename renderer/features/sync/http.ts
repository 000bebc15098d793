import appPackage from '../../../package.json' with { type: 'json' };
import {
  DEVICE_REPORT_HEADERS,
  CLOCK_SKEW_WARN_MS,
  REPLICA_HEADER,
  bearer,
  enrolResponseSchema,
  errorBodySchema,
  type EnrolResponse,
} from '../../../shared/sync/contract';
import { NDJSON_TYPE } from '../../../shared/sync/ndjson';
import type { SyncStatus } from './status';
import { randomId } from '../../app/random-id';
import { encodeNdjson, gzip, GZIP_ABOVE_BYTES, readBody } from './wire';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ServerConnectionOptions {
  serverUrl: string;
  token: string;
  fetch: typeof fetch;
  now: () => number;
  /** Compress request bodies above this many bytes (gzip). */
  gzipAboveBytes?: number;
  requestTimeoutMs?: number;
}

/**
 * The client's exchanges with the server, as this device and this run's replica. Every exchange
 * reports into the status: online or not, syncing while one runs, the server's clock offset, the
 * error met.
 */
export class ServerConnection {
  /**
   * This client's replica id, new at every start: the server leaves out of its pulls the versions
   * this client pushed (it holds them), never those of an earlier run, whose local state may have
   * been copied back from before them (REPLICA_HEADER).
   */
  private readonly replica = randomId();
  private inFlight = 0;

  constructor(
    private readonly opts: ServerConnectionOptions,
    private readonly status: SyncStatus,
  ) {}

  /** Who asks, on every request and on the live stream: the device's credential and this run's replica. */
  private identity(): Record<string, string> {
    return {
      authorization: bearer(this.opts.token),
      [REPLICA_HEADER]: this.replica,
      // For the province's device list (shared/sync/contract DEVICE_REPORT_HEADERS).
      [DEVICE_REPORT_HEADERS.appVersion]: appPackage.version,
      [DEVICE_REPORT_HEADERS.sentAt]: String(Date.now()),
      [DEVICE_REPORT_HEADERS.pending]: String(this.status.value.pending),
    };
  }

  /**
   * One exchange with the server: a GET of a pull page (asked for as NDJSON), or a POST of push rows
   * (sent as NDJSON, gzip'd above gzipAboveBytes). Answers the parsed response.
   */
  async request<T>(method: 'GET' | 'POST', path: string, rows?: readonly unknown[]): Promise<T> {
    const headers: Record<string, string> = {
      ...this.identity(),
      accept: `${NDJSON_TYPE}, application/json`,
    };
    let payload: BodyInit | undefined;
    if (rows !== undefined) {
      const bytes = encodeNdjson(rows);
      headers['content-type'] = NDJSON_TYPE;
      if (bytes.length > (this.opts.gzipAboveBytes ?? GZIP_ABOVE_BYTES)) {
        headers['content-encoding'] = 'gzip';
        payload = await gzip(bytes);
      } else payload = bytes;
    }
    const sentAt = this.opts.now();
    this.inFlight++;
    this.status.patch({ syncing: true });
    try {
      let res: Response;
      try {
        res = await this.opts.fetch(`${this.opts.serverUrl}${path}`, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
        });
      } catch (err) {
        this.status.patch({ online: false });
        this.status.noteError('sync.error.offline');
        throw err;
      }
      const json = await readBody(res);
      if (!res.ok) {
        const parsed = errorBodySchema.safeParse(json);
        const code = parsed.success ? parsed.data.error : 'internal';
        this.status.patch({ online: res.status < 500 });
        this.status.noteError(`sync.error.${code}`);
        throw new HttpError(res.status, code, parsed.success ? parsed.data.message : `HTTP ${res.status}`);
      }
      const serverTime = (json as { serverTime?: string } | null)?.serverTime;
      if (serverTime) {
        // Offset against the middle of the round trip: the server stamped somewhere inside it.
        const offset = Date.parse(serverTime) - (sentAt + this.opts.now()) / 2;
        this.status.patch({
          clockOffsetMs: Math.round(offset),
          clockWarning: Math.abs(offset) > CLOCK_SKEW_WARN_MS,
        });
      }
      this.status.patch({ online: true, lastSyncAt: new Date(this.opts.now()).toISOString(), errors: [] });
      return json as T;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.status.patch({ syncing: false });
    }
  }

  /**
   * A JSON POST outside replication (dossier-number leases): answers the parsed body when the server
   * accepts it, null when it refuses; throws when unreachable. Leaves the sync status alone, since a
   * refused lease (the day's leasable part used up) is a normal answer.
   */
  async postJson(path: string, body: unknown): Promise<unknown> {
    const res = await this.opts.fetch(`${this.opts.serverUrl}${path}`, {
      method: 'POST',
      headers: { ...this.identity(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
    });
    const json = await readBody(res);
    return res.ok ? json : null;
  }

  /**
   * A JSON POST outside replication whose refusal must be told from an answer (a dossier lookup):
   * the parsed body; an HttpError when the server refuses; the fetch's own error when the server
   * cannot be reached in `timeoutMs`. Leaves the sync status alone.
   */
  async askJson(path: string, body: unknown, timeoutMs?: number): Promise<unknown> {
    const res = await this.opts.fetch(`${this.opts.serverUrl}${path}`, {
      method: 'POST',
      headers: { ...this.identity(), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs ?? this.opts.requestTimeoutMs ?? 30_000),
    });
    const json = await readBody(res);
    if (res.ok) return json;
    const parsed = errorBodySchema.safeParse(json);
    throw new HttpError(
      res.status,
      parsed.success ? parsed.data.error : 'internal',
      parsed.success ? parsed.data.message : `HTTP ${res.status}`,
    );
  }

  /** Opens the server's live stream of change hints (server-sent events); no timeout, `signal` ends it. */
  openStream(signal: AbortSignal): Promise<Response> {
    return this.opts.fetch(`${this.opts.serverUrl}/sync/stream`, {
      headers: { ...this.identity(), accept: 'text/event-stream' },
      signal,
    });
  }
}

/**
 * Enrol this device with a one-time code; returns the credential to keep in the OS key store and,
 * for a counter, its numbering slot.
 */
export async function enrolDevice(
  serverUrl: string,
  body: { code: string; counterId: string; deviceName: string },
  fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a),
): Promise<EnrolResponse> {
  const res = await fetchImpl(`${serverUrl}/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw new HttpError(
      res.status,
      parsed.success ? parsed.data.error : 'internal',
      parsed.success ? parsed.data.message : `HTTP ${res.status}`,
    );
  }
  return enrolResponseSchema.parse(json);
}
