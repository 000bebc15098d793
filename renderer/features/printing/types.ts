import type { Office, Officer } from '../../../shared/domain';

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
