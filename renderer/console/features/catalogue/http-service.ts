import { XLSX_TYPE, importLineSchema, type ImportResult } from '../../../../shared/catalogue';
import type { Office, Procedure, Sector } from '../../../../shared/domain';
import type { CatalogueService, PublicListing, TransferProgress } from './service';

export interface ConsoleHttpOptions {
  /** The console API's base, e.g. `https://tinh.example.vn/console/api` (server/app.ts CONSOLE_API_PREFIX). */
  baseUrl: string;
  /** The signed-in admin's headers (e.g. authorization), asked before every request. */
  authHeaders: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
}

/** An answer other than 2xx: its status, the server's message and its reason code when it gave one. */
export class ConsoleHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** Fetch with the admin's headers; throws ConsoleHttpError with the server's message on failure. */
export function consoleFetcher(
  opts: ConsoleHttpOptions,
): (path: string, init?: RequestInit) => Promise<Response> {
  const doFetch = opts.fetch ?? fetch.bind(globalThis);
  return async (path, init = {}) => {
    const headers = {
      ...(await opts.authHeaders()),
      ...(init.headers as Record<string, string> | undefined),
    };
    const res = await doFetch(`${opts.baseUrl}${path}`, { ...init, headers });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { message?: unknown; error?: unknown } | null;
      throw new ConsoleHttpError(
        res.status,
        typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`,
        typeof body?.error === 'string' ? body.error : null,
      );
    }
    return res;
  };
}

/** Reads a body chunk by chunk, reporting bytes received against Content-Length. */
async function readAll(res: Response, onProgress?: (p: TransferProgress) => void): Promise<Uint8Array> {
  const total = Number(res.headers.get('content-length')) || null;
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    done += next.value.byteLength;
    onProgress?.({ type: 'progress', phase: 'downloading', done, total });
  }
  const out = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads an NDJSON import answer: progress lines to `onProgress`, the result line returned. */
async function readImport(res: Response, onProgress?: (p: TransferProgress) => void): Promise<ImportResult> {
  const decoder = new TextDecoder();
  let buffered = '';
  let result: ImportResult | null = null;
  const take = (line: string) => {
    if (line.trim() === '') return;
    const parsed = importLineSchema.parse(JSON.parse(line));
    if (parsed.type === 'progress') onProgress?.(parsed);
    else result = parsed;
  };
  const reader = res.body?.getReader();
  if (!reader) (await res.text()).split('\n').forEach(take);
  else
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      buffered += decoder.decode(next.value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(take);
    }
  take(buffered);
  if (!result) throw new ConsoleHttpError(502, 'Máy chủ ngắt kết nối trước khi trả kết quả nhập.');
  return result;
}

export function createCatalogueHttpService(opts: ConsoleHttpOptions): CatalogueService {
  const request = consoleFetcher(opts);
  const upload =
    (step: 'preview' | 'commit') =>
    async (workbook: Uint8Array, onProgress?: (p: TransferProgress) => void) => {
      const res = await request(`/catalogue/import/${step}`, {
        method: 'POST',
        headers: { 'content-type': XLSX_TYPE },
        body: workbook as BodyInit,
      });
      return readImport(res, onProgress);
    };
  return {
    listProcedures: async () =>
      (await (await request('/catalogue/procedures')).json()) as {
        procedures: Procedure[];
        sectors: Sector[];
      },
    listOffices: async () => (await (await request('/catalogue/offices')).json()) as Office[],
    async exportWorkbook(onProgress) {
      const res = await request('/catalogue/export');
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
      return { bytes: await readAll(res, onProgress), fileName: name ?? 'danh-muc-thu-tuc.xlsx' };
    },
    previewImport: upload('preview'),
    commitImport: upload('commit'),
    async publicListing(officeId, date) {
      const query = new URLSearchParams({ officeId, ...(date ? { date } : {}) });
      return (await (await request(`/catalogue/listing?${query}`)).json()) as PublicListing;
    },
  };
}
