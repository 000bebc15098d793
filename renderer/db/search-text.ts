import { normalizeSearchText } from '../../shared/workflow/search-text';

/**
 * Name key for the prefix indexes: shared/workflow's normalizeSearchText (one function for every
 * search index), then punctuation folded to spaces so 'Nguyễn-Văn An' and 'nguyen van an' meet.
 */
export function normalizeName(value: string): string {
  return normalizeSearchText(value)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
