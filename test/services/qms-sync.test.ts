// Quality-system records travel to the province through the generic outbox and come back to
// a new PC by restore: records, their history and (see documents) files and procedure versions.
import { describe, expect, it } from 'vitest';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { TestApp } from '../support/backend';
import { procedureId, receiveInput } from '../support/desk';
import { documentByCode, draftAndReview } from '../support/qms';
import { enrollDesk, outboxRows, provinceFixture, receive } from '../sync/support/env';

const province = provinceFixture();

const table = (app: TestApp, sql: string) =>
  app.backend.database().prepare(sql).all() as Record<string, unknown>[];

describe('quality-system sync and restore', () => {
  it('pushes records and history, and restores them on a new PC', async () => {
    const o = await province.office();
    await receive(o.app, 1);
    const action = await o.app.ok('thuky')('actions.create', {
      title: 'Rà soát sổ theo dõi',
      description: 'Đối chiếu sổ với phần mềm',
      ownerId: o.app.users['vanthu'],
      dueDate: '2026-12-15',
      sourceKind: null,
      sourceId: null,
    });
    await o.app.ok('vanthu')('qms.transition', {
      id: action.id,
      transition: 'complete',
      rev: 1,
      comment: 'Đã đối chiếu, khớp',
    });
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts.dossiers).toBe(1);
    const restored = await fresh.ok('thuky')('qms.get', { id: action.id });
    expect(restored).toMatchObject({
      state: 'done',
      rev: 2,
      title: 'Rà soát sổ theo dõi',
      data: { result: 'Đã đối chiếu, khớp' },
    });
    const history = await fresh.ok('thuky')('qms.history', { id: action.id });
    expect(history.map((h) => h.transition)).toEqual(['create', 'complete']);
    expect(table(fresh, "SELECT search_text FROM qms_records WHERE kind = 'action'")).toEqual([
      { search_text: 'ra soat so theo doi' },
    ]);
    // Restored, not queued again.
    expect(outboxRows(fresh)).toEqual([]);
  });

  it('restores documents: the revision file, acknowledgements, and the procedure version dossiers use', async () => {
    const o = await province.office();
    const reviewed = await draftAndReview(o.app, 'QT-HT-02');
    const pending = reviewed.revisions.find((r) => r.state === 'in_review')!;
    // The signed copy travels with the revision (uploaded apart, then the row).
    const { Document, Packer, Paragraph } = await import('docx');
    const bytes = Buffer.from(
      await Packer.toBuffer(
        new Document({ sections: [{ children: [new Paragraph('QT-HT-02')] }] }),
      ),
    );
    const rejected = await o.app.ok('chutich')('qms.transition', {
      id: pending.id,
      transition: 'reject',
      rev: pending.rev,
      comment: 'Đính kèm bản ký',
    });
    await o.app.ok('thuky')('documents.attachFile', {
      revisionId: pending.id,
      rev: rejected.rev,
      fileName: 'QT-HT-02.docx',
      base64: bytes.toString('base64'),
    });
    let r = await o.app.ok('thuky')('qms.transition', {
      id: pending.id,
      transition: 'submit',
      rev: rejected.rev + 1,
    });
    r = await o.app.ok('chutich')('qms.transition', {
      id: pending.id,
      transition: 'review',
      rev: r.rev,
    });
    await o.app.ok('chutich')('qms.transition', {
      id: pending.id,
      transition: 'approve',
      rev: r.rev,
      date: civilDateOf(o.app.clock.now),
    });
    await o.app.ok('motcua')('documents.acknowledge', { revisionId: pending.id });
    const pid = await procedureId(o.app, '1.004873');
    const dossier = await o.app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, o.app.users['tuphap']),
    );
    expect(dossier.plan).toHaveLength(4);
    expect((await o.engine.run()).ok).toBe(true);
    expect(outboxRows(o.app)).toEqual([]);

    const code = await province.h.admin.newCode(o.officeId);
    const { app: fresh } = await enrollDesk(province.h.url, code);
    province.track(fresh);
    const counts = await fresh.ok('admin')('sync.restore', {});
    expect(counts.dossiers).toBe(1);
    const back = await fresh.ok('motcua')('dossiers.get', { id: dossier.dossier.id });
    expect(back.plan.map((s) => s.name)).toEqual(dossier.plan.map((s) => s.name));
    const doc = await documentByCode(fresh, 'QT-HT-02');
    expect(doc.revisions.map((x) => [x.data.issueNo, x.state])).toEqual([
      [2, 'effective'],
      [1, 'superseded'],
    ]);
    expect(doc.acknowledgements?.done.map((d) => d.name)).toEqual(['Phạm Thị Hoa']);
    const file = await fresh.ok('thuky')('documents.file', { revisionId: pending.id });
    expect(Buffer.from(file.base64, 'base64').equals(bytes)).toBe(true);
    // Seeded documents were not doubled: the same ids on both PCs.
    const list = await fresh.ok('thuky')('documents.list', { query: 'QT-HT-02' });
    expect(list.map((d) => d.code)).toEqual(['QT-HT-02']);
    // A new dossier on the new PC is received under the office's step table.
    const next = await fresh.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(fresh, '1.004873'), fresh.users['tuphap']),
    );
    expect(next.plan).toHaveLength(4);
  });
});
