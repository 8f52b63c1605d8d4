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

let collator: Intl.Collator | undefined;

/** Vietnamese collation for sorting names and labels (the ICU collator is built at first use:
 * loading its rules is start-up time no screen or operation has asked for yet). */
export const viCollator: Pick<Intl.Collator, 'compare'> = {
  compare: (a, b) => {
    collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    return collator.compare(a, b);
  },
};
