import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './primitives';

/** File types a counter may attach as a scan: PDF, JPEG, PNG. */
export const SCAN_MIMES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ScanMime = (typeof SCAN_MIMES)[number];
/** The largest file one attachment may hold (a multi-page scan at counter resolution fits). */
export const MAX_SCAN_BYTES = 25 * 1024 * 1024;
/** The `documentId` of an attachment that digitises the dossier's result, not a component. */
export const RESULT_DOCUMENT = 'result';

/** A SHA-256 digest in lower-case hex: the name of a stored file, on the counter and the server. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'validation.scan_hash_invalid');

/**
 * What an attach_scan step records: the file by its hash (the bytes travel apart, see
 * shared/scans), which required document of the procedure it digitises (or the result), and when.
 */
export const scanAttachmentSchema = z.strictObject({
  sha256: sha256HexSchema,
  size: z.number().int().min(1).max(MAX_SCAN_BYTES),
  mime: z.enum(SCAN_MIMES),
  name: z.string().trim().min(1).max(200),
  documentId: z.union([idSchema, z.literal(RESULT_DOCUMENT)]),
  attachedAt: isoDateTimeSchema,
});
export type ScanAttachmentFields = z.infer<typeof scanAttachmentSchema>;
