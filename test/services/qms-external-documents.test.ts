// External documents (laws) end to end in services: a procedure cites a law; when the law
// expires or is replaced, the procedure is flagged "cần rà soát" on the register, on its
// detail and in the inbox of the ISO secretary and of the document's owner role; citing the
// new law clears it. Edits write their history, audit and outbox rows; bad references are
// refused in Vietnamese with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../core/contract';
import { dumpDatabase } from '../support/backend';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';
import { documentByCode, externalDocument as law, type Detail } from '../support/qms';

let app: DeskApp;
afterEach(() => app.close());

/** documents.update's input for `d` with `patch` over its current fields. */
const edit = (d: Detail, patch: Partial<OpInput<'documents.update'>>) => {
  const data = d.document.data as OpInput<'documents.update'>;
  return {
    id: d.document.id,
    rev: d.document.rev,
    title: d.document.title,
    ownerRole: data.ownerRole,
    concernedRoles: data.concernedRoles,
    reviewMonths: data.reviewMonths,
    cites: data.cites,
    external: data.external,
    ...patch,
  } satisfies OpInput<'documents.update'>;
};

const needsReview = async (user: string, code: string) =>
  (await app.ok(user)('qms.inbox', {})).items
    .filter((i) => i.source === 'needs_review' && i.code === code)
    .map((i) => i.task);

const flagsOf = async (code: string) =>
  (await app.ok('motcua')('documents.list', { query: code })).find((d) => d.code === code)?.flags;

describe('external documents and the "cần rà soát" flag', () => {
  it('flags a procedure citing a law once it expires or is replaced, until it cites the new one', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const old = await app.ok('thuky')(
      'documents.create',
      law('VB-20', '99/2026/QH15', '2026-12-01'),
    );
    const procedure = await documentByCode(app, 'QT-HT-02');
    const cited = (procedure.document.data as { cites: string[] }).cites;
    const edited = await app.ok('thuky')(
      'documents.update',
      edit(procedure, {
        ownerRole: 'specialist',
        cites: [...cited, old.document.id, old.document.id],
      }),
    );
    expect((edited.document.data as { cites: string[] }).cites).toEqual([
      ...cited,
      old.document.id,
    ]);
    const history = await app.ok('thuky')('qms.history', { id: procedure.document.id });
    expect(history.find((h) => h.transition === 'edit')).toMatchObject({
      transition: 'edit',
      comment: 'Cập nhật thông tin tài liệu',
    });
    const sqlite = app.backend.database();
    const rows = (table: string) =>
      sqlite
        .prepare(`SELECT count(*) FROM ${table} WHERE entity_id = ?`)
        .pluck()
        .get(procedure.document.id) as number;
    expect(rows('outbox')).toBeGreaterThan(0);
    expect(
      sqlite
        .prepare(`SELECT summary FROM audit_log WHERE entity_id = ? AND operation = ?`)
        .pluck()
        .all(procedure.document.id, 'documents.update'),
    ).toEqual([`QT-HT-02 ${procedure.document.title}: cập nhật thông tin`]);
    const lawDetail = await app.ok('thuky')('documents.get', { id: old.document.id });
    expect(lawDetail.citedBy.map((c) => c.code)).toEqual(['QT-HT-02']);

    // In force until its expiry date: nothing to review yet.
    expect(await flagsOf('QT-HT-02')).toEqual([]);
    expect(await needsReview('thuky', 'QT-HT-02')).toEqual([]);

    app.clock.now = vn('2026-12-01', '08:00');
    await app.relogin();
    const expired = 'Văn bản 99/2026/QH15 hết hiệu lực từ 01/12/2026';
    expect(await flagsOf('QT-HT-02')).toEqual([expired]);
    const detail = await documentByCode(app, 'QT-HT-02', 'motcua');
    expect(detail.row.flags).toEqual([expired]);
    // The ISO secretary and the owner role (specialist) see it; the desk officer does not.
    expect(await needsReview('thuky', 'QT-HT-02')).toEqual([`Cần rà soát: ${expired}`]);
    expect(await needsReview('tuphap', 'QT-HT-02')).toEqual([`Cần rà soát: ${expired}`]);
    expect(await needsReview('motcua', 'QT-HT-02')).toEqual([]);
    // Other procedures do not cite it: not flagged.
    expect(await flagsOf('QT-HT-01')).toEqual([]);

    // The new law replaces it: the flag says by what.
    const next = await app.ok('thuky')('documents.create', law('VB-21', '100/2026/QH15'));
    const lawNow = await app.ok('thuky')('documents.get', { id: old.document.id });
    const facts = lawNow.row.external!;
    await app.ok('thuky')(
      'documents.update',
      edit(lawNow, { external: { ...facts, replacedById: next.document.id } }),
    );
    expect(await flagsOf('QT-HT-02')).toEqual([
      'Văn bản 99/2026/QH15 đã được thay thế bởi 100/2026/QH15',
    ]);
    const replaced = await app.ok('thuky')('documents.get', { id: old.document.id });
    expect(replaced.replacedBy).toMatchObject({ code: 'VB-21', number: '100/2026/QH15' });
    const citing = await documentByCode(app, 'QT-HT-02');
    expect(citing.cited.find((c) => c.id === old.document.id)).toMatchObject({
      number: '99/2026/QH15',
      lapsed: true,
    });
    expect(citing.cited.filter((c) => c.lapsed)).toHaveLength(1);

    // The procedure cites the new law instead: the flag and the inbox line go.
    const fresh = await documentByCode(app, 'QT-HT-02');
    await app.ok('thuky')('documents.update', edit(fresh, { cites: [...cited, next.document.id] }));
    expect(await flagsOf('QT-HT-02')).toEqual([]);
    expect(await needsReview('thuky', 'QT-HT-02')).toEqual([]);
    expect(await needsReview('tuphap', 'QT-HT-02')).toEqual([]);

    // A shorter review interval moves the next periodic review, counted from the revision in
    // force taking effect (23/11/2026); editing other facts left it alone.
    const current = await documentByCode(app, 'QT-HT-02');
    expect(current.row.nextReview).toBe('2027-11-23');
    const shorter = await app.ok('thuky')('documents.update', edit(current, { reviewMonths: 6 }));
    expect(shorter.row.nextReview).toBe('2027-05-23');
  });

  it('refuses citing a non-law, an unknown id or itself, and replacements that loop, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '09:00'));
    const a = await app.ok('thuky')('documents.create', law('VB-20', '99/2026/QH15'));
    const b = await app.ok('thuky')('documents.create', law('VB-21', '100/2026/QH15'));
    const bReplaced = await app.ok('thuky')(
      'documents.update',
      edit(b, { external: { ...b.row.external!, replacedById: a.document.id } }),
    );
    const procedure = await documentByCode(app, 'QT-HT-02');
    const other = await documentByCode(app, 'QT-01');
    const before = dumpDatabase(app.backend);
    const refused = async (user: string, input: OpInput<'documents.update'>) => {
      const r = await app.as(user)('documents.update', input);
      if (r.ok) throw new Error('accepted');
      return r.error;
    };
    expect((await refused('thuky', edit(procedure, { cites: [other.document.id] }))).message).toBe(
      'QT-01 không phải tài liệu bên ngoài: chỉ viện dẫn, thay thế bằng văn bản pháp luật.',
    );
    expect(
      (await refused('thuky', edit(procedure, { cites: ['0190a000-0000-7000-8000-000000000000'] })))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await refused('thuky', edit(procedure, { cites: [procedure.document.id] }))).message,
    ).toBe('Tài liệu không thể viện dẫn chính nó.');
    const facts = a.row.external!;
    expect(
      (await refused('thuky', edit(a, { external: { ...facts, replacedById: a.document.id } })))
        .message,
    ).toBe('Văn bản không thể được thay thế bởi chính nó.');
    expect(
      (await refused('thuky', edit(a, { external: { ...facts, replacedById: other.document.id } })))
        .message,
    ).toContain('không phải tài liệu bên ngoài');
    expect(
      (await refused('thuky', edit(a, { external: { ...facts, replacedById: b.document.id } })))
        .message,
    ).toBe(
      'VB-21 đang được ghi là bị văn bản này thay thế; hai văn bản không thể thay thế lẫn nhau.',
    );
    expect((await refused('thuky', edit(a, { cites: [bReplaced.document.id] }))).message).toBe(
      'Tài liệu bên ngoài không viện dẫn văn bản khác.',
    );
    expect(
      JSON.stringify(
        await refused('thuky', edit(a, { external: { ...facts, effectiveDate: '01/12/2026' } })),
      ),
    ).toContain('Ngày phải có dạng YYYY-MM-DD');
    expect((await refused('motcua', edit(procedure, { cites: [a.document.id] }))).code).toBe(
      'FORBIDDEN',
    );
    const created = await app.as('thuky')('documents.create', {
      ...law('VB-22', '101/2026/QH15'),
      docType: 'guideline',
      external: null,
      cites: [other.document.id],
    });
    expect(created.ok === false && created.error.message).toContain(
      'không phải tài liệu bên ngoài',
    );
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});
