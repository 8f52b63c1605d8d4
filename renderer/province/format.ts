// Vietnamese display for the dashboard: the desktop's formats, plus sorting and the
// "not synced for a week" rule.
import type { OfficeSummary } from '../../core/sync/admin';
export {
  formatBytes,
  formatCivilDate,
  formatCount,
  formatDate,
  formatDateTime,
  formatPercent,
  WEEKDAY_LABELS,
  weekdayOfCivil,
} from '../src/format';

export { viCollator } from '../../core/text/fold';

export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** Not synced for more than 7 days (or never, once the office is more than 7 days old). */
export const isStale = (o: Readonly<OfficeSummary>, now: number): boolean =>
  now - (o.lastSyncAt ?? o.createdAt) > STALE_AFTER_MS;

export const onTimeRate = (d: Readonly<OfficeSummary['dossiers']>): number | null =>
  d.resolvedThisYear > 0 ? d.onTimeThisYear / d.resolvedThisYear : null;

/** The versions the office's active devices run, most recently seen first. */
export const appVersions = (o: Readonly<OfficeSummary>): string => {
  const active = o.devices
    .filter((d) => d.revokedAt === null)
    .sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0));
  const versions = [...new Set(active.map((d) => d.appVersion))];
  return versions.length > 0 ? versions.join(', ') : '—';
};

/** 'YYYY-MM' → 'mm/yyyy'. */
export const formatMonth = (month: string): string => {
  const [y, m] = month.split('-');
  return y && m ? `${m}/${y}` : month;
};
