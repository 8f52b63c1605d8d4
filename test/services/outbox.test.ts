// Every dossier change leaves its snapshot in the outbox, in the same transaction, with a
// per-device sequence that only increases, even after acknowledged rows are removed.
import { afterEach, describe, expect, it } from 'vitest';
import { procedureId, receiveInput, startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

interface OutboxRow {
  client_seq: number;
  entity: string;
  entity_id: string;
  row: string;
}
const rows = () =>
  app.backend.database().prepare('SELECT * FROM outbox ORDER BY client_seq').all() as OutboxRow[];

describe('outbox', () => {
  it('records receive and forward as snapshots of the changed rows', async () => {
    app = await startDemoDesk();
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(await procedureId(app, '1.001193'), app.users['tuphap']),
    );
    const afterReceive = rows();
    expect(afterReceive.map((r) => r.entity)).toEqual([
      'dossier',
      'dossier_step',
      'dossier_step',
      'dossier_event',
    ]);
    const snapshot = JSON.parse(afterReceive[0].row) as Record<string, unknown>;
    expect(snapshot).toMatchObject({
      id: d.dossier.id,
      code: d.dossier.code,
      procedureCode: '1.001193',
      status: 'processing',
    });
    app.clock.now += 60_000;
    await app.ok('tuphap')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 2,
      toUserId: app.users['chutich'],
      note: '',
    });
    const added = rows().slice(afterReceive.length);
    expect(added.map((r) => r.entity)).toEqual([
      'dossier',
      'dossier_step',
      'dossier_step',
      'dossier_event',
    ]);
    expect(JSON.parse(added[0].row)).toMatchObject({ currentStep: 3 });
    const seqs = rows().map((r) => r.client_seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('keeps increasing after acknowledged ops are removed, and a refused action queues nothing', async () => {
    app = await startDemoDesk();
    const pid = await procedureId(app, '1.001193');
    await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    const last = rows().at(-1)!.client_seq;
    app.backend.database().prepare('DELETE FROM outbox').run();
    const d = await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    expect(rows()[0].client_seq).toBe(last + 1);
    const count = rows().length;
    await app.as('vanthu')('dossiers.forward', {
      id: d.dossier.id,
      expectedStep: 2,
      toUserId: app.users['chutich'],
      note: '',
    });
    expect(rows()).toHaveLength(count);
  });
});
