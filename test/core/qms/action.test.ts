// The shared action kind: every transition allowed and refused.
import { describe, expect, it } from 'vitest';
import { actionData, actionKind, type ActionData } from '../../../core/qms/action';
import { availableTransitions, checkTransition, SYSTEM_ACTOR } from '../../../core/qms';
import { actor, record, TODAY } from './support';

const owner = actor('u-owner', 'specialist');
const iso = actor('u-iso', 'iso_coordinator');
const leader = actor('u-lead', 'leader');
const other = actor('u-other', 'desk_officer');

const data = (over: Partial<ActionData> = {}): ActionData =>
  actionData.parse({ description: 'Bổ sung hướng dẫn', ...over });
const open = record('action', 'open', data(), { ownerId: owner.id });
const done = record('action', 'done', data({ result: 'Đã làm' }), { ownerId: owner.id });

const check = (
  name: string,
  rec: typeof open,
  who: typeof owner,
  input: { comment?: string; date?: string } = {},
) => checkTransition(actionKind, name, { record: rec, actor: who, input, today: TODAY });

describe('action transitions', () => {
  it('the owner completes with a result; the patch signs it', () => {
    const r = check('complete', open, owner, { comment: 'Đã in lại biểu mẫu' });
    expect(r.ok && r.to).toBe('done');
    expect(r.ok && r.patch.data?.result).toBe('Đã in lại biểu mẫu');
    expect(r.ok && r.patch.data?.completed).toEqual({
      userId: owner.id,
      name: owner.name,
      on: TODAY,
    });
  });

  it('refuses completing without a result, or by someone else', () => {
    const missing = check('complete', open, owner);
    expect(!missing.ok && missing.failure).toMatchObject({ code: 'INVALID_INPUT' });
    expect(!missing.ok && missing.failure.message).toContain('Phải nhập');
    const stranger = check('complete', open, other, { comment: 'x' });
    expect(!stranger.ok && stranger.failure.code).toBe('FORBIDDEN');
  });

  it('verification is by a manager other than the owner', () => {
    expect(check('verify', done, iso, { comment: 'Hiệu quả' })).toMatchObject({
      ok: true,
      to: 'verified',
    });
    const self = check('verify', done, actor(owner.id as string, 'iso_coordinator'), {
      comment: 'Tự kiểm',
    });
    expect(!self.ok && self.failure.message).toContain('không tự kiểm tra');
    const role = check('verify', done, other, { comment: 'x' });
    expect(!role.ok && role.failure.code).toBe('FORBIDDEN');
    const state = check('verify', open, iso, { comment: 'x' });
    expect(!state.ok && state.failure.code).toBe('CONFLICT');
  });

  it('reopen sends it back to the owner; reschedule needs a date not in the past', () => {
    expect(check('reopen', done, leader, { comment: 'Chưa hiệu quả' })).toMatchObject({
      ok: true,
      to: 'open',
    });
    const past = check('reschedule', open, leader, { comment: 'Lý do', date: '2026-03-09' });
    expect(!past.ok && past.failure.message).toContain('quá khứ');
    const ok = check('reschedule', open, leader, { comment: 'Lý do', date: '2026-04-01' });
    expect(ok.ok && ok.patch.dueDate).toBe('2026-04-01');
  });

  it('cancel needs a reason and a manager; the app itself cannot act as a user', () => {
    expect(check('cancel', open, iso, { comment: 'Trùng' })).toMatchObject({ ok: true });
    expect(check('cancel', open, iso).ok).toBe(false);
    expect(check('cancel', open, owner, { comment: 'x' }).ok).toBe(false);
    expect(check('cancel', open, SYSTEM_ACTOR, { comment: 'x' }).ok).toBe(false);
    expect(check('no_such', open, iso).ok).toBe(false);
  });

  it('lists what a user may do now', () => {
    expect(availableTransitions(actionKind, { record: open, actor: owner, today: TODAY })).toEqual([
      'complete',
    ]);
    expect(availableTransitions(actionKind, { record: done, actor: owner, today: TODAY })).toEqual(
      [],
    );
    expect(availableTransitions(actionKind, { record: done, actor: iso, today: TODAY })).toEqual([
      'verify',
      'reopen',
      'cancel',
    ]);
  });
});
