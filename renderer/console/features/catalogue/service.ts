import type { ImportProgress, ImportResult } from '../../../../shared/catalogue';
import type { Office, Procedure, Sector } from '../../../../shared/domain';

/** Progress of a long import or export: the server's phases, and the download of an export. */
export type TransferProgress =
  ImportProgress | { type: 'progress'; phase: 'downloading'; done: number; total: number | null };

/** An office's public listing (niêm yết): its active procedures as in force on `asOf`. */
export interface PublicListing {
  office: Office;
  asOf: string;
  sectors: Sector[];
  procedures: Procedure[];
}

/** What the catalogue page needs from the provincial server. */
export interface CatalogueService {
  listProcedures(): Promise<{ procedures: Procedure[]; sectors: Sector[] }>;
  listOffices(): Promise<Office[]>;
  exportWorkbook(
    onProgress?: (p: TransferProgress) => void,
  ): Promise<{ bytes: Uint8Array; fileName: string }>;
  /** What importing the workbook would do; writes nothing. */
  previewImport(workbook: Uint8Array, onProgress?: (p: TransferProgress) => void): Promise<ImportResult>;
  /** Imports the workbook (checked again by the server): its good rows are written. */
  commitImport(workbook: Uint8Array, onProgress?: (p: TransferProgress) => void): Promise<ImportResult>;
  publicListing(officeId: string, date?: string): Promise<PublicListing>;
}
