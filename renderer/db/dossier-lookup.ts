import type { Dossier } from '../../shared/domain';
import { DOSSIER_CODE_PATTERN } from '../../shared/domain';
import type { CounterDatabase } from './database';
import { fromDossierDoc } from './dossier-doc';
import { BLIND_INDEX_FIELDS, createBlindIndexer } from './personal-data';
import { rangeRead, MAX_KEY, MIN_KEY } from './queries';
import type { DossierDoc } from './schemas';
import { normalizeName } from './search-text';

/** The search box's lookups: by code, exact ID number or phone (blind index), or name prefix. */
export function createDossierLookup(
  db: CounterDatabase,
  findByCode: (code: string) => Promise<Dossier | null>,
) {
  const dossiers = db.dossiers;
  const toList = (docs: DossierDoc[]) => docs.map(fromDossierDoc);

  async function prefixQuery(field: 'applicantSearch' | 'applicantGiven', prefix: string, limit: number) {
    return rangeRead(dossiers, {
      fields: [field],
      lower: [prefix, MIN_KEY],
      upper: [prefix + '\uffff', MAX_KEY],
      limit,
    });
  }

  /**
   * Name search ignoring diacritics and case: a prefix of the full name ('nguyen van an' finds
   * 'Nguyễn Văn An', 'nguyen v' too) or of the given name first ('an', 'an nguyen').
   */
  async function searchByName(text: string, limit = 20): Promise<Dossier[]> {
    const prefix = normalizeName(text);
    if (prefix.length < 1) return [];
    const [full, given] = await Promise.all([
      prefixQuery('applicantSearch', prefix, limit),
      prefixQuery('applicantGiven', prefix, limit),
    ]);
    const seen = new Set<string>();
    const out: DossierDoc[] = [];
    for (const doc of [...full, ...given]) {
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      out.push(doc);
      if (out.length >= limit) break;
    }
    return toList(out);
  }

  // The ID number and phone are stored encrypted; exact lookups go through their blind index (a
  // keyed hash of the normalised value, kept by the storage), so there is no prefix search on them.
  const blind = createBlindIndexer(databaseKey(db));
  async function exactBlind(field: string, key: string, limit: number): Promise<Dossier[]> {
    if (!key) return [];
    return toList(
      await rangeRead(dossiers, { fields: [field], lower: [key, MIN_KEY], upper: [key, MAX_KEY], limit }),
    );
  }

  /** The whole ID number (or tax code); spaces and dots tolerated. */
  async function findByIdNumber(idNumber: string, limit = 20): Promise<Dossier[]> {
    return exactBlind(BLIND_INDEX_FIELDS.idNumber, blind.idNumber(idNumber), limit);
  }

  /** The whole phone number; spaces, dots and +84 tolerated. */
  async function findByPhone(phone: string, limit = 20): Promise<Dossier[]> {
    return exactBlind(BLIND_INDEX_FIELDS.phone, blind.phone(phone), limit);
  }

  /**
   * One box for the scanner and the keyboard: a dossier code, a 9/12-digit ID number or a 10/13
   * digit tax code, a phone number, else a name.
   */
  async function lookup(text: string, limit = 20): Promise<Dossier[]> {
    const value = text.trim();
    if (!value) return [];
    if (DOSSIER_CODE_PATTERN.test(value.toUpperCase())) {
      const hit = await findByCode(value);
      return hit ? [hit] : [];
    }
    const digits = value.replace(/[\s.-]/g, '');
    if (/^\+?\d+$/.test(digits)) {
      const byPhone = /^(0|\+84|84)[235789]\d{8,9}$/.test(digits) ? await findByPhone(digits, limit) : [];
      const byId = await findByIdNumber(digits, limit);
      return [...byId, ...byPhone.filter((d) => !byId.some((x) => x.id === d.id))].slice(0, limit);
    }
    return searchByName(value, limit);
  }

  return { searchByName, findByIdNumber, findByPhone, lookup };
}

/** The key the data database was opened with (RxDB keeps it, non-enumerable, as its password). */
function databaseKey(db: CounterDatabase): string {
  const key = (db.data as { password?: unknown }).password;
  if (typeof key !== 'string') throw new Error('the data database has no key');
  return key;
}
