// Vietnamese display formats: dates dd/mm/yyyy and times hh:mm dd/mm/yyyy in Vietnam time,
// civil dates (YYYY-MM-DD strings), money in đồng and percentages.
import { civilDateOf as coreCivilDateOf, weekdayOf } from '../../core/calendar/civil-time';

const VN_TZ = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VN_TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VN_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatDate(iso: string | number): string {
  return dateFmt.format(new Date(iso));
}

export function formatDateTime(iso: string | number): string {
  const d = new Date(iso);
  return `${timeFmt.format(d)} ${dateFmt.format(d)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024 * 1024)
    return `${(n / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB`;
  return `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** The civil date (YYYY-MM-DD) of an instant in Vietnam time. */
export function civilDateOf(instant: number | Date): string {
  return coreCivilDateOf(typeof instant === 'number' ? instant : instant.getTime());
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' without going through a time zone. */
export function formatCivilDate(civil: string): string {
  const [y, m, d] = civil.split('-');
  return y && m && d ? `${d}/${m}/${y}` : civil;
}

/** ISO weekday 1 = Monday … 7 = Sunday. */
export const WEEKDAY_LABELS: Readonly<Record<number, string>> = {
  1: 'Thứ Hai',
  2: 'Thứ Ba',
  3: 'Thứ Tư',
  4: 'Thứ Năm',
  5: 'Thứ Sáu',
  6: 'Thứ Bảy',
  7: 'Chủ nhật',
};

export function weekdayOfCivil(civil: string): number {
  return weekdayOf(civil);
}

export function formatVnd(amount: number | null): string {
  if (amount === null) return 'Chưa có mức thu';
  return `${amount.toLocaleString('vi-VN')} đ`;
}

const percentFmt = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** A rate in 0…1 as "97,5 %"; "—" when there is nothing to measure yet. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : percentFmt.format(rate);
}

export function formatCount(n: number): string {
  return n.toLocaleString('vi-VN');
}
