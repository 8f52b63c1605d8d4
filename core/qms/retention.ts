// Retention of records (kiểm soát hồ sơ, ISO 7.5.3): how long a dossier is kept, from catalog
// data. Counted as archives count it: N years from the end of the year the work ended, so a
// dossier closed in 2022 and kept 2 years may be disposed of from 1 January 2025. Pure.

/** Years to keep, or 'permanent' (vĩnh viễn); null when nobody has said (never disposed). */
export type RetentionYears = number | 'permanent' | null;

export type RetentionSource = 'catalog' | 'seed' | 'civil_status' | 'none';

export interface Retention {
  readonly years: RetentionYears;
  readonly source: RetentionSource;
}

/** The field name civil-status procedures carry in the catalog (folded compare). */
const CIVIL_STATUS = /h[oộ] t[iị]ch/i;

export const isCivilStatusField = (field: string): boolean =>
  CIVIL_STATUS.test(field.normalize('NFC'));

/**
 * A procedure's retention: the catalog version's own value (province data) first, then the
 * value shipped for that procedure (resources/qms), then civil status → permanent.
 * For both values: undefined = not said; null = permanent.
 */
export function retentionOf(
  catalogYears: number | null | undefined,
  seeded: number | null | undefined,
  field: string,
): Retention {
  if (catalogYears !== undefined)
    return { years: catalogYears === null ? 'permanent' : catalogYears, source: 'catalog' };
  if (seeded !== undefined)
    return { years: seeded === null ? 'permanent' : seeded, source: 'seed' };
  if (isCivilStatusField(field)) return { years: 'permanent', source: 'civil_status' };
  return { years: null, source: 'none' };
}

/** The last day a record closed in `closedYear` must be kept ('YYYY-MM-DD'), or null when it
 * is kept for ever or its retention is not set. */
export function retainUntil(closedYear: number, years: RetentionYears): string | null {
  if (years === null || years === 'permanent') return null;
  return `${closedYear + years}-12-31`;
}

/** Whether records closed in `closedYear` are due for disposal on `today`. */
export function dueForDisposal(closedYear: number, years: RetentionYears, today: string): boolean {
  const until = retainUntil(closedYear, years);
  return until !== null && until < today;
}

/** Human wording of a retention ('Vĩnh viễn', '10 năm', 'Chưa quy định'). */
export function retentionText(years: RetentionYears): string {
  if (years === 'permanent') return 'Vĩnh viễn';
  if (years === null) return 'Chưa quy định';
  return `${years} năm`;
}
