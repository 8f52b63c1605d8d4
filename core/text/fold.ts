// Folding Vietnamese text for search: lower case, no diacritics, đ → d, single spaces.
// "Nguyễn Văn Đức" and "nguyen van duc" fold to the same string.

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Vietnamese collation for sorting names and labels. */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
