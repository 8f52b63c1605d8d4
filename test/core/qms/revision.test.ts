// Document revisions: sign-off Soạn thảo → Xem xét → Phê duyệt, rejection, taking effect.
import { describe, expect, it } from 'vitest';
import { checkTransition, SYSTEM_ACTOR, type Actor } from '../../../core/qms';
import { revisionData, revisionKind, type RevisionData } from '../../../core/qms/revision';
import { actor, record, TODAY } from './support';

const secretary = actor('u-iso', 'iso_coordinator');
const chairman = actor('u-chair', 'leader');
const vice = actor('u-vice', 'leader');
const desk = actor('u-desk', 'desk_officer');

const STEPS = [
  { no: 1, name: 'Tiếp nhận', role: 'desk_officer', hours: 1, output: 'Mẫu 01' },
  { no: 2, name: 'Trả kết quả', role: 'desk_officer', hours: 1, output: 'Sổ theo dõi' },
] as const;
const sig = (a: Actor) => ({ userId: a.id as string, name: a.name, on: TODAY });
const data = (over: Partial<RevisionData> = {}): RevisionData =>
  revisionData.parse({
    documentId: 'd1',
    issueNo: 2,
    sections: { content: 'Nội dung' },
    steps: STEPS,
    ...over,
  });
const draft = record('revision', 'draft', data(), { ownerId: secretary.id });
const inReview = record('revision', 'in_review', data({ drafted: sig(secretary) }), {
  ownerId: secretary.id,
});
const reviewed = record(
  'revision',
  'in_review',
  data({ drafted: sig(secretary), reviewed: sig(chairman) }),
  { ownerId: secretary.id },
);
const check = (
  name: string,
  rec: typeof draft,
  who: Actor,
  input: { comment?: string; date?: string } = {},
) => checkTransition(revisionKind, name, { record: rec, actor: who, input, today: TODAY });

describe('revision transitions', () => {
  it('the drafter submits; the draft is signed "Soạn thảo" and due for review', () => {
    const r = check('submit', draft, secretary);
    expect(r.ok && r.to).toBe('in_review');
    expect(r.ok && r.patch.data?.drafted).toEqual(sig(secretary));
    expect(r.ok && r.patch.dueDate).toBe('2026-03-15');
  });

  it('refuses submitting an empty step table, or an empty draft, or by a desk officer', () => {
    const empty = check('submit', record('revision', 'draft', data({ steps: [] })), secretary);
    expect(!empty.ok && empty.failure.message).toBe(
      'Bảng các bước của quy trình không được để trống.',
    );
    const blank = check(
      'submit',
      record(
        'revision',
        'draft',
        data({ steps: null, sections: revisionData.shape.sections.parse({}) }),
      ),
      secretary,
    );
    expect(!blank.ok && blank.failure.message).toContain('chưa có nội dung');
    expect(check('submit', draft, desk).ok).toBe(false);
  });

  it('the reviewer is not the drafter', () => {
    const self = check('review', inReview, actor('u-iso', 'iso_coordinator', 'leader'));
    expect(!self.ok && self.failure).toEqual({
      code: 'FORBIDDEN',
      message: 'Người xem xét không được là người soạn thảo tài liệu.',
    });
    const ok = check('review', inReview, chairman);
    expect(ok.ok && ok.patch.data?.reviewed).toEqual(sig(chairman));
    const twice = check('review', reviewed, vice);
    expect(!twice.ok && twice.failure.code).toBe('CONFLICT');
    expect(check('review', inReview, desk).ok).toBe(false);
  });

  it('approval: a leader, not the drafter, after review, with an effective date not past', () => {
    const ok = check('approve', reviewed, chairman, { date: '2026-04-01' });
    expect(ok.ok && ok.to).toBe('approved');
    expect(ok.ok && ok.patch.data).toMatchObject({
      approved: sig(chairman),
      effectiveDate: '2026-04-01',
    });
    const own = check(
      'approve',
      record('revision', 'in_review', data({ drafted: sig(chairman), reviewed: sig(secretary) })),
      chairman,
      { date: TODAY },
    );
    expect(!own.ok && own.failure.message).toBe(
      'Không được phê duyệt tài liệu do chính mình soạn thảo.',
    );
    const notLeader = check('approve', reviewed, secretary, { date: TODAY });
    expect(!notLeader.ok && notLeader.failure.code).toBe('FORBIDDEN');
    const unreviewed = check('approve', inReview, chairman, { date: TODAY });
    expect(!unreviewed.ok && unreviewed.failure.message).toContain('phải được xem xét');
    const past = check('approve', reviewed, chairman, { date: '2026-03-09' });
    expect(!past.ok && past.failure.message).toBe('Ngày hiệu lực không được ở trong quá khứ.');
    const noDate = check('approve', reviewed, chairman);
    expect(!noDate.ok && noDate.failure.code).toBe('INVALID_INPUT');
  });

  it('reject returns to draft with the comment and clears the review', () => {
    const r = check('reject', reviewed, chairman, { comment: 'Sửa bước 2' });
    expect(r.ok && r.to).toBe('draft');
    expect(r.ok && r.patch.data).toMatchObject({ reviewed: null, rejectComment: 'Sửa bước 2' });
    expect(check('reject', reviewed, chairman).ok).toBe(false);
    expect(check('reject', reviewed, secretary, { comment: 'x' }).ok).toBe(false);
  });

  it('only the app moves it into force, on its date; users cannot', () => {
    const approved = record('revision', 'approved', data({ effectiveDate: '2026-03-12' }));
    const early = check('take_effect', approved, SYSTEM_ACTOR);
    expect(!early.ok && early.failure.message).toBe('Chưa đến ngày hiệu lực.');
    const onDay = checkTransition(revisionKind, 'take_effect', {
      record: approved,
      actor: SYSTEM_ACTOR,
      input: {},
      today: '2026-03-12',
    });
    expect(onDay.ok && onDay.to).toBe('effective');
    expect(check('take_effect', approved, chairman).ok).toBe(false);
    const effective = record('revision', 'effective', data());
    expect(check('supersede', effective, SYSTEM_ACTOR)).toMatchObject({
      ok: true,
      to: 'superseded',
    });
    expect(check('make_obsolete', effective, SYSTEM_ACTOR)).toMatchObject({
      ok: true,
      to: 'obsolete',
    });
    expect(check('supersede', effective, chairman).ok).toBe(false);
  });

  it('a draft is cancelled with a reason, never deleted', () => {
    expect(check('cancel', draft, secretary, { comment: 'Không cần' })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
    expect(check('cancel', draft, secretary).ok).toBe(false);
    expect(check('cancel', inReview, desk, { comment: 'x' }).ok).toBe(false);
  });
});
