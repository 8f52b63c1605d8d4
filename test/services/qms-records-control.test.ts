// Records control in services: each dossier's retention from its procedure (civil status kept
// for ever), the yearly record lists (next year's copied from this year's), the "đến hạn hủy"
// list, and the leader's disposal decision that erases personal data and scans but leaves
// every dashboard figure as it was; refusals write nothing.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../core/contract';
import { sha256Of, storedFilePath } from '../../services/file-store';
import { dumpDatabase } from '../support/backend';
import { procedureId, startDemoDesk, vn, type DeskApp } from '../support/desk';
import { closedDossiers, PDF } from './support/closed-dossiers';

let app: DeskApp;
afterEach(() => app.close());

const rows = (sql: string, ...args: unknown[]) =>
  app.backend
    .database()
    .prepare(sql)
    .all(...args) as Record<string, unknown>[];

describe('retention', () => {
  it('keeps a civil-status dossier for ever and a certification dossier 2 years after it closed', async () => {
    app = await startDemoDesk(vn('2025-08-04', '08:00'));
    const [birth] = await closedDossiers(app, '1.001193', 1);
    const [copy] = await closedDossiers(app, '2.000815', 1);
    const b = await app.ok('chutich')('records.retention', { dossierId: birth.dossier.id });
    expect(b).toMatchObject({
      years: 'permanent',
      text: 'Vĩnh viễn',
      closedYear: 2025,
      retainUntil: null,
    });
    const c = await app.ok('chutich')('records.retention', { dossierId: copy.dossier.id });
    expect(c).toMatchObject({
      years: 2,
      source: 'seed',
      closedYear: 2025,
      retainUntil: '2027-12-31',
    });
    // A civil-status procedure with no shipped or catalog value is still permanent.
    app.backend
      .database()
      .prepare(
        "UPDATE procedure_versions SET body = json_set(body, '$.retentionYears', 3) WHERE procedure_id = ?",
      )
      .run(await procedureId(app, '2.000815'));
    const fromCatalog = await app.ok('chutich')('records.retention', {
      dossierId: copy.dossier.id,
    });
    expect(fromCatalog).toMatchObject({ years: 3, source: 'catalog', retainUntil: '2028-12-31' });
  });
});

describe('record lists', () => {
  it('starts the first year from the templates and next year from this year, as drafts', async () => {
    app = await startDemoDesk(vn('2026-01-05', '08:00'));
    const first = await app.ok('thuky')('records.startYear', { year: 2026 });
    expect(first.from).toBe('template');
    const lists = (await app.ok('thuky')('records.lists', { year: 2026 })).lists;
    expect(lists.length).toBe(first.created);
    const birth = lists.find((l) => l.data.procedureCode === '1.001193');
    expect(birth).toMatchObject({ state: 'draft', code: 'QT-HT-01' });
    // The secretary edits one, submits it; the chairman approves.
    const items = [
      ...(birth!.data.items as OpInput<'records.saveList'>['items']),
      {
        name: 'Giấy ủy quyền đăng ký khai sinh',
        keeper: 'Công chức Tư pháp - Hộ tịch',
        place: 'shelf' as const,
        location: 'Tủ hồ sơ hộ tịch',
        retentionYears: 10,
        disposal: 'Hủy bằng máy hủy giấy, lập biên bản',
      },
    ];
    const saved = await app.ok('thuky')('records.saveList', {
      id: birth!.id,
      rev: birth!.rev,
      year: 2026,
      processName: 'Đăng ký khai sinh',
      procedureCode: '1.001193',
      code: 'QT-HT-01',
      items,
    });
    const submitted = await app.ok('thuky')('qms.transition', {
      id: saved.id,
      transition: 'submit',
      rev: saved.rev,
    });
    const refused = await app.as('thuky')('qms.transition', {
      id: saved.id,
      transition: 'approve',
      rev: submitted.rev,
    });
    expect(refused.ok).toBe(false);
    const approved = await app.ok('chutich')('qms.transition', {
      id: saved.id,
      transition: 'approve',
      rev: submitted.rev,
    });
    expect(approved.state).toBe('approved');

    const again = await app.as('thuky')('records.startYear', { year: 2026 });
    expect(again.ok).toBe(false);
    const next = await app.ok('vanthu')('records.startYear', { year: 2027 });
    expect(next).toEqual({ created: first.created, from: 'previous' });
    const copied = (await app.ok('thuky')('records.lists', { year: 2027 })).lists.find(
      (l) => l.data.procedureCode === '1.001193',
    );
    expect(copied).toMatchObject({
      state: 'draft',
      title: 'Danh mục hồ sơ năm 2027 — Đăng ký khai sinh',
    });
    expect(copied!.data.items).toEqual(items);
    expect((await app.ok('thuky')('records.lists', { year: 2027 })).years).toEqual([2027, 2026]);
  });

  it('refuses a list without items, a wrong retention and a desk officer, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-01-05', '08:00'));
    const before = dumpDatabase(app.backend);
    const base = {
      year: 2026,
      processName: 'Kiểm soát hồ sơ',
      procedureCode: null,
      code: 'QT-KSHS',
    };
    const item = {
      name: 'Danh mục hồ sơ',
      keeper: 'Thư ký ISO',
      place: 'both' as const,
      location: '',
      disposal: 'Không hủy',
    };
    const empty = await app.as('thuky')('records.saveList', { ...base, items: [] });
    expect(empty.ok || JSON.stringify(empty.error)).toContain('ít nhất một hồ sơ');
    const zero = await app.as('thuky')('records.saveList', {
      ...base,
      items: [{ ...item, retentionYears: 0 }],
    });
    expect(zero.ok || JSON.stringify(zero.error)).toContain('tối thiểu 1 năm');
    const desk = await app.as('motcua')('records.saveList', {
      ...base,
      items: [{ ...item, retentionYears: null }],
    });
    expect(desk.ok || desk.error.message).toBe('Vai trò của bạn không được lập danh mục hồ sơ.');
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});

describe('disposal', () => {
  async function office() {
    app = await startDemoDesk(vn('2025-08-04', '08:00'));
    const copies = await closedDossiers(app, '2.000815', 3, 'Trần Thị Bích');
    const births = await closedDossiers(app, '1.001193', 2, 'Lê Văn Tâm');
    app.clock.now = vn('2025-12-30', '10:00');
    await app.relogin();
    const dashboard = await app.ok('chutich')('dashboard.get', {});
    const book = await app.ok('chutich')('book.get', { from: '2025-08-01', to: '2025-08-31' });
    return { copies, births, dashboard, book };
  }

  it('lists what is due, erases the personal data and scans of a leader decision, keeps the figures', async () => {
    const { copies, births, dashboard } = await office();
    app.clock.now = vn('2027-06-01', '09:00');
    await app.relogin();
    expect((await app.ok('vanthu')('records.due', {})).groups).toEqual([]);
    app.clock.now = vn('2028-01-03', '09:00');
    await app.relogin();
    const due = await app.ok('vanthu')('records.due', {});
    expect(due.groups).toHaveLength(1);
    expect(due.groups[0]).toMatchObject({
      procedureCode: '2.000815',
      closedYear: 2025,
      count: 3,
      retainUntil: '2027-12-31',
    });
    const proposal = await app.ok('vanthu')('disposals.propose', {
      groups: [{ procedureId: due.groups[0].procedureId, closedYear: 2025 }],
      basis: 'Danh mục hồ sơ năm 2025 đã được phê duyệt; Luật Lưu trữ 2024',
      method: 'Xóa dữ liệu cá nhân trên phần mềm; hủy bản giấy bằng máy hủy',
    });
    expect(proposal).toMatchObject({ kind: 'disposal', state: 'draft', data: { total: 3 } });
    const inbox = await app.ok('chutich')('qms.inbox', {});
    expect(inbox.items.map((i) => i.task)).toContain('Quyết định hủy hồ sơ hết hạn lưu');
    const scans = copies.map((_, i) =>
      storedFilePath(app.dataDir, sha256Of(PDF(i, 'Trần Thị Bích'))),
    );
    expect(scans.every((f) => fs.existsSync(f))).toBe(true);

    const decided = await app.ok('chutich')('qms.transition', {
      id: proposal.id,
      transition: 'decide',
      rev: proposal.rev,
      fields: { number: '15/QĐ-UBND' },
    });
    expect(decided).toMatchObject({
      state: 'decided',
      data: { number: '15/QĐ-UBND', erased: 3 },
    });

    const erased = rows(
      'SELECT applicant_name, applicant_id_number, applicant_address, applicant_phone, applicant_email, note, disposal_id FROM dossiers WHERE id IN (?, ?, ?)',
      ...copies.map((c) => c.dossier.id),
    );
    expect(erased).toEqual(
      copies.map(() => ({
        applicant_name: '',
        applicant_id_number: '',
        applicant_address: '',
        applicant_phone: '',
        applicant_email: '',
        note: '',
        disposal_id: proposal.id,
      })),
    );
    // No trace of the citizen in the dossiers' notes, events, scans' names, or the search.
    const leftovers = JSON.stringify([
      rows('SELECT * FROM dossiers WHERE id IN (?, ?, ?)', ...copies.map((c) => c.dossier.id)),
      rows('SELECT * FROM dossier_steps'),
      rows('SELECT * FROM dossier_events'),
      rows('SELECT * FROM attachments'),
      rows('SELECT row FROM outbox'),
    ]);
    expect(leftovers).not.toContain('Bích');
    expect(leftovers).not.toContain('Bich');
    expect(leftovers).toContain('Lê Văn Tâm'); // the permanent birth registrations are kept
    expect(scans.some((f) => fs.existsSync(f))).toBe(false);
    const search = await app.ok('chutich')('dossiers.list', { query: 'Bích' });
    expect(search.total).toBe(0);
    const attachment = await app.as('chutich')('dossiers.attachments', {
      dossierId: copies[0].dossier.id,
    });
    expect(attachment.ok && attachment.value.items[0]?.fileName).toBe(
      'Tệp đã hủy theo quyết định hủy hồ sơ',
    );
    // The births are untouched, their scans still there.
    const birth = await app.ok('chutich')('dossiers.get', { id: births[0].dossier.id });
    expect(birth.dossier.applicantName).toBe('Lê Văn Tâm');
    // Same figures for 2025 as before the disposal.
    app.clock.now = vn('2025-12-30', '10:00');
    await app.relogin();
    expect(await app.ok('chutich')('dashboard.get', {})).toEqual(dashboard);
    // Nothing more is due; the decision is kept with what it listed.
    app.clock.now = vn('2028-01-03', '09:00');
    await app.relogin();
    expect((await app.ok('vanthu')('records.due', {})).groups).toEqual([]);
    const kept = await app.ok('vanthu')('disposals.list', {});
    expect(kept[0]).toMatchObject({
      state: 'decided',
      data: { groups: [{ count: 3, closedYear: 2025 }] },
    });
  });

  it('refuses records not yet due, a non-leader decision and a decision without number, writing nothing', async () => {
    await office();
    app.clock.now = vn('2027-06-01', '09:00');
    await app.relogin();
    const pid = await procedureId(app, '2.000815');
    const before = dumpDatabase(app.backend);
    const early = await app.as('vanthu')('disposals.propose', {
      groups: [{ procedureId: pid, closedYear: 2025 }],
      basis: 'Danh mục hồ sơ',
      method: 'Xóa',
    });
    expect(early.ok || early.error.message).toContain('chưa đến hạn hủy');
    const births = await app.as('vanthu')('disposals.propose', {
      groups: [{ procedureId: await procedureId(app, '1.001193'), closedYear: 2025 }],
      basis: 'Danh mục hồ sơ',
      method: 'Xóa',
    });
    expect(births.ok).toBe(false);
    const desk = await app.as('motcua')('disposals.propose', {
      groups: [{ procedureId: pid, closedYear: 2025 }],
      basis: 'Danh mục hồ sơ',
      method: 'Xóa',
    });
    expect(desk.ok || desk.error.code).toBe('FORBIDDEN');
    expect(dumpDatabase(app.backend)).toBe(before);

    app.clock.now = vn('2028-01-03', '09:00');

    await app.relogin();
    const proposal = await app.ok('thuky')('disposals.propose', {
      groups: [{ procedureId: pid, closedYear: 2025 }],
      basis: 'Danh mục hồ sơ',
      method: 'Xóa',
    });
    const afterProposal = dumpDatabase(app.backend);
    const byClerk = await app.as('thuky')('qms.transition', {
      id: proposal.id,
      transition: 'decide',
      rev: proposal.rev,
      fields: { number: '15/QĐ-UBND' },
    });
    expect(byClerk.ok || byClerk.error.message).toBe('Vai trò của bạn không được quyết định hủy.');
    const noNumber = await app.as('chutich')('qms.transition', {
      id: proposal.id,
      transition: 'decide',
      rev: proposal.rev,
      fields: { number: ' ' },
    });
    expect(noNumber.ok || noNumber.error.message).toBe('Phải nhập số quyết định');
    const twice = await app.as('vanthu')('disposals.propose', {
      groups: [{ procedureId: pid, closedYear: 2025 }],
      basis: 'Danh mục hồ sơ',
      method: 'Xóa',
    });
    expect(twice.ok || twice.error.message).toContain('đang chờ quyết định');
    expect(dumpDatabase(app.backend)).toBe(afterProposal);
    expect(rows("SELECT count(*) AS n FROM dossiers WHERE applicant_name = ''")).toEqual([
      { n: 0 },
    ]);
  });
});
