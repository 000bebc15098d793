import { z } from 'zod';
import { provisioningSummarySchema, provisioningIssueSchema } from '../provisioning/schema';
import { enrolResponseSchema } from '../sync/contract';

/**
 * The typed IPC contract between the renderer (through the preload bridge) and the main process,
 * declared once in `desktopContract` below. Every call has a zod schema for its argument and one for
 * its answer; the main process parses both (arguments because the renderer is untrusted, answers to
 * catch its own mistakes). Answers travel in an envelope so the renderer gets a stable error code,
 * not a stack trace.
 */

export const PAGE_SIZES = ['A5', 'A4'] as const;
export const pageSizeSchema = z.enum(PAGE_SIZES);
export type PageSize = z.infer<typeof pageSizeSchema>;

/** A printed form is a full HTML document made by the renderer; 4 MB is far above any real form. */
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

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'web']),
  platform: z.string(),
  electron: z.string().optional(),
  chrome: z.string().optional(),
  packaged: z.boolean(),
  locale: z.string(),
  /** Desktop: 'weak' when no OS keychain protects the database key (Linux without a keyring). */
  keyProtection: z.enum(['os', 'weak']).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** 32 random bytes, base64: the password of RxDB's field encryption. */
export const databaseKeySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
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
    /**
     * The enrolment answer's numbering (slot, layout, offline range), which the renderer adopts for
     * its dossier codes. Absent when enrolled by a version that did not keep it.
     */
    numbering: enrolResponseSchema.pick({ slot: true, layout: true, fallbackClosedThrough: true }).optional(),
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
  /** Already sealed with a passphrase by the renderer: the main process only writes it. */
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

/** The citizen's rating screen was opened: on a second display when one is attached. */
export const ratingScreenResultSchema = z.object({
  opened: z.boolean(),
  display: z.enum(['second', 'primary']),
});
export type RatingScreenResult = z.infer<typeof ratingScreenResultSchema>;

/** What the watched scanner folder offers: the new files in it, by name (never a path). */
export const scanFolderOffersArgsSchema = z.strictObject({
  /** The offers' version the renderer already has: the call waits until there is a newer one. */
  seen: z.number().int().min(0),
});
export const scanFolderOffersSchema = z.object({
  /** False where no folder is set (or it cannot be watched): the card shows nothing. */
  watching: z.boolean(),
  version: z.number().int().min(0),
  files: z.array(z.object({ name: fileNameSchema, size: z.number().int().min(0) })).max(50),
});
export type ScanFolderOffers = z.infer<typeof scanFolderOffersSchema>;
export const scanFolderTakeArgsSchema = z.strictObject({ name: fileNameSchema });
export const scanFolderFileSchema = z.object({
  name: fileNameSchema,
  mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  data: uint8ArraySchema,
});
export type ScanFolderFile = z.infer<typeof scanFolderFileSchema>;

/**
 * One IPC call: the channel it travels on, the schema of its one argument (null: it takes none, and
 * the preload sends nothing whatever the page passes) and the schema of its answer (null: a one-way
 * call, which the renderer does not wait for and whose failure it never sees).
 */
export interface IpcCall {
  readonly channel: string;
  readonly args: z.ZodType | null;
  readonly result: z.ZodType | null;
}

/** What the main process accepts as the argument of a call that takes none. */
export const noArgsSchema = z.undefined();

/**
 * The desktop contract: every call the renderer can make to the main process, under the method name
 * the renderer calls it by. The preload's bridge, both renderer platforms and the main process's
 * handlers are typed from it, and the channel table below is read from it.
 */
export const desktopContract = {
  printForm: { channel: 'print.form', args: printFormArgsSchema, result: printResultSchema },
  printToPdf: { channel: 'print.toPdf', args: printToPdfArgsSchema, result: saveResultSchema },
  saveFile: { channel: 'file.save', args: fileSaveArgsSchema, result: saveResultSchema },
  appInfo: { channel: 'app.info', args: null, result: appInfoSchema },
  /** Desktop only: web mode unwraps its data key at login instead (renderer/auth/data-key.ts). */
  getDatabaseKey: { channel: 'keys.getDatabaseKey', args: null, result: databaseKeySchema },
  provisioningStatus: { channel: 'provisioning.status', args: null, result: provisioningStatusSchema },
  /** Desktop only: IT staff choose a provisioning file. */
  importProvisioning: {
    channel: 'provisioning.import',
    args: null,
    result: provisioningImportResultSchema,
  },
  exportBackup: { channel: 'backup.export', args: backupExportArgsSchema, result: saveResultSchema },
  importBackup: { channel: 'backup.import', args: null, result: backupImportResultSchema },
  /** One-way: logging must never hold up or break a counter action. */
  log: { channel: 'log.write', args: logWriteArgsSchema, result: null },
  updateStatus: { channel: 'updates.status', args: null, result: updateStatusSchema },
  /** Opens (or brings forward) the citizen's rating window; it talks to the counter by BroadcastChannel. */
  openRatingScreen: { channel: 'window.openRating', args: null, result: ratingScreenResultSchema },
  /** Desktop only: waits for new files in the scanner folder IT staff set (answers at once if newer). */
  scanFolderOffers: {
    channel: 'scans.folderOffers',
    args: scanFolderOffersArgsSchema,
    result: scanFolderOffersSchema,
  },
  /** Desktop only: reads one offered file (by name) for attaching, and stops offering it. */
  scanFolderTake: {
    channel: 'scans.folderTake',
    args: scanFolderTakeArgsSchema,
    result: scanFolderFileSchema,
  },
} as const satisfies Record<string, IpcCall>;

export type DesktopContract = typeof desktopContract;
export type IpcMethod = keyof DesktopContract;
type ArgsSchemaOf<M extends IpcMethod> = DesktopContract[M]['args'];
type ResultSchemaOf<M extends IpcMethod> = DesktopContract[M]['result'];

/** The parameter list the renderer calls method M with: one argument, or none. */
export type IpcParams<M extends IpcMethod> =
  ArgsSchemaOf<M> extends z.ZodType ? [args: z.input<ArgsSchemaOf<M>>] : [];
/** The argument the main process's handler receives, once parsed. */
export type IpcParsedArgs<M extends IpcMethod> =
  ArgsSchemaOf<M> extends z.ZodType ? z.output<ArgsSchemaOf<M>> : undefined;
/** The answer of method M; one-way calls answer null. */
export type IpcResult<M extends IpcMethod> =
  ResultSchemaOf<M> extends z.ZodType ? z.output<ResultSchemaOf<M>> : null;
export type IpcOneWayMethod = {
  [M in IpcMethod]: ResultSchemaOf<M> extends null ? M : never;
}[IpcMethod];

/** The main process's side of the contract: one handler per method, given the parsed argument. */
export type DesktopHandlers = {
  [M in IpcMethod]: (
    args: IpcParsedArgs<M>,
  ) => M extends IpcOneWayMethod ? void | Promise<void> : IpcResult<M> | Promise<IpcResult<M>>;
};

export const IPC_METHODS = Object.freeze(Object.keys(desktopContract) as IpcMethod[]);
export type IpcChannel = DesktopContract[IpcMethod]['channel'];
/** The channel table: the main process registers exactly these. */
export const IPC_CHANNELS: readonly IpcChannel[] = Object.freeze(
  IPC_METHODS.map((method) => desktopContract[method].channel),
);
const METHOD_BY_CHANNEL: ReadonlyMap<string, IpcMethod> = new Map(
  IPC_METHODS.map((method) => [desktopContract[method].channel, method]),
);

/** The method behind a channel name from the wire, or null when the contract has no such channel. */
export function methodOfChannel(channel: unknown): IpcMethod | null {
  return typeof channel === 'string' ? (METHOD_BY_CHANNEL.get(channel) ?? null) : null;
}

/** Error codes the renderer can act on; `message` is plain detail for logs. */
export const IPC_ERROR_CODES = ['bad_arguments', 'forbidden_sender', 'unknown_channel', 'failed'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcEnvelope<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
