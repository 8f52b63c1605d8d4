// The conformity announcement's own rules: the scope changes that make a new announcement due,
// the clauses an office may exclude, and approval (a leader, a well-formed number, a signing
// date not after today, a scope with procedures) with what it writes on the decision.
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import {
  announcementData,
  announcementKind,
  describeChanges,
  hasChanges,
  mayExclude,
  scopeChanges,
  type Scope,
} from '../../../core/qms/announcement';
import { actor, record, TODAY } from './support';

const birth = { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch' };
const death = { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch' };
const copy = { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực' };
const design = {
  clause: '8.3',
  title: 'Thiết kế và phát triển sản phẩm và dịch vụ',
  reason: 'UBND xã không thiết kế sản phẩm, dịch vụ.',
};
const announced: Scope = { procedures: [birth, death], notApplicable: [design] };

describe('scope changes', () => {
  it('none when the catalog and the exclusions are as announced', () => {
    const same = scopeChanges(announced, { procedures: [death, birth], notApplicable: [design] });
    expect(hasChanges(same)).toBe(false);
    expect(describeChanges(same)).toEqual([]);
  });

  it('names procedures added and removed, clauses excluded, included, or with a new reason', () => {
    const c = scopeChanges(announced, {
      procedures: [birth, copy],
      notApplicable: [
        { ...design, reason: 'Lý do khác hẳn trước đây.' },
        {
          clause: '8.4',
          title: 'Kiểm soát quá trình do bên ngoài cung cấp',
          reason: 'Không thuê ngoài quá trình nào.',
        },
      ],
    });
    expect(c.added.map((p) => p.code)).toEqual(['2.000815']);
    expect(c.removed.map((p) => p.code)).toEqual(['1.000656']);
    expect(c.excluded).toEqual(['8.4']);
    expect(c.reasonChanged).toEqual(['8.3']);
    expect(describeChanges(c)).toEqual([
      'Thêm 1 thủ tục: 2.000815 Chứng thực bản sao từ bản chính',
      'Bỏ 1 thủ tục: 1.000656 Đăng ký khai tử',
      'Điều khoản mới không áp dụng: 8.4',
      'Đổi lý do không áp dụng điều khoản: 8.3',
    ]);
    const back = scopeChanges(announced, { procedures: [birth, death], notApplicable: [] });
    expect(back.included).toEqual(['8.3']);
    expect(hasChanges(back)).toBe(true);
  });

  it('only clauses of parts 7 and 8 may be excluded', () => {
    expect(['8.3', '8.4', '7.1'].map(mayExclude)).toEqual([true, true, true]);
    expect(['4.3', '5.2', '6.1', '9.2', '10.2', '8', '8.3.1'].some(mayExclude)).toBe(false);
  });
});

describe('approving the decision', () => {
  const data = announcementData.parse({ scope: announced });
  const draft = record('announcement', 'draft', data);
  const chair = actor('u-chair', 'leader');
  const approve = (input: object, who = chair, d = draft) =>
    checkTransition(announcementKind, 'approve', { record: d, actor: who, input, today: TODAY });

  it('writes the number, the signing date and the signature', () => {
    const r = approve({ date: '2026-03-09', fields: { decisionNo: '125/QĐ-UBND' } });
    expect(r).toMatchObject({
      ok: true,
      to: 'approved',
      patch: {
        data: {
          decisionNo: '125/QĐ-UBND',
          signedOn: '2026-03-09',
          approved: { userId: 'u-chair', name: 'Người u-chair', on: TODAY },
        },
      },
    });
  });

  it('is refused to the ISO secretary, without a proper number, dated later, or with no procedure', () => {
    const ok = { date: TODAY, fields: { decisionNo: '125/QĐ-UBND' } };
    expect(approve(ok, actor('u-iso', 'iso_coordinator'))).toMatchObject({
      ok: false,
      failure: { code: 'FORBIDDEN' },
    });
    for (const decisionNo of ['', '125', 'QĐ-UBND', '125/QD-UBND'])
      expect(approve({ ...ok, fields: { decisionNo } })).toMatchObject({
        ok: false,
        failure: { code: 'INVALID_INPUT', message: 'Số quyết định phải có dạng 125/QĐ-UBND' },
      });
    expect(approve({ ...ok, date: '2026-03-11' })).toMatchObject({
      ok: false,
      failure: { message: 'Ngày ký không được sau hôm nay.' },
    });
    const empty = record('announcement', 'draft', {
      ...data,
      scope: { procedures: [], notApplicable: [] },
    });
    expect(approve(ok, chair, empty)).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_INPUT' },
    });
  });
});
