// The office overview's quality-system figures, from the qms records an office pushed:
// revisions in force, drafts, documents overdue for review, revisions nobody acknowledged.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglite } from './support/backends';
import { startServer, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startServer(pglite);
}, 60_000);
afterAll(() => h.close());

let seq = 0;
async function put(officeId: string, entity: string, row: Record<string, unknown>) {
  seq++;
  await h.database.db.execute(sql`insert into entities (office_id, entity, entity_id, row, deleted,
    server_seq, device_id, client_seq, updated_at)
    values (${officeId}::uuid, ${entity}, ${String(row.id)}, ${JSON.stringify(row)}::jsonb, false,
      ${seq}, ${randomUUID()}::uuid, ${seq}, now())`);
}

const record = (kind: string, state: string, over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind,
  state,
  updatedAt: 1,
  data: {},
  ...over,
});

describe('office overview: quality system', () => {
  it('counts documents in force, drafts, reviews overdue and unacknowledged revisions', async () => {
    const { officeId } = await h.admin.createOffice('000.00.55.H56', 'UBND xã Chất Lượng');
    const concerned = record('document', 'active', {
      dueDate: '2020-01-01',
      data: { docType: 'procedure', concernedRoles: ['desk_officer'] },
    });
    const quiet = record('document', 'active', {
      dueDate: '2999-01-01',
      data: { docType: 'procedure', concernedRoles: [] },
    });
    const law = record('document', 'active', {
      dueDate: '2020-01-01',
      data: { docType: 'external' },
    });
    const acked = record('revision', 'effective', { parentId: concerned.id });
    const notAcked = record('revision', 'effective', { parentId: concerned.id });
    const noRoles = record('revision', 'effective', { parentId: quiet.id });
    for (const r of [concerned, quiet, law, acked, notAcked, noRoles])
      await put(officeId, 'qms_record', r);
    await put(officeId, 'qms_record', record('revision', 'draft', { parentId: quiet.id }));
    await put(officeId, 'qms_record', record('revision', 'in_review', { parentId: quiet.id }));
    await put(officeId, 'qms_record', record('revision', 'superseded', { parentId: quiet.id }));
    await put(officeId, 'qms_acknowledgement', {
      id: randomUUID(),
      revisionId: acked.id,
      userId: 'u',
      at: 1,
      updatedAt: 1,
    });

    const list = await h.admin.call('GET', '/v1/admin/offices');
    const office = (list.body as { offices: { id: string; qms: unknown }[] }).offices.find(
      (o) => o.id === officeId,
    );
    const expected = { inForce: 3, drafts: 2, reviewsOverdue: 1, unacknowledged: 1 };
    expect(office?.qms).toEqual(expected);
    const detail = await h.admin.call('GET', `/v1/admin/offices/${officeId}`);
    // Compared as values: the kept figures come back from a jsonb column, whose key order is
    // PostgreSQL's, not the order they were written in.
    expect((detail.body as { office: { qms: unknown } }).office.qms).toEqual(expected);
    const { officeId: empty } = await h.admin.createOffice('000.00.56.H56', 'UBND xã Mới');
    const again = await h.admin.call('GET', '/v1/admin/offices');
    const fresh = (again.body as { offices: { id: string; qms: unknown }[] }).offices.find(
      (o) => o.id === empty,
    );
    expect(fresh?.qms).toEqual({ inForce: 0, drafts: 0, reviewsOverdue: 0, unacknowledged: 0 });
  });
});
