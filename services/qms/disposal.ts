// Disposal of records past their retention: a proposal listing the due groups (procedure ×
// year closed), and the leader's decision, whose effect erases the citizens' personal data
// from every listed dossier in the decision's own transaction — names, ID numbers, addresses,
// phones, e-mails, free-text notes, and the scans (rows marked, files removed once the
// transaction has committed). Dates, statuses, outcomes and procedures stay, so every count
// and rate computed from them is unchanged. The erased dossiers are queued again, and the
// province erases its copy when it applies them (server/sync/erasure.ts).
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { kindOf, mayCreate, type QmsRecord, type RecordKind } from '../../core/qms';
import {
  ERASED_DOSSIER_FIELDS,
  ERASED_FILE_NAME,
  type DisposalData,
  type DisposalGroup,
} from '../../core/qms/disposal';
import { retainUntil, retentionText } from '../../core/qms/retention';
import type { Tx } from '../../db/open';
import {
  attachments,
  dossierEvents,
  dossierSteps,
  dossiers,
  outbox,
  procedures,
  qmsRecords,
} from '../../db/schema';
import { removeStoredFile } from '../file-store';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { enqueueDossierChange } from '../sync/outbox';
import { actorOf, createRecord, todayOf, toRecord, type EffectContext } from './records';
import { requireRecordsRole } from './records-control';
import { dueDossierIds, dueGroups, versionRetention } from './retention';
import { versionInForce } from '../desk/catalog';
import { recordView, recordViews } from './views';

const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Erases the personal data of `ids` (in `tx`), marks them disposed by `decisionId`, scrubs
 * their ops still waiting in the outbox and queues the erased rows for the province. */
export function eraseDossiers(
  e: Pick<EffectContext, 'tx' | 'ctx' | 'now'>,
  decisionId: string,
  ids: readonly string[],
) {
  const { tx, ctx, now } = e;
  for (const part of chunks(ids)) {
    tx.update(dossiers)
      .set({
        ...ERASED_DOSSIER_FIELDS,
        disposedAt: now,
        disposalId: decisionId,
        updatedAt: now,
      })
      .where(inArray(dossiers.id, part))
      .run();
    tx.update(dossierSteps).set({ note: '' }).where(inArray(dossierSteps.dossierId, part)).run();
    tx.update(dossierEvents)
      .set({ data: sql`json_remove(${dossierEvents.data}, '$.note', '$.reason')` })
      .where(inArray(dossierEvents.dossierId, part))
      .run();
    tx.update(attachments)
      .set({ fileName: ERASED_FILE_NAME, erasedAt: now })
      .where(inArray(attachments.dossierId, part))
      .run();
    scrubOutbox(tx, part, now);
    for (const id of part) enqueueDossierChange(tx, ctx.db, id, now);
  }
}

/** Ops not yet sent that still carry the erased data get the erased values too. */
function scrubOutbox(tx: Tx, ids: readonly string[], now: number) {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const byDossier = sql`json_extract(${outbox.row}, '$.dossierId') IN (${list})`;
  tx.update(outbox)
    .set({
      row: sql`json_set(${outbox.row}, '$.applicantName', '', '$.applicantNameFolded', '', '$.applicantIdNumber', '', '$.applicantAddress', '', '$.applicantPhone', '', '$.applicantEmail', '', '$.note', '')`,
    })
    .where(and(eq(outbox.entity, 'dossier'), inArray(outbox.entityId, [...ids])))
    .run();
  tx.update(outbox)
    .set({ row: sql`json_set(${outbox.row}, '$.note', '')` })
    .where(and(eq(outbox.entity, 'dossier_step'), byDossier))
    .run();
  tx.update(outbox)
    .set({ row: sql`json_remove(${outbox.row}, '$.data.note', '$.data.reason')` })
    .where(and(eq(outbox.entity, 'dossier_event'), byDossier))
    .run();
  tx.update(outbox)
    .set({
      row: sql`json_set(${outbox.row}, '$.fileName', ${ERASED_FILE_NAME}, '$.erasedAt', ${now})`,
    })
    .where(and(eq(outbox.entity, 'attachment'), byDossier))
    .run();
}

/** The decision's effect: the listed groups must still be exactly what is due, then erased;
 * the decision keeps how many dossiers it erased. */
export function decideEffect(e: EffectContext): { erased: number } {
  const data = e.after.data as unknown as DisposalData;
  const todayYear = Number(e.today.slice(0, 4));
  const ids: string[] = [];
  for (const g of data.groups) {
    const due = dueDossierIds(e.ctx, e.tx, g.procedureId, g.closedYear, todayYear);
    if (due.length !== g.count)
      throw new AppError(
        'CONFLICT',
        `Danh sách hồ sơ "${g.procedureName}" năm ${g.closedYear} đã thay đổi (${g.count} hồ sơ trong đề nghị, nay ${due.length}). Hãy hủy đề nghị này và lập đề nghị mới.`,
      );
    ids.push(...due);
  }
  // Freed pages are overwritten, not left holding the erased values.
  e.ctx.conn.sqlite.pragma('secure_delete = ON');
  eraseDossiers(e, e.after.id, ids);
  return { erased: ids.length };
}

/** After the decision has committed: the scans no live row needs are removed from disk, the
 * search index and the write-ahead log no longer hold the erased values. */
export async function afterDecide(ctx: Ctx, record: QmsRecord): Promise<void> {
  await removeErasedFiles(ctx, record.id);
  const sqlite = ctx.conn.sqlite;
  sqlite.exec("INSERT INTO dossiers_fts(dossiers_fts) VALUES('optimize')");
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/** Removes the files of the decision's erased scans that no other row still refers to. */
export async function removeErasedFiles(ctx: Ctx, decisionId: string): Promise<number> {
  const rows = ctx.db
    .selectDistinct({ sha256: attachments.sha256 })
    .from(attachments)
    .innerJoin(dossiers, eq(dossiers.id, attachments.dossierId))
    .where(and(eq(dossiers.disposalId, decisionId), isNotNull(attachments.erasedAt)))
    .all();
  let removed = 0;
  for (const { sha256 } of rows) {
    const live = ctx.conn.sqlite
      .prepare(
        'SELECT 1 FROM attachments WHERE sha256 = ? AND erased_at IS NULL UNION ALL SELECT 1 FROM qms_records WHERE file_sha256 = ? LIMIT 1',
      )
      .get(sha256, sha256);
    if (live) continue;
    await removeStoredFile(ctx.dataDir, sha256);
    removed++;
  }
  return removed;
}

function whyNotDue(
  ctx: Ctx,
  g: { procedureId: string; closedYear: number },
  today: string,
): string {
  const p = ctx.db.select().from(procedures).where(eq(procedures.id, g.procedureId)).get();
  if (!p) return 'Thủ tục không tồn tại trong danh mục.';
  const v = versionInForce(ctx.db, p.id, today) ?? versionInForce(ctx.db, p.id, '9999-12-31');
  const years = v ? versionRetention(ctx, p, v).years : null;
  const what = `Hồ sơ "${p.name}" kết thúc năm ${g.closedYear}`;
  if (years === 'permanent') return `${what} được lưu trữ vĩnh viễn, không được hủy.`;
  if (years === null)
    return `${what} chưa được quy định thời hạn lưu trong danh mục thủ tục, chưa thể hủy.`;
  const until = retainUntil(g.closedYear, years) ?? '';
  if (until >= today)
    return `${what} chưa đến hạn hủy (thời hạn lưu ${retentionText(years)}, lưu đến ${until.split('-').reverse().join('/')}).`;
  return `${what}: không còn hồ sơ nào đến hạn hủy.`;
}

/** Groups already listed in a proposal still waiting for a decision. */
function pendingGroups(ctx: Ctx): Set<string> {
  const drafts = ctx.db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'disposal'), eq(qmsRecords.state, 'draft')))
    .all();
  return new Set(
    drafts.flatMap((r) =>
      (r.data as unknown as DisposalData).groups.map((g) => `${g.procedureId}:${g.closedYear}`),
    ),
  );
}

export const disposalHandlers: PartialHandlers = {
  'disposals.propose': (ctx, input) => {
    const actor = actorOf(ctx);
    if (!mayCreate(kindOf('disposal') as RecordKind<string, unknown>, actor))
      throw new AppError('FORBIDDEN', 'Vai trò của bạn không được lập đề nghị hủy hồ sơ.');
    const today = todayOf(ctx);
    const due = new Map(
      dueGroups(ctx, ctx.db, today).map((g) => [`${g.procedureId}:${g.closedYear}`, g]),
    );
    const pending = pendingGroups(ctx);
    const groups: DisposalGroup[] = [];
    for (const wanted of input.groups) {
      const key = `${wanted.procedureId}:${wanted.closedYear}`;
      const g = due.get(key);
      if (!g) throw new AppError('INVALID_INPUT', whyNotDue(ctx, wanted, today));
      if (pending.has(key))
        throw new AppError(
          'CONFLICT',
          `Hồ sơ "${g.procedureName}" năm ${g.closedYear} đã có trong một đề nghị hủy đang chờ quyết định.`,
        );
      if (groups.some((x) => x.procedureId === g.procedureId && x.closedYear === g.closedYear))
        continue;
      groups.push({
        procedureId: g.procedureId,
        procedureCode: g.procedureCode,
        procedureName: g.procedureName,
        closedYear: g.closedYear,
        retentionYears: g.retentionYears,
        count: g.count,
        firstCode: g.firstCode,
        lastCode: g.lastCode,
      });
    }
    const total = groups.reduce((n, g) => n + g.count, 0);
    const record = createRecord(
      ctx,
      {
        kind: 'disposal',
        title: `Hủy ${total.toLocaleString('vi-VN')} hồ sơ hết thời hạn lưu`,
        data: { basis: input.basis, method: input.method, groups, total },
      },
      actor,
    );
    return recordView(ctx.db, record, actor, today);
  },
  'disposals.list': (ctx) => {
    const actor = requireRecordsRole(ctx);
    const rows = ctx.db
      .select()
      .from(qmsRecords)
      .where(eq(qmsRecords.kind, 'disposal'))
      .orderBy(sql`${qmsRecords.createdAt} DESC`)
      .limit(500)
      .all();
    return recordViews(ctx.db, rows.map(toRecord), actor, todayOf(ctx));
  },
};
