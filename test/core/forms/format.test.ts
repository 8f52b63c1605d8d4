import { describe, expect, it } from 'vitest';
import { viCollator } from '../../../core/text/fold';
import {
  escapeHtml,
  formatCount,
  formatDecimal,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatPlaceDate,
  formatVnd,
  vnIsoDate,
} from '../../../core/forms/format';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
  });

  it('leaves Vietnamese text alone', () => {
    expect(escapeHtml('Nguyễn Thị Ánh, Đắk Lắk')).toBe('Nguyễn Thị Ánh, Đắk Lắk');
  });
});

describe('Vietnam-time dates', () => {
  const evening = Date.UTC(2026, 2, 1, 18, 30); // 2026-03-01T18:30Z

  it('moves a UTC evening to the next day in Vietnam', () => {
    expect(formatDate(evening)).toBe('02/03/2026');
    expect(formatDateTime(evening)).toBe('01:30 02/03/2026');
    expect(vnIsoDate(evening)).toBe('2026-03-02');
  });

  it('crosses the year boundary', () => {
    const nye = Date.UTC(2025, 11, 31, 17, 0);
    expect(formatDateTime(nye)).toBe('00:00 01/01/2026');
    expect(formatDateTime(nye - 60_000)).toBe('23:59 31/12/2025');
  });

  it('writes the place-date line as Nghị định 30/2020 does', () => {
    expect(formatPlaceDate('Tân Phú', evening)).toBe('Tân Phú, ngày 02 tháng 3 năm 2026');
    expect(formatPlaceDate('Tân Phú', Date.UTC(2026, 1, 5, 3))).toBe(
      'Tân Phú, ngày 05 tháng 02 năm 2026',
    );
    expect(formatPlaceDate('Tân Phú', Date.UTC(2026, 10, 24, 3))).toBe(
      'Tân Phú, ngày 24 tháng 11 năm 2026',
    );
  });

  it('formats civil dates and rejects garbage', () => {
    expect(formatIsoDate('2026-03-31')).toBe('31/03/2026');
    expect(() => formatIsoDate('31/03/2026')).toThrow();
    expect(() => formatDate(Number.NaN)).toThrow('Thời điểm không hợp lệ');
  });
});

describe('money and counts', () => {
  it.each([
    [0, '0 đồng'],
    [500, '500 đồng'],
    [2_000, '2.000 đồng'],
    [200_000, '200.000 đồng'],
    [1_258_000, '1.258.000 đồng'],
    [-50_000, '-50.000 đồng'],
  ])('%i → %s', (amount, text) => {
    expect(formatVnd(amount)).toBe(text);
  });

  it('pads single-digit counts', () => {
    expect(formatCount(3)).toBe('03');
    expect(formatCount(12)).toBe('12');
  });

  it('writes measured figures the Vietnamese way (the number format is built at first use)', () => {
    expect(formatDecimal(33.3)).toBe('33,3');
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatDecimal(2 / 3)).toBe('0,67');
  });
});

describe('viCollator', () => {
  it('sorts Vietnamese names and numbered labels (the collator is built at first use)', () => {
    const names = ['Đặng', 'Dương', 'Ánh', 'An', 'Thủ tục 10', 'Thủ tục 2'];
    expect([...names].sort((a, b) => viCollator.compare(a, b))).toEqual([
      'An',
      'Ánh',
      'Dương',
      'Đặng',
      'Thủ tục 2',
      'Thủ tục 10',
    ]);
    expect(viCollator.compare('hồ sơ', 'HỒ SƠ')).toBe(0);
  });
});
