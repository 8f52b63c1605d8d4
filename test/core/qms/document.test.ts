// Documents: periodic review outcomes and withdrawal; external documents lapsing.
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import { addMonths, documentData, documentKind, externalLapsed } from '../../../core/qms/document';
import { actor, record, TODAY } from './support';

const iso = actor('u-iso', 'iso_coordinator');
const desk = actor('u-desk', 'desk_officer');
const doc = record(
  'document',
  'active',
  documentData.parse({ docType: 'procedure', ownerRole: 'iso_coordinator', reviewMonths: 12 }),
  { dueDate: '2026-04-01' },
);
const check = (name: string, who = iso, comment?: string) =>
  checkTransition(documentKind, name, {
    record: doc,
    actor: who,
    input: comment === undefined ? {} : { comment },
    today: TODAY,
  });

describe('document transitions', () => {
  it('a periodic review with no change records the outcome and sets the next review date', () => {
    const r = check('review_no_change', iso, 'Vẫn phù hợp');
    expect(r.ok && r.to).toBe('active');
    expect(r.ok && r.patch.dueDate).toBe('2027-03-10');
    expect(r.ok && r.patch.data?.lastReview).toMatchObject({
      outcome: 'no_change',
      comment: 'Vẫn phù hợp',
    });
    expect(check('review_no_change', iso).ok).toBe(false);
    expect(check('review_no_change', desk, 'x').ok).toBe(false);
  });

  it('revise and withdraw', () => {
    expect(check('review_revise', iso, 'Luật mới')).toMatchObject({ ok: true, to: 'active' });
    const w = check('withdraw', iso, 'Không còn áp dụng');
    expect(w.ok && w.to).toBe('obsolete');
    expect(w.ok && w.patch.data?.withdrawn?.reason).toBe('Không còn áp dụng');
    expect(check('withdraw', desk, 'x').ok).toBe(false);
    const gone = checkTransition(documentKind, 'withdraw', {
      record: { ...doc, state: 'obsolete' },
      actor: iso,
      input: { comment: 'x' },
      today: TODAY,
    });
    expect(!gone.ok && gone.failure.code).toBe('CONFLICT');
  });

  it('refuses a periodic review of a law, or of a document with no revision in force yet', () => {
    const review = (data: object, name: string) =>
      checkTransition(documentKind, name, {
        record: record('document', 'active', documentData.parse(data)),
        actor: iso,
        input: { comment: 'Rà soát' },
        today: TODAY,
      });
    for (const name of ['review_no_change', 'review_revise']) {
      const law = review({ docType: 'external', ownerRole: 'iso_coordinator' }, name);
      expect(!law.ok && law.failure).toMatchObject({ code: 'CONFLICT' });
      expect(!law.ok && law.failure.message).toContain('Tài liệu bên ngoài không rà soát định kỳ');
      const draft = review({ docType: 'procedure', ownerRole: 'iso_coordinator' }, name);
      expect(!draft.ok && draft.failure.message).toBe(
        'Tài liệu chưa có lần ban hành nào có hiệu lực nên chưa rà soát định kỳ.',
      );
    }
    // Withdrawing stays possible: a law or a draft document can still be made obsolete.
    const withdraw = checkTransition(documentKind, 'withdraw', {
      record: record(
        'document',
        'active',
        documentData.parse({ docType: 'external', ownerRole: 'iso_coordinator' }),
      ),
      actor: iso,
      input: { comment: 'Không còn áp dụng' },
      today: TODAY,
    });
    expect(withdraw.ok).toBe(true);
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('an external document lapses when it expires or is replaced', () => {
    const facts = { number: '123/2015/NĐ-CP', issuer: 'Chính phủ', effectiveDate: '2016-01-01' };
    expect(externalLapsed({ ...facts, expiryDate: null, replacedById: null }, TODAY)).toBe(false);
    expect(externalLapsed({ ...facts, expiryDate: TODAY, replacedById: null }, TODAY)).toBe(true);
    expect(externalLapsed({ ...facts, expiryDate: '2026-12-31', replacedById: null }, TODAY)).toBe(
      false,
    );
    expect(externalLapsed({ ...facts, expiryDate: null, replacedById: 'x' }, TODAY)).toBe(true);
  });
});
