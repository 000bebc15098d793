import type { z } from 'zod';
import { ADMIN_API, adminErrorSchema, type AdminErrorCode } from '../../../shared/admin/contract';

/** A refusal of the console's API: its code (translated as `error.<code>`) and message. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

const TOKEN_KEY = 'motcua.console.session';

/** The session token: kept for this browser tab only (sessionStorage), never in a cookie. */
export const sessionToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the server ends the session (idle timeout, signed out elsewhere). */
let onSessionEnded: (code: AdminErrorCode) => void = () => {};
export function whenSessionEnds(handler: (code: AdminErrorCode) => void): void {
  onSessionEnded = handler;
}

/** The API base: beside the page (the server serves the console at /console/, its API at /console/api). */
const base = (): string => new URL(ADMIN_API, location.origin).href;

/**
 * One call of the console's API: JSON body, the session's bearer token, the answer parsed with
 * `schema` (shared/admin). A refusal throws ConsoleApiError; an ended session also signs out.
 */
export async function api<T extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  schema: T,
  body?: unknown,
): Promise<z.infer<T>> {
  const headers: Record<string, string> = {};
  const token = sessionToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${base()}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ConsoleApiError(0, 'internal', 'network');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = adminErrorSchema.safeParse(json);
    const code: AdminErrorCode = error.success ? error.data.error : 'internal';
    if (token && path !== '/session' && (code === 'session_expired' || code === 'unauthenticated')) {
      sessionToken.clear();
      onSessionEnded(code);
    }
    throw new ConsoleApiError(res.status, code, error.success ? error.data.message : `HTTP ${res.status}`);
  }
  return schema.parse(json);
}

/** Downloads a text answer (the audit CSV) as a file named `fileName`. */
export async function download(path: string, fileName: string): Promise<void> {
  const token = sessionToken.get();
  const res = await fetch(`${base()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ConsoleApiError(res.status, 'internal', `HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
