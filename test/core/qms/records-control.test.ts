// Records control kinds and retention, pure: every transition of the record list and the
// disposal decision allowed and refused, and the retention rules (civil status permanent,
// catalog value first, N years after the closing year).
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import { disposalData, disposalKind } from '../../../core/qms/disposal';
import { recordListData, recordListKind } from '../../../core/qms/record-list';
import { dueForDisposal, retainUntil, retentionOf } from '../../../core/qms/retention';
import { actor, record, TODAY } from './support';

const iso = actor('u-iso', 'iso_coordinator');
const clerk = actor('u-clerk', 'records_clerk');
const leader = actor('u-lead', 'leader');
const desk = actor('u-desk', 'desk_officer');

const item = {
  name: 'Hồ sơ TTHC',
  keeper: 'Công chức Tư pháp - Hộ tịch',
  place: 'both',
  retentionYears: null,
  disposal: 'Không hủy',
};
const list = (state: string, over: object = {}) =>
  record(
    'record_list',
    state,
    recordListData.parse({ year: 2026, processName: 'Đăng ký khai sinh', items: [item], ...over }),
  );
const listCheck = (name: string, state: string, who = iso, input = {}, over: object = {}) =>
  checkTransition(recordListKind, name, {
    record: list(state, over),
    actor: who,
    input,
    today: TODAY,
  });

describe('record list transitions', () => {
  it('drafts go to review by the secretary or the clerk, then a leader approves', () => {
    expect(listCheck('submit', 'draft', iso)).toMatchObject({ ok: true, to: 'in_review' });
    expect(listCheck('submit', 'draft', clerk)).toMatchObject({ ok: true, to: 'in_review' });
    expect(listCheck('submit', 'draft', desk)).toMatchObject({
      ok: false,
      failure: { code: 'FORBIDDEN' },
    });
    const drafted = { drafted: { userId: iso.id ?? '', name: 'x', on: TODAY } };
    expect(listCheck('approve', 'in_review', leader, {}, drafted)).toMatchObject({
      ok: true,
      to: 'approved',
    });
    expect(listCheck('approve', 'in_review', iso, {}, drafted).ok).toBe(false);
    const own = { drafted: { userId: leader.id ?? '', name: 'x', on: TODAY } };
    expect(listCheck('approve', 'in_review', leader, {}, own)).toMatchObject({
      ok: false,
      failure: { message: 'Không được phê duyệt danh mục do chính mình lập.' },
    });
    expect(listCheck('approve', 'draft', leader)).toMatchObject({
      ok: false,
      failure: { code: 'CONFLICT' },
    });
  });

  it('reject, revise and cancel need a reason', () => {
    expect(listCheck('reject', 'in_review', leader).ok).toBe(false);
    expect(listCheck('reject', 'in_review', leader, { comment: 'Thiếu sổ' })).toMatchObject({
      ok: true,
      to: 'draft',
    });
    expect(listCheck('revise', 'approved', iso, { comment: 'Bổ sung hồ sơ' })).toMatchObject({
      ok: true,
      to: 'draft',
    });
    expect(listCheck('revise', 'approved', clerk, { comment: 'x' }).ok).toBe(false);
    expect(listCheck('cancel', 'draft', iso)).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_INPUT' },
    });
    expect(listCheck('cancel', 'draft', iso, { comment: 'Trùng' })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
  });

  it('refuses a list with a retention of 0 years or no items', () => {
    expect(recordListData.safeParse({ year: 2026, processName: 'X', items: [] }).success).toBe(
      false,
    );
    const zero = recordListData.safeParse({
      year: 2026,
      processName: 'X',
      items: [{ ...item, retentionYears: 0 }],
    });
    expect(!zero.success && zero.error.issues[0]?.message).toBe('Thời hạn lưu tối thiểu 1 năm');
  });
});

const disposal = (state: string) =>
  record(
    'disposal',
    state,
    disposalData.parse({
      basis: 'Danh mục hồ sơ năm 2025',
      method: 'Xóa dữ liệu cá nhân',
      groups: [
        {
          procedureId: 'p',
          procedureCode: '2.000815',
          procedureName: 'Chứng thực bản sao',
          closedYear: 2023,
          retentionYears: 2,
          count: 4,
          firstCode: 'A',
          lastCode: 'B',
        },
      ],
      total: 4,
    }),
  );
const dCheck = (name: string, state: string, who = leader, input = {}) =>
  checkTransition(disposalKind, name, { record: disposal(state), actor: who, input, today: TODAY });

describe('disposal decision transitions', () => {
  it('only a leader decides, with the decision number, which the patch signs', () => {
    const r = dCheck('decide', 'draft', leader, { fields: { number: '15/QĐ-UBND' } });
    expect(r).toMatchObject({ ok: true, to: 'decided' });
    expect(r.ok && r.patch.data).toMatchObject({
      number: '15/QĐ-UBND',
      decided: { userId: leader.id },
    });
    for (const who of [iso, clerk, desk])
      expect(dCheck('decide', 'draft', who, { fields: { number: '1' } })).toMatchObject({
        ok: false,
        failure: { code: 'FORBIDDEN', message: 'Vai trò của bạn không được quyết định hủy.' },
      });
    expect(dCheck('decide', 'draft', leader, { fields: {} })).toMatchObject({
      ok: false,
      failure: { message: 'Phải nhập số quyết định' },
    });
    expect(dCheck('decide', 'decided', leader, { fields: { number: '1' } }).ok).toBe(false);
  });

  it('a proposal is withdrawn with a reason, never once decided', () => {
    expect(dCheck('cancel', 'draft', clerk, { comment: 'Lập lại' })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
    expect(dCheck('cancel', 'draft', clerk).ok).toBe(false);
    expect(dCheck('cancel', 'draft', desk, { comment: 'x' }).ok).toBe(false);
    expect(dCheck('cancel', 'decided', leader, { comment: 'x' }).ok).toBe(false);
  });
});

describe('retention', () => {
  it('takes the catalog value first, then the shipped one, then civil status as permanent', () => {
    expect(retentionOf(5, 2, 'Chứng thực')).toEqual({ years: 5, source: 'catalog' });
    expect(retentionOf(null, 2, 'Chứng thực')).toEqual({ years: 'permanent', source: 'catalog' });
    expect(retentionOf(undefined, 2, 'Chứng thực')).toEqual({ years: 2, source: 'seed' });
    expect(retentionOf(undefined, undefined, 'Hộ tịch')).toEqual({
      years: 'permanent',
      source: 'civil_status',
    });
    expect(retentionOf(undefined, undefined, 'Xây dựng')).toEqual({ years: null, source: 'none' });
  });

  it('counts N years from the end of the closing year', () => {
    expect(retainUntil(2025, 2)).toBe('2027-12-31');
    expect(retainUntil(2025, 'permanent')).toBeNull();
    expect(dueForDisposal(2025, 2, '2027-12-31')).toBe(false);
    expect(dueForDisposal(2025, 2, '2028-01-01')).toBe(true);
    expect(dueForDisposal(2025, 'permanent', '2099-01-01')).toBe(false);
    expect(dueForDisposal(2025, null, '2099-01-01')).toBe(false);
  });
});
