import { execFile } from 'node:child_process';
import path from 'node:path';
import { ADMIN_API } from '../../shared/admin/contract';

/** What an admin API call answered: its status and parsed body. */
export interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** Calls the console's API at `serverUrl` as the console does (bearer session token, JSON bodies). */
export async function adminCall<T = Record<string, unknown>>(
  serverUrl: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<AdminAnswer<T>> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${serverUrl}${ADMIN_API}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV and other text answers stay text.
  }
  return { status: res.status, body: body as T };
}

/** Signs in and answers the session token (throws with the refusal otherwise). */
export async function adminSignIn(
  serverUrl: string,
  username: string,
  password: string,
  totp?: string,
): Promise<string> {
  const res = await adminCall<{ token: string }>(serverUrl, 'POST', '/session', {
    body: { username, password, totp },
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/**
 * `server/cli.ts admin-create` as IT staff run it on the server machine, against `databaseUrl`,
 * the password typed on standard input. Answers its standard output.
 */
export function adminCreateCli(databaseUrl: string, args: string[], password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
      ['server/cli.ts', 'admin-create', ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, timeout: 120_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(`${password}\n`);
  });
}
