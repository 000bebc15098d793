import type { CopyType, Dossier, DossierEvent, Office, Officer, Procedure } from '../../../shared/domain';

/** Who signs: a full Officer or just the fields printed. */
export type Signatory = Pick<Officer, 'fullName'> & Partial<Pick<Officer, 'title'>>;

/** Fields every A5 form shares. */
export interface FormBase {
  office: Office;
  /** Form number printed after "Số:". Left blank (to fill by hand) when omitted. */
  number?: string;
  /** Place printed before the date line, e.g. "Thái Bình". */
  place?: string;
  /** When the form is issued (ISO instant). Each form documents its default. */
  issuedAt?: string;
}

/** Form 01. `issuedAt` defaults to the dossier's receivedAt. */
export interface ReceiptData extends FormBase {
  dossier: Dossier;
  /** Supplies legal processing time and fees; without it those lines are left out. */
  procedure?: Procedure | null;
  receiver: Signatory;
  /** Where to collect the result; defaults to the office name and address. */
  collectAt?: string;
  /** Register reference, e.g. "Quyển số 01, số thứ tự 0361". */
  registerRef?: string;
  /** Number of dossier sets received; default 1. */
  sets?: number;
  /** Text of the tracking QR; defaults to the dossier code (e.g. pass a lookup URL). */
  trackingText?: string;
}

export interface SupplementItem {
  /** Document name. */
  name: string;
  /** What to add or correct. */
  requirement?: string;
  copyType?: CopyType;
  count?: number;
}

/** Form 02. `issuedAt` defaults to the dossier's updatedAt. */
export interface SupplementData extends FormBase {
  dossier: Dossier;
  officer: Signatory;
  items: SupplementItem[];
  reason: string;
  /** Who to contact, e.g. "Nguyễn Thị B, số điện thoại 0227 3831 234"; defaults to the office phone. */
  contact?: string;
}

/** Form 03. `issuedAt` defaults to the dossier's updatedAt. */
export interface RefusalData extends FormBase {
  dossier: Dossier;
  officer: Signatory;
  reason: string;
}

/** Form 04. `issuedAt` defaults to the dossier's updatedAt. */
export interface ApologyData extends FormBase {
  dossier: Dossier;
  reason: string;
  /** The new appointment (ISO instant). */
  newDueAt: string;
  /** The appointment being missed; defaults to dossier.originalDueAt, else dossier.dueAt. */
  originalDueAt?: string;
  /** Head of the agency who signs and seals. */
  head: Signatory;
  /** Defaults to the applicant's name. */
  addressee?: string;
}

/**
 * Form 05. One row per event, in `seq` order. Hand-overs to another agency are read from an event
 * payload string `agency` (on the `transferred` event); notes from payload `note`, `comment` or
 * `reason`.
 */
export interface ControlSheetData {
  office: Office;
  dossier: Dossier;
  events: DossierEvent[];
  procedure?: Procedure | null;
}

export interface RegisterEntry {
  dossier: Dossier;
  /** Used for "sent to agency" / "result back" (transferred events); optional. */
  events?: DossierEvent[];
  /** Defaults to the office name. */
  leadAgency?: string;
  sets?: number;
  notes?: string;
}

/** Form 06 (A4 landscape). Rows are numbered from `firstNumber` (default 1) in the order given. */
export interface RegisterData {
  office: Office;
  year: number;
  entries: RegisterEntry[];
  firstNumber?: number;
}

/** Result slip. `issuedAt` defaults to returnedAt, else the result date. */
export interface ResultSlipData extends FormBase {
  /** Must carry `result` (sealed or returned). */
  dossier: Dossier;
  /** From shared/verification createSealPayload. */
  sealPayload: string;
  officer: Signatory;
}

export interface FormDataMap {
  '01': ReceiptData;
  '02': SupplementData;
  '03': RefusalData;
  '04': ApologyData;
  '05': ControlSheetData;
  '06': RegisterData;
  result: ResultSlipData;
}
export type FormKind = keyof FormDataMap;
