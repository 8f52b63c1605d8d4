// The nonconformity kind: every transition allowed and refused, and its data rules.
import { describe, expect, it } from 'vitest';
import { availableTransitions, checkTransition, SYSTEM_ACTOR, type Actor } from '../../../core/qms';
import {
  nonconformityData,
  nonconformityKind,
  type NonconformityData,
} from '../../../core/qms/nonconformity';
import { actor, record, TODAY } from './support';

const iso = actor('u-iso', 'iso_coordinator');
const leader = actor('u-lead', 'leader');
const auditor = actor('u-audit', 'internal_auditor');
const specialist = actor('u-spec', 'specialist');

const data = (over: Partial<NonconformityData> = {}): NonconformityData =>
  nonconformityData.parse({
    source: 'late_dossier',
    description: 'Hồ sơ trả quá hạn 2 ngày',
    detectedOn: '2026-03-09',
    deadline: '2026-04-09',
    ...over,
  });
const nc = (state: string, over: Partial<NonconformityData> = {}) =>
  record('nonconformity', state, data(over), { ownerId: iso.id });

const ANALYSIS = {
  correction: 'Đã xin lỗi người dân, trả kết quả ngay',
  whys: ['Hồ sơ chờ ký 2 ngày', 'Lãnh đạo đi công tác', 'Không có người ký thay', '', ''],
  rootCause: 'Chưa có quy định ủy quyền ký khi lãnh đạo vắng',
  category: 'method',
};

const check = (
  name: string,
  rec: ReturnType<typeof nc>,
  who: Actor,
  input: { comment?: string; date?: string; fields?: Record<string, unknown> } = {},
) => checkTransition(nonconformityKind, name, { record: rec, actor: who, input, today: TODAY });

const failure = (r: ReturnType<typeof check>) => (r.ok ? null : r.failure);

describe('nonconformity data', () => {
  it('refuses a deadline before the day it was found, in Vietnamese', () => {
    const r = nonconformityData.safeParse({
      source: 'complaint',
      description: 'x',
      detectedOn: '2026-03-09',
      deadline: '2026-03-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Hạn khắc phục không được trước ngày phát hiện.');
    const source = nonconformityData.safeParse({ ...data(), source: 'weather' });
    expect(source.error?.issues[0]?.message).toBe('Nguồn phát hiện không hợp lệ');
  });
});

describe('nonconformity transitions', () => {
  it('analyse: 5 whys (blanks dropped), root cause and category, signed', () => {
    const r = check('analyse', nc('open'), iso, { fields: ANALYSIS });
    expect(r.ok && r.to).toBe('analysed');
    expect(r.ok && r.patch.data?.whys).toEqual(ANALYSIS.whys.slice(0, 3));
    expect(r.ok && r.patch.data?.analysed).toEqual({ userId: iso.id, name: iso.name, on: TODAY });
    // Analysed again (new facts) stays analysed; an auditor may analyse too.
    expect(check('analyse', nc('analysed'), auditor, { fields: ANALYSIS }).ok).toBe(true);
  });

  it('analyse refuses missing answers, a bad category, other roles and later states', () => {
    const noWhy = check('analyse', nc('open'), iso, { fields: { ...ANALYSIS, whys: ['', ' '] } });
    expect(failure(noWhy)?.message).toBe('Phải trả lời ít nhất một câu hỏi "Tại sao"');
    const noCause = check('analyse', nc('open'), iso, { fields: { ...ANALYSIS, rootCause: '' } });
    expect(failure(noCause)?.message).toBe('Phải nêu nguyên nhân gốc rễ');
    const six = check('analyse', nc('open'), iso, {
      fields: { ...ANALYSIS, whys: ['1', '2', '3', '4', '5', '6'] },
    });
    expect(failure(six)?.message).toBe('Tối đa 5 câu hỏi "Tại sao"');
    const cat = check('analyse', nc('open'), iso, { fields: { ...ANALYSIS, category: 'luck' } });
    expect(failure(cat)?.message).toBe('Phải chọn nhóm nguyên nhân');
    expect(failure(check('analyse', nc('open'), specialist, { fields: ANALYSIS }))?.code).toBe(
      'FORBIDDEN',
    );
    expect(failure(check('analyse', nc('planned'), iso, { fields: ANALYSIS }))?.code).toBe(
      'CONFLICT',
    );
  });

  it('plan sets the day effectiveness may be checked, not in the past, by a manager', () => {
    const r = check('plan', nc('analysed'), leader, { date: '2026-03-20' });
    expect(r.ok && r.to).toBe('planned');
    expect(r.ok && r.patch.data?.verifyOn).toBe('2026-03-20');
    expect(failure(check('plan', nc('analysed'), iso, { date: '2026-03-01' }))?.message).toBe(
      'Ngày kiểm tra hiệu lực không được ở trong quá khứ.',
    );
    expect(failure(check('plan', nc('analysed'), iso))?.code).toBe('INVALID_INPUT');
    expect(failure(check('plan', nc('analysed'), auditor, { date: TODAY }))?.code).toBe(
      'FORBIDDEN',
    );
    expect(failure(check('plan', nc('open'), iso, { date: TODAY }))?.code).toBe('CONFLICT');
  });

  it('plan refuses a check day after the deadline: the record could only close late', () => {
    // The deadline of the record under test is 2026-04-09.
    expect(check('plan', nc('analysed'), iso, { date: '2026-04-09' }).ok).toBe(true);
    const late = failure(check('plan', nc('analysed'), iso, { date: '2026-04-10' }));
    expect(late).toEqual({
      code: 'INVALID_INPUT',
      message: 'Ngày kiểm tra hiệu lực không được sau hạn khắc phục (09/04/2026).',
    });
  });

  it('implement is the app’s own move once the actions are done', () => {
    expect(check('implement', nc('planned'), SYSTEM_ACTOR)).toMatchObject({
      ok: true,
      to: 'implemented',
    });
    expect(failure(check('implement', nc('planned'), leader))?.code).toBe('FORBIDDEN');
    expect(failure(check('implement', nc('analysed'), SYSTEM_ACTOR))?.code).toBe('CONFLICT');
  });

  it('verify: not before the day set, with a conclusion, by a manager', () => {
    const due = nc('implemented', { verifyOn: TODAY });
    const r = check('verify', due, leader, { comment: 'Không còn hồ sơ chờ ký quá hạn' });
    expect(r.ok && r.to).toBe('verified');
    expect(r.ok && r.patch.data?.verified).toMatchObject({ userId: leader.id, on: TODAY });
    const early = nc('implemented', { verifyOn: '2026-03-11' });
    expect(failure(check('verify', early, leader, { comment: 'x' }))?.message).toBe(
      'Chưa đến ngày kiểm tra hiệu lực (11/03/2026).',
    );
    expect(failure(check('verify', due, leader))?.code).toBe('INVALID_INPUT');
    expect(failure(check('verify', due, auditor, { comment: 'x' }))?.code).toBe('FORBIDDEN');
    expect(failure(check('verify', nc('planned'), leader, { comment: 'x' }))?.code).toBe(
      'CONFLICT',
    );
  });

  it('not effective sends it back to the actions, with a reason, not before the day set', () => {
    const due = nc('implemented', { verifyOn: TODAY });
    expect(check('ineffective', due, iso, { comment: 'Vẫn còn hồ sơ trễ' })).toMatchObject({
      ok: true,
      to: 'planned',
    });
    expect(failure(check('ineffective', due, iso))?.code).toBe('INVALID_INPUT');
    const early = nc('implemented', { verifyOn: '2026-04-01' });
    expect(failure(check('ineffective', early, iso, { comment: 'x' }))?.code).toBe('CONFLICT');
    expect(failure(check('ineffective', nc('verified'), iso, { comment: 'x' }))?.code).toBe(
      'CONFLICT',
    );
  });

  it('close records the day and clears the deadline; only from verified, by a manager', () => {
    const r = check('close', nc('verified'), iso);
    expect(r.ok && r.to).toBe('closed');
    expect(r.ok && r.patch).toMatchObject({ data: { closedOn: TODAY }, dueDate: null });
    expect(failure(check('close', nc('implemented'), iso))?.code).toBe('CONFLICT');
    expect(failure(check('close', nc('verified'), auditor))?.code).toBe('FORBIDDEN');
  });

  it('cancel needs a reason, and is refused once the actions are done or it is closed', () => {
    for (const state of ['open', 'analysed', 'planned'])
      expect(check('cancel', nc(state), leader, { comment: 'Trùng với NC-02' }).ok).toBe(true);
    expect(failure(check('cancel', nc('open'), leader))?.message).toBe(
      'Phải nhập ý kiến / lý do để hủy.',
    );
    for (const state of ['implemented', 'verified', 'closed', 'cancelled'])
      expect(failure(check('cancel', nc(state), leader, { comment: 'x' }))?.code).toBe('CONFLICT');
    expect(failure(check('cancel', nc('open'), specialist, { comment: 'x' }))?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('offers each role what it may do now', () => {
    const at = (state: string, who: Actor, over: Partial<NonconformityData> = {}) =>
      availableTransitions(nonconformityKind, {
        record: nc(state, over),
        actor: who,
        today: TODAY,
      });
    expect(at('open', iso)).toEqual(['analyse', 'cancel']);
    expect(at('analysed', leader)).toEqual(['analyse', 'plan', 'cancel']);
    expect(at('planned', iso)).toEqual(['cancel']);
    expect(at('implemented', leader, { verifyOn: TODAY })).toEqual(['verify', 'ineffective']);
    expect(at('implemented', leader, { verifyOn: '2026-03-11' })).toEqual([]);
    expect(at('verified', leader)).toEqual(['close']);
    expect(at('closed', leader)).toEqual([]);
    expect(at('open', specialist)).toEqual([]);
  });
});
