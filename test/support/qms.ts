// Quality-system test helpers: find a seeded document, draft a revision with a step table,
// and take it through review and approval.
import type { OpInput, OpOutput } from '../../core/contract';
import type { DeskApp } from './desk';

export type Detail = OpOutput<'documents.get'>;

/** The 4-step table the tests adopt for 1.004873 (3 working days = 24 h budget). */
export const NEW_STEPS = [
  {
    no: 1,
    name: 'Tiếp nhận hồ sơ, lập Mẫu 01 và Mẫu 06',
    role: 'desk_officer',
    hours: 1,
    output: 'Mẫu 01; Mẫu 06',
  },
  {
    no: 2,
    name: 'Thẩm định, dự thảo Giấy xác nhận',
    role: 'specialist',
    hours: 10,
    output: 'Dự thảo',
  },
  { no: 3, name: 'Ký Giấy xác nhận', role: 'leader', hours: 4, output: 'Giấy xác nhận đã ký' },
  { no: 4, name: 'Đóng dấu và trả kết quả', role: 'desk_officer', hours: 2, output: 'Mẫu 07' },
] as const;

export async function documentByCode(app: DeskApp, code: string, as = 'thuky'): Promise<Detail> {
  const list = await app.ok(as)('documents.list', { query: code });
  const row = list.find((d) => d.code === code);
  if (!row) throw new Error(`no document ${code}`);
  return app.ok(as)('documents.get', { id: row.id });
}

export const draftOf = (d: Detail) => d.revisions.find((r) => r.state === 'draft');

/** Secretary opens and saves a draft with NEW_STEPS, submits; chairman reviews. */
export async function draftAndReview(app: DeskApp, code: string): Promise<Detail> {
  const doc = await documentByCode(app, code);
  const opened = await app.ok('thuky')('documents.newRevision', { documentId: doc.document.id });
  const draft = draftOf(opened);
  if (!draft) throw new Error('no draft');
  const saved = await app.ok('thuky')('documents.saveDraft', {
    revisionId: draft.id,
    rev: draft.rev,
    changeSummary: 'Gộp bước đóng dấu vào bước trả kết quả',
    sections: { ...(draft.data.sections as Record<string, string>), content: 'Nội dung sửa đổi' },
    steps: NEW_STEPS.map((s) => ({ ...s })),
  });
  const d2 = draftOf(saved);
  if (!d2) throw new Error('no draft');
  const submitted = await app.ok('thuky')('qms.transition', {
    id: d2.id,
    transition: 'submit',
    rev: d2.rev,
  });
  await app.ok('chutich')('qms.transition', {
    id: d2.id,
    transition: 'review',
    rev: submitted.rev,
  });
  return app.ok('thuky')('documents.get', { id: doc.document.id });
}

/** A transition as `user` on the record's current rev: the result, or the record (moveOk). */
export function movers(app: () => DeskApp) {
  const move = async (user: string, id: string, transition: string, extra: object = {}) => {
    const current = await app().ok(user)('qms.get', { id });
    return app().as(user)('qms.transition', { id, transition, rev: current.rev, ...extra });
  };
  const moveOk = async (user: string, id: string, transition: string, extra: object = {}) => {
    const r = await move(user, id, transition, extra);
    if (!r.ok) throw new Error(`${transition}: ${r.error.message}`);
    return r.value;
  };
  return { move, moveOk };
}

/** documents.create's input for a law `number` (issued by the National Assembly, in force
 * from 01/01/2026 unless `over` says otherwise). */
export const externalDocument = (
  code: string,
  number: string,
  expiryDate: string | null = null,
  over: { title?: string; issuer?: string; effectiveDate?: string } = {},
) =>
  ({
    docType: 'external',
    code,
    title: over.title ?? `Luật sửa đổi ${number}`,
    ownerRole: 'iso_coordinator',
    concernedRoles: [],
    reviewMonths: 12,
    cites: [],
    procedureCode: null,
    external: {
      number,
      issuer: over.issuer ?? 'Quốc hội',
      effectiveDate: over.effectiveDate ?? '2026-01-01',
      expiryDate,
      replacedById: null,
    },
  }) satisfies OpInput<'documents.create'>;
