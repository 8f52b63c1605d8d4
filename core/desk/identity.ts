// Citizens' identity documents: the 12-digit citizen ID (CCCD / căn cước), the old 9-digit
// ID card (CMND), and passports. A format check, not a registry lookup.

export const ID_KINDS = ['cccd', 'cmnd', 'passport'] as const;
export type IdKind = (typeof ID_KINDS)[number];

export const ID_KIND_LABELS: Readonly<Record<IdKind, string>> = {
  cccd: 'Căn cước / CCCD (12 số)',
  cmnd: 'CMND (9 số)',
  passport: 'Hộ chiếu',
};

/** Province part of a 12-digit ID: the 63 pre-2025 province codes, 001–096, not all used. */
const CCCD_PROVINCES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38,
  40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79,
  80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
]);

/** Returns a Vietnamese error message, or null when the number is well-formed. */
export function checkIdNumber(kind: IdKind, value: string): string | null {
  switch (kind) {
    case 'cccd': {
      if (!/^\d{12}$/.test(value)) return 'Số căn cước/CCCD phải gồm đúng 12 chữ số';
      if (!CCCD_PROVINCES.has(Number(value.slice(0, 3))))
        return 'Mã tỉnh (3 số đầu) của số căn cước không hợp lệ';
      return null;
    }
    case 'cmnd':
      return /^\d{9}$/.test(value) ? null : 'Số CMND phải gồm đúng 9 chữ số';
    case 'passport':
      return /^[A-Z]\d{7,8}$/.test(value) ? null : 'Số hộ chiếu gồm 1 chữ cái in hoa và 7–8 chữ số';
    default: {
      const never: never = kind;
      return never;
    }
  }
}
