import path from 'node:path';
import { z } from 'zod';
import { ENROL_CODE_MAX_MINUTES } from '../shared/sync/contract';

/** Events dated further ahead than this are refused (counter clocks drift; a forger's does not). */
export const DEFAULT_CLOCK_SKEW_S = 600;
/** Enrolment tries a minute from one address, or for one office. */
export const DEFAULT_AUTH_RATE_PER_MIN = 10;
/** The longest an enrolment code stays valid, minutes (the HTTP route and the CLI alike). */
export const MAX_ENROL_CODE_TTL_MIN = ENROL_CODE_MAX_MINUTES;

/** Server configuration from the environment, validated once at start. */
export const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** A real PostgreSQL; without it the server runs an embedded one. */
  DATABASE_URL: z.string().url().optional(),
  PG_DATA_DIR: z.string().default('.data/pg'),
  /** The desktop app's update feed (installers + electron-builder's .yml), served at /updates/. */
  UPDATES_DIR: z.string().min(1).default('.data/updates'),
  /** The built renderer whose console/ page and assets/ are served at /console/ (`npm run build`). */
  CONSOLE_DIR: z.string().min(1).default('dist/renderer'),
  /** Minutes without a request after which an admin console session ends. */
  ADMIN_IDLE_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Scan files, each named by its SHA-256 (uploads in progress in its `uploads` folder). */
  SCANS_DIR: z.string().min(1).default('.data/scans'),
  /** 0 = pick a free port. */
  PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated browser origins allowed to call the API, or '*' (bearer tokens, no cookies). */
  CORS_ORIGINS: z.string().default('*'),
  /** Seconds to wait for running requests on shutdown. */
  SHUTDOWN_GRACE_S: z.coerce.number().int().min(1).max(120).default(10),
  /** 1 = load the demo office (shared/demo) at start if missing and print an enrolment code for it. */
  /** How far in the future (seconds, by the server's clock) a pushed event may be dated. */
  CLOCK_SKEW_S: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_CLOCK_SKEW_S),
  /** Requests per minute to enrolment (and other login-like routes), per address and per office. */
  AUTH_RATE_PER_MIN: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_AUTH_RATE_PER_MIN),
  SEED_DEMO: z
    .enum(['0', '1', 'false', 'true', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});
export type ServerConfig = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** CORS_ORIGINS as the app option: '*' or a list of origins. */
export function corsOriginsOf(config: ServerConfig): '*' | string[] {
  const value = config.CORS_ORIGINS.trim();
  return value === '*'
    ? '*'
    : value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
}

/** The updates folder, absolute, from the environment (only this variable is read). */
export function updatesDirOf(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(configSchema.shape.UPDATES_DIR.parse(env.UPDATES_DIR));
}

/** The console folder, absolute, from the environment (only this variable is read). */
export function consoleDirOf(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(configSchema.shape.CONSOLE_DIR.parse(env.CONSOLE_DIR));
}

/** The scans folder, absolute, from the environment (only this variable is read). */
export function scansDirOf(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(configSchema.shape.SCANS_DIR.parse(env.SCANS_DIR));
}
