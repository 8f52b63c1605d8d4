import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  procedureCatalogSchema,
  procedureSchema,
  procedureVersionSchema,
  timeLimitHours,
  type Procedure,
  type ProcedureVersion,
} from '../../../core/catalog/schema';
import { computeFee, perPageFee } from '../../../core/catalog/fees';
import { latestVersion, versionOn } from '../../../core/catalog/versions';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../../../resources/catalog/procedures.json', import.meta.url), 'utf8'),
);
const catalog = procedureCatalogSchema.parse(raw);

function byCode(code: string): Procedure {
  const p = catalog.procedures.find((x) => x.code === code);
  if (!p) throw new Error(`missing ${code}`);
  return p;
}

function current(code: string): ProcedureVersion {
  const v = latestVersion(byCode(code));
  if (!v) throw new Error(`no version for ${code}`);
  return v;
}

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((i) => i.message) ?? [];
}

/** A valid same-day version to mutate in the negative tests. */
function sample(): ProcedureVersion {
  return structuredClone(current('2.000815'));
}

describe('seed catalog', () => {
  it('has at least 12 procedures, each valid on its own', () => {
    expect(catalog.procedures.length).toBeGreaterThanOrEqual(12);
    for (const p of catalog.procedures) {
      const r = procedureSchema.safeParse(p);
      expect(r.success, `${p.code}: ${messages(r).join('; ')}`).toBe(true);
    }
  });

  it.each([
    ['1.001193', 'Hộ tịch', 0, '15:00'],
    ['1.004873', 'Hộ tịch', 3, null],
    ['1.000894', 'Hộ tịch', 0, '15:00'],
    ['2.000815', 'Chứng thực', 0, '15:00'],
    ['2.000908', 'Chứng thực', 0, '15:00'],
    ['2.000635', 'Hộ tịch', 0, '15:00'],
    ['1.001776', 'Bảo trợ xã hội', 10, null],
  ] as const)('%s (%s): %i working days, cut-off %s', (code, field, days, cutoff) => {
    const v = current(code);
    expect(byCode(code).field).toBe(field);
    expect(v.timeLimit).toMatchObject({ value: days, unit: 'working_days' });
    expect(v.cutoff).toBe(cutoff);
  });

  it('has the single-house building permit: 15 working days, 50.000 đồng', () => {
    const permit = catalog.procedures.find((p) => p.name.includes('nhà ở riêng lẻ'));
    expect(permit?.field).toBe('Xây dựng');
    const v = permit && latestVersion(permit);
    expect(v?.timeLimit).toMatchObject({ value: 15, unit: 'working_days' });
    expect(v && computeFee(v).totalVnd).toBe(50_000);
  });

  it('gives every procedure a multi-step table that starts and ends at the desk', () => {
    for (const p of catalog.procedures) {
      for (const v of p.versions) {
        expect(v.steps.length).toBeGreaterThanOrEqual(3);
        expect(v.steps.length).toBeLessThanOrEqual(6);
        expect(v.steps[0]?.role).toBe('desk_officer');
        expect(v.steps.at(-1)?.role).toBe('desk_officer');
        const total = v.steps.reduce((s, x) => s + x.hours, 0);
        expect(total).toBeLessThanOrEqual(timeLimitHours(v.timeLimit));
      }
    }
  });

  it('uses unique national codes and ISO codes', () => {
    const codes = catalog.procedures.map((p) => p.code);
    const iso = catalog.procedures.map((p) => p.isoCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(iso).size).toBe(iso.length);
  });

  it('picks the version in force on a date', () => {
    const p = byCode('1.001193');
    expect(versionOn(p, '2025-06-30')).toBeUndefined();
    expect(versionOn(p, '2025-07-01')?.version).toBe(1);
    const later = {
      ...p,
      versions: [...p.versions, { ...p.versions[0], version: 2, effectiveFrom: '2026-03-01' }],
    };
    expect(versionOn(later, '2026-02-28')?.version).toBe(1);
    expect(versionOn(later, '2026-03-01')?.version).toBe(2);
  });
});

describe('schema rejects bad data with Vietnamese messages', () => {
  it('rejects negative document counts', () => {
    const v = sample();
    v.documents[0].original = -1;
    const r = procedureVersionSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(messages(r)).toContain('Số bản chính không được âm');
  });

  it('rejects a step table longer than the time limit', () => {
    const v = sample();
    v.steps[1].hours = 7;
    const r = procedureVersionSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(messages(r).join('\n')).toMatch(
      /Tổng thời gian các bước \(9,5 giờ\) vượt quá thời hạn giải quyết \(8 giờ làm việc\)/,
    );
  });

  it('counts a multi-day limit at 8 hours a day', () => {
    const v = sample();
    v.timeLimit = { value: 2, unit: 'working_days' };
    v.steps[1].hours = 12;
    expect(procedureVersionSchema.safeParse(v).success).toBe(true);
    v.steps[1].hours = 14;
    expect(messages(procedureVersionSchema.safeParse(v)).join()).toContain('16 giờ làm việc');
  });

  it('rejects an unknown role', () => {
    const v = sample() as unknown as { steps: { role: string }[] };
    v.steps[1].role = 'janitor';
    const r = procedureVersionSchema.safeParse(v);
    expect(r.success).toBe(false);
    expect(messages(r).join()).toContain('Vai trò thực hiện không hợp lệ');
  });

  it('requires the desk to receive and to return', () => {
    const v = sample();
    v.steps[0].role = 'specialist';
    v.steps.at(-1)!.role = 'leader';
    const all = messages(procedureVersionSchema.safeParse(v)).join('\n');
    expect(all).toContain('Bước đầu tiên (tiếp nhận hồ sơ)');
    expect(all).toContain('Bước cuối cùng (trả kết quả)');
  });

  it('rejects a malformed cut-off, date and code', () => {
    const v = { ...sample(), cutoff: '3pm', effectiveFrom: '2025-02-30' };
    const all = messages(procedureVersionSchema.safeParse(v)).join('\n');
    expect(all).toContain('Giờ phải có dạng HH:MM');
    expect(all).toContain('Ngày không tồn tại trong lịch');
    const p = { ...byCode('2.000815'), code: 'abc' };
    expect(messages(procedureSchema.safeParse(p)).join()).toContain('Mã thủ tục phải có dạng');
  });

  it('says which field is missing', () => {
    const v: Partial<ProcedureVersion> = sample();
    delete v.resultCollection;
    expect(messages(procedureVersionSchema.safeParse(v))).toContain(
      'Nơi trả kết quả: thiếu thông tin bắt buộc',
    );
  });

  it('rejects duplicate procedure codes in a catalog', () => {
    const p = byCode('2.000815');
    const r = procedureCatalogSchema.safeParse({ schemaVersion: 1, procedures: [p, p] });
    expect(messages(r).join()).toContain('Mã thủ tục bị trùng: 2.000815');
  });
});

describe('fees', () => {
  const certify = current('2.000815');

  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 5_000],
    [10, 12_000],
    [198, 200_000],
    [300, 200_000],
  ])('certified copy of %i pages costs %i đồng', (pages, fee) => {
    expect(computeFee(certify, { pages }).totalVnd).toBe(fee);
  });

  it('multiplies the per-copy cap by the number of copies', () => {
    expect(computeFee(certify, { pages: 3, copies: 4 }).totalVnd).toBe(20_000);
    expect(computeFee(certify, { pages: 300, copies: 2 }).totalVnd).toBe(400_000);
    const rule = certify.fees[0];
    expect(rule?.kind === 'per_page' && perPageFee(rule, 0)).toBe(0);
  });

  it('needs a page count for a per-page fee', () => {
    expect(() => computeFee(certify)).toThrow(/số trang/);
    expect(() => computeFee(certify, { pages: 1.5 })).toThrow(
      'Số trang phải là số nguyên không âm',
    );
  });

  it('charges 8.000 đồng per copy of a civil-status extract', () => {
    expect(computeFee(current('2.000635'), { copies: 3 })).toEqual({
      lines: [{ id: 'phi', name: 'Phí cấp bản sao trích lục hộ tịch', amountVnd: 24_000 }],
      totalVnd: 24_000,
    });
  });

  it('adds conditional lines only when ticked, and leaves province rates open', () => {
    const birth = current('1.001193');
    expect(computeFee(birth).totalVnd).toBe(0);
    const late = computeFee(birth, { conditions: ['qua-han'] });
    expect(late.lines.map((l) => l.id)).toEqual(['le-phi', 'qua-han']);
    expect(late.totalVnd).toBeNull();
  });

  it('charges nothing when a procedure has no fee', () => {
    expect(computeFee(current('1.001776'))).toEqual({ lines: [], totalVnd: 0 });
  });
});
