/**
 * Search text for Vietnamese names: lower case, no diacritics, đ → d, single spaces.
 * 'Nguyễn Văn Ân' → 'nguyen van an'. People type names without accents at the counter, so every
 * search index (applicantSearch, catalogue search) is built with this one function.
 */
export function normalizeSearchText(value: string): string {
  return (
    value
      // đ/Đ is a letter of its own, not a d with a combining mark: NFD leaves it alone.
      .replace(/[đĐ]/g, 'd')
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}
