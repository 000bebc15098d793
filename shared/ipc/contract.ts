import { z } from 'zod';
import { provisioningSummarySchema, provisioningIssueSchema } from '../provisioning/schema';

/**
 * The typed IPC contract between the renderer (through the preload bridge) and the main process.
 * Every channel has a zod schema for its arguments and one for its result; the main process parses
 * both (arguments because the renderer is untrusted, results to catch its own mistakes).
 * Answers travel in an envelope so the renderer gets a stable error code, not a stack trace.
 */

export const PAGE_SIZES = ['A5', 'A4'] as const;
export const pageSizeSchema = z.enum(PAGE_SIZES);
export type PageSize = z.infer<typeof pageSizeSchema>;

/** A printed form is a full HTML document made by renderer/print; 4 MB is far above any real form. */
export const MAX_PRINT_HTML_CHARS = 4 * 1024 * 1024;
export const MAX_SAVE_BYTES = 256 * 1024 * 1024;

/** A file name the user will see in the save dialog: no folders, no control or reserved characters. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(120)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, 'file_name_invalid')
  .refine(
    (name) => name !== '.' && name !== '..' && !name.endsWith('.') && !name.endsWith(' '),
    'file_name_invalid',
  );

const htmlSchema = z.string().min(1).max(MAX_PRINT_HTML_CHARS);
const uint8ArraySchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes_expected');
const bytesSchema = uint8ArraySchema.refine((bytes) => bytes.byteLength <= MAX_SAVE_BYTES, 'too_large');

export const printFormArgsSchema = z.strictObject({
  html: htmlSchema,
  pageSize: pageSizeSchema,
  landscape: z.boolean().optional(),
  /** Print straight to the default printer without the dialog (the counter's receipt printer). */
  silent: z.boolean().optional(),
  copies: z.number().int().min(1).max(10).optional(),
});
export type PrintFormArgs = z.infer<typeof printFormArgsSchema>;

export const printResultSchema = z.object({
  printed: z.boolean(),
  /** Chromium's reason when not printed, e.g. 'cancelled' or 'Print job failed'. */
  failureReason: z.string().max(500).optional(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

export const printToPdfArgsSchema = z.strictObject({
  html: htmlSchema,
  pageSize: pageSizeSchema,
  landscape: z.boolean().optional(),
  suggestedName: fileNameSchema,
});
export type PrintToPdfArgs = z.infer<typeof printToPdfArgsSchema>;

/** Where a saved file went: only its name, the renderer never learns paths on the disk. */
export const saveResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), fileName: z.string(), bytes: z.number().int().min(0) }),
  z.object({ saved: z.literal(false), reason: z.enum(['cancelled', 'browser_download', 'browser_print']) }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

export const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(60),
  extensions: z
    .array(z.string().regex(/^[A-Za-z0-9]{1,10}$/))
    .min(1)
    .max(10),
});

export const fileSaveArgsSchema = z.strictObject({
  suggestedName: fileNameSchema,
  data: z.union([z.string().max(MAX_SAVE_BYTES), bytesSchema]),
  mimeType: z.string().max(100).optional(),
  filters: z.array(fileFilterSchema).max(5).optional(),
});
export type FileSaveArgs = z.infer<typeof fileSaveArgsSchema>;

export const noArgsSchema = z.undefined();

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  platform: z.string(),
  electron: z.string().optional(),
  chrome: z.string().optional(),
  packaged: z.boolean(),
  locale: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** 32 random bytes, base64: the password of RxDB's field encryption. */
export const databaseKeySchema = z.object({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) });
export type DatabaseKey = z.infer<typeof databaseKeySchema>;

export const provisioningStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unprovisioned') }),
  z.object({
    state: z.literal('enrolled'),
    provisioning: provisioningSummarySchema,
    deviceId: z.string(),
    officeId: z.string(),
    counterId: z.string(),
    /** Bearer credential for the replication client. */
    token: z.string(),
  }),
]);
export type ProvisioningStatus = z.infer<typeof provisioningStatusSchema>;

export const provisioningImportResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('enrolled'), status: provisioningStatusSchema }),
  /** The file is not valid: each issue carries an i18n key and its Vietnamese text. */
  z.object({ outcome: z.literal('invalid'), issues: z.array(provisioningIssueSchema) }),
  /** The file is valid but the server refused or could not be reached. */
  z.object({
    outcome: z.literal('enrolment_failed'),
    reason: z.enum([
      'enrol_code_invalid',
      'counter_not_found',
      'office_mismatch',
      'unreachable',
      'server_error',
    ]),
    message: z.string(),
  }),
]);
export type ProvisioningImportResult = z.infer<typeof provisioningImportResultSchema>;

export const backupExportArgsSchema = z.strictObject({
  /** Already sealed by renderer/platform/backup.ts: the main process only writes it. */
  data: bytesSchema,
  suggestedName: fileNameSchema,
});
export type BackupExportArgs = z.infer<typeof backupExportArgsSchema>;

export const backupImportResultSchema = z.discriminatedUnion('opened', [
  z.object({ opened: z.literal(true), fileName: z.string(), data: uint8ArraySchema }),
  z.object({ opened: z.literal(false) }),
]);
export type BackupImportResult = z.infer<typeof backupImportResultSchema>;

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export const logWriteArgsSchema = z.strictObject({
  level: z.enum(LOG_LEVELS),
  message: z.string().min(1).max(4000),
  /** Flat context only: never documents (personal data stays out of log files). */
  context: z
    .record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .refine((record) => Object.keys(record).length <= 20, 'too_many_keys')
    .optional(),
});
export type LogWriteArgs = z.infer<typeof logWriteArgsSchema>;

export const UPDATE_STATES = [
  'disabled',
  'idle',
  'checking',
  'up-to-date',
  'downloading',
  'downloaded',
  'error',
] as const;
export const updateStatusSchema = z.object({
  state: z.enum(UPDATE_STATES),
  currentVersion: z.string(),
  /** The version being downloaded or waiting to be installed on the next launch. */
  availableVersion: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  error: z.string().max(1000).optional(),
  checkedAt: z.string().optional(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const ipcContract = {
  'print.form': { args: printFormArgsSchema, result: printResultSchema },
  'print.toPdf': { args: printToPdfArgsSchema, result: saveResultSchema },
  'file.save': { args: fileSaveArgsSchema, result: saveResultSchema },
  'app.info': { args: noArgsSchema, result: appInfoSchema },
  'keys.getDatabaseKey': { args: noArgsSchema, result: databaseKeySchema },
  'provisioning.status': { args: noArgsSchema, result: provisioningStatusSchema },
  'provisioning.import': { args: noArgsSchema, result: provisioningImportResultSchema },
  'backup.export': { args: backupExportArgsSchema, result: saveResultSchema },
  'backup.import': { args: noArgsSchema, result: backupImportResultSchema },
  'log.write': { args: logWriteArgsSchema, result: z.null() },
  'updates.status': { args: noArgsSchema, result: updateStatusSchema },
} as const;

export type IpcChannel = keyof typeof ipcContract;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];
export type IpcArgs<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['args']>;
export type IpcResult<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['result']>;

export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ipcContract, name);
}

/** Error codes the renderer can act on; `message` is plain detail for logs. */
export const IPC_ERROR_CODES = ['bad_arguments', 'forbidden_sender', 'unknown_channel', 'failed'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcEnvelope<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
