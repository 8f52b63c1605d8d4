// Records control (kiểm soát hồ sơ): the yearly record lists as records of the mechanism
// (kind 'record_list'), next year's lists started from this year's (or from the shipped
// templates), each dossier's retention and the "đến hạn hủy" list.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { kindOf, mayCreate, type QmsRecord, type RecordKind } from '../../core/qms';
import type { RecordListData } from '../../core/qms/record-list';
import { retentionText } from '../../core/qms/retention';
import type { Tx } from '../../db/open';
import { procedures, qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { actorOf, insertRecord, loadRecord, todayOf, toRecord, updateRecord } from './records';
import { dossierRetention, dueGroups, recordListSeed } from './retention';
import { recordView, recordViews } from './views';

const KIND = 'record_list';
const yearOf = sql`json_extract(${qmsRecords.data}, '$.year')`;

function listsOf(db: Ctx['db'] | Tx, year: number): QmsRecord[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, KIND), eq(yearOf, year), ne(qmsRecords.state, 'cancelled')))
    .orderBy(asc(qmsRecords.code), asc(qmsRecords.title))
    .all()
    .map(toRecord);
}

const scopeOf = (d: Pick<RecordListData, 'procedureCode' | 'processName'>) =>
  d.procedureCode ?? `internal:${d.processName.trim().toLowerCase()}`;

const titleOf = (year: number, processName: string) =>
  `Danh mục hồ sơ năm ${year} — ${processName}`;

function requireEditor(ctx: Ctx) {
  const actor = actorOf(ctx);
  if (!mayCreate(kindOf(KIND) as RecordKind<string, unknown>, actor))
    throw new AppError('FORBIDDEN', 'Vai trò của bạn không được lập danh mục hồ sơ.');
  return actor;
}

interface ListDraft {
  readonly code: string;
  readonly processName: string;
  readonly procedureCode: string | null;
  readonly items: RecordListData['items'];
}

/** The drafts next year starts from: this year's lists, else the shipped templates. */
function startingPoint(ctx: Ctx, tx: Tx, year: number) {
  const previous = listsOf(tx, year - 1).map((r) => {
    const d = r.data as unknown as RecordListData;
    return {
      code: r.code,
      processName: d.processName,
      procedureCode: d.procedureCode,
      items: d.items,
    };
  });
  if (previous.length > 0) return { from: 'previous' as const, drafts: previous };
  const seed = recordListSeed(ctx);
  const catalog = new Map(
    tx
      .select({ code: procedures.code, isoCode: procedures.isoCode, name: procedures.name })
      .from(procedures)
      .where(eq(procedures.active, true))
      .all()
      .map((p) => [p.code, p]),
  );
  const drafts: ListDraft[] = [
    ...seed.procedures.flatMap((p) => {
      const known = catalog.get(p.procedureCode);
      return known
        ? [
            {
              code: known.isoCode,
              processName: known.name,
              procedureCode: p.procedureCode,
              items: p.items,
            },
          ]
        : [];
    }),
    ...seed.internal.map((p) => ({
      code: p.code,
      processName: p.processName,
      procedureCode: null,
      items: p.items,
    })),
  ];
  return { from: 'template' as const, drafts };
}

export const recordsControlHandlers: PartialHandlers = {
  'records.lists': (ctx, input) => {
    const actor = actorOf(ctx);
    const years = ctx.db
      .selectDistinct({ year: yearOf })
      .from(qmsRecords)
      .where(eq(qmsRecords.kind, KIND))
      .all()
      .map((r) => Number(r.year))
      .sort((a, b) => b - a);
    return { lists: recordViews(ctx.db, listsOf(ctx.db, input.year), actor, todayOf(ctx)), years };
  },
  'records.saveList': (ctx, input) => {
    const actor = requireEditor(ctx);
    const data = {
      year: input.year,
      processName: input.processName,
      procedureCode: input.procedureCode,
      items: input.items,
    };
    const record = write(ctx, (tx) => {
      const clash = listsOf(tx, input.year).find(
        (r) => r.id !== input.id && scopeOf(r.data as unknown as RecordListData) === scopeOf(data),
      );
      if (clash)
        throw new AppError(
          'CONFLICT',
          `Đã có danh mục hồ sơ năm ${input.year} cho "${input.processName}".`,
        );
      const now = ctx.now();
      if (input.id === undefined) {
        const created = insertRecord(tx, now, actor, {
          kind: KIND,
          code: input.code,
          title: titleOf(input.year, input.processName),
          data,
        });
        return { result: created, audit: audit('create', created) };
      }
      const current = loadRecord(tx, input.id, KIND);
      if (current.rev !== input.rev)
        throw new AppError('CONFLICT', 'Danh mục đã được người khác cập nhật. Vui lòng tải lại.');
      if (current.state !== 'draft')
        throw new AppError('CONFLICT', 'Chỉ sửa được danh mục hồ sơ đang dự thảo.');
      const next = updateRecord(
        tx,
        now,
        actor,
        current,
        { code: input.code, title: titleOf(input.year, input.processName), data },
        '',
      );
      return { result: next, audit: audit('edit', next) };
    });
    return recordView(ctx.db, record, actor, todayOf(ctx));
  },
  'records.startYear': (ctx, input) => {
    const actor = requireEditor(ctx);
    return write(ctx, (tx) => {
      const have = new Set(
        listsOf(tx, input.year).map((r) => scopeOf(r.data as unknown as RecordListData)),
      );
      const { from, drafts } = startingPoint(ctx, tx, input.year);
      const now = ctx.now();
      let created = 0;
      for (const d of drafts) {
        if (have.has(scopeOf(d))) continue;
        insertRecord(
          tx,
          now,
          actor,
          {
            kind: KIND,
            code: d.code,
            title: titleOf(input.year, d.processName),
            data: {
              year: input.year,
              processName: d.processName,
              procedureCode: d.procedureCode,
              items: d.items,
            },
          },
          from === 'previous' ? `Lập từ danh mục năm ${input.year - 1}` : 'Lập từ danh mục mẫu',
        );
        created++;
      }
      if (created === 0)
        throw new AppError(
          'CONFLICT',
          `Đã có đủ danh mục hồ sơ năm ${input.year}; không có danh mục nào cần lập thêm.`,
        );
      return {
        result: { created, from },
        audit: {
          operation: 'qms.record_list.start_year',
          entity: 'qms_record_list',
          summary: `Lập ${created} danh mục hồ sơ năm ${input.year}`,
        },
      };
    });
  },
  'records.retention': (ctx, input) => {
    const r = dossierRetention(ctx, input.dossierId);
    return {
      years: r.retention.years,
      source: r.retention.source,
      text: retentionText(r.retention.years),
      closedYear: r.closedYear,
      retainUntil: r.retainUntil,
      disposedAt: r.disposedAt,
      disposalId: r.disposalId,
    };
  },
  'records.due': (ctx) => {
    requireRecordsRole(ctx);
    const today = todayOf(ctx);
    const groups = dueGroups(ctx, ctx.db, today);
    return { today, groups, total: groups.reduce((n, g) => n + g.count, 0) };
  },
};

/** The due list and disposals are for the people who keep records: leaders, the ISO
 * secretary, the records clerk. */
export function requireRecordsRole(ctx: Ctx) {
  const actor = actorOf(ctx);
  if (!actor.roles.some((r) => ['leader', 'iso_coordinator', 'records_clerk'].includes(r)))
    throw new AppError(
      'FORBIDDEN',
      'Chỉ lãnh đạo, thư ký ISO và văn thư được xem hồ sơ đến hạn hủy.',
    );
  return actor;
}

function audit(what: 'create' | 'edit', r: QmsRecord) {
  return {
    operation: `qms.record_list.${what}`,
    entity: 'qms_record_list',
    entityId: r.id,
    summary: `${what === 'create' ? 'Lập' : 'Sửa'} ${r.title}`,
  };
}
