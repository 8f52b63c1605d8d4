// Text formatting for printed forms: HTML escaping, Vietnam-time dates, money in đồng.
// Dates use fixed UTC+7 arithmetic so a print never depends on the PC's time zone setting.
import { civilDateOf, vietnamClockOf } from '../calendar/civil-time';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

const vnParts = vietnamClockOf;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' civil date in Vietnam for an instant. */
export function vnIsoDate(epochMs: number): string {
  vnParts(epochMs); // refuses NaN and Infinity with its Vietnamese RangeError
  return civilDateOf(epochMs);
}

/** dd/mm/yyyy in Vietnam time. */
export function formatDate(epochMs: number): string {
  const p = vnParts(epochMs);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** hh:mm dd/mm/yyyy in Vietnam time, 24-hour clock. */
export function formatDateTime(epochMs: number): string {
  const p = vnParts(epochMs);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${formatDate(epochMs)}`;
}

/** 'YYYY-MM-DD' → dd/mm/yyyy, for civil dates that are not instants (book periods). */
export function formatIsoDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`Ngày không đúng dạng YYYY-MM-DD: ${isoDate}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * Place and date line per Nghị định 30/2020: days below 10 and months 1-2 take a leading zero,
 * other months do not ('Tân Phú, ngày 05 tháng 3 năm 2026').
 */
export function formatPlaceDate(place: string, epochMs: number): string {
  const p = vnParts(epochMs);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `${place}, ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** 1234567 → '1.234.567 đồng' (dots group thousands, as Vietnamese documents write money). */
export function formatVnd(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError('Số tiền không hợp lệ');
  const whole = Math.round(Math.abs(amount));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 && whole !== 0 ? '-' : ''}${grouped} đồng`;
}

/** Two-digit counts as forms write them ('03 ngày', '01 bộ'). */
export function formatCount(n: number): string {
  return n >= 0 && n < 10 && Number.isInteger(n) ? pad2(n) : String(n);
}

// Made at first use: building a vi-VN number format loads ICU's locale data (~20 ms), which
// the process start-up need not pay.
let decimalFmt: Intl.NumberFormat | undefined;

/** 33.3 → '33,3', 1234.5 → '1.234,5': a measured figure as Vietnamese text writes it. */
export function formatDecimal(n: number): string {
  decimalFmt ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  return decimalFmt.format(n);
}
