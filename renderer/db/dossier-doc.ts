import type { Dossier } from '../../shared/domain';
import type { DossierDoc } from './schemas';
import { normalizeName } from './search-text';

/** Digits only, +84 folded to a leading 0, so '+84 912 345 678' and '0912.345.678' meet. */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+84')) return '0' + digits.slice(3);
  if (digits.startsWith('84') && digits.length === 11) return '0' + digits.slice(2);
  return digits.replace(/\+/g, '');
}

export function normalizeIdNumber(value: string): string {
  return value.replace(/\D/g, '');
}

/** 'nguyen van an' → 'an nguyen van': the given name first, for given-name prefix search. */
export function givenNameKey(search: string): string {
  const tokens = search.split(' ').filter(Boolean);
  if (tokens.length < 2) return search;
  const last = tokens.pop() as string;
  return [last, ...tokens].join(' ');
}

/**
 * RxDB's form: the shared Dossier plus derived, indexed name fields (recomputed on every write).
 * Nothing derived from the ID number or phone: the storage keeps a blind index of those.
 */
export function toDossierDoc(dossier: Dossier): DossierDoc {
  const applicantSearch = normalizeName(dossier.applicant.fullName).slice(0, 200);
  const { applicantIdNumber: _a, applicantPhone: _p, ...rest } = dossier as Dossier & Record<string, unknown>;
  return { ...(rest as Dossier), applicantSearch, applicantGiven: givenNameKey(applicantSearch) };
}

/**
 * Back to the shared Dossier: strips derived fields (the v0/v1 plaintext ones and the stored blind
 * index too, for rows read straight from IndexedDB) and RxDB's internal ones.
 */
export function fromDossierDoc(doc: DossierDoc | Record<string, unknown>): Dossier {
  const {
    applicantIdNumber: _a,
    applicantPhone: _p,
    applicantIdKey: _ik,
    applicantPhoneKey: _pk,
    applicantGiven: _g,
    _deleted: _d,
    _rev: _r,
    _meta: _m,
    _attachments: _att,
    ...rest
  } = doc as DossierDoc & Record<string, unknown>;
  return rest as Dossier;
}
