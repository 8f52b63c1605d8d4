// The conformity announcement in services: the live scope (the active procedures of the
// office's catalog and the clauses declared not applicable), the decision in force and the
// draft, drafting and editing one, the approval's effect (the previous decision superseded and
// named in Điều 2), and the inbox line saying a new announcement is due when the scope changed.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { leaderSignature } from '../../core/forms/signer';
import type { InboxItem } from '../../core/contract/qms';
import type { OpParsed } from '../../core/contract';
import type { QmsRecord } from '../../core/qms';
import {
  announcementKind,
  describeChanges,
  hasChanges,
  mayExclude,
  scopeChanges,
  type AnnouncementData,
  type Exclusion,
  type Scope,
} from '../../core/qms/announcement';
import { mayCreate, SYSTEM_ACTOR, type Actor } from '../../core/qms/kind';
import type { Db, Tx } from '../../db/open';
import { procedures, qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { clauseList } from './audit-plan';
import { nextRecordCode } from './codes';
import type { InboxSource } from './inbox-types';
import {
  actorOf,
  applyTransition,
  insertRecord,
  loadRecord,
  todayOf,
  toRecord,
  updateRecord,
  type Effect,
} from './records';
import { recordView, recordViews } from './views';

const KIND = 'announcement';
const TITLE = 'Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015';
export type Announcement = QmsRecord<AnnouncementData>;

function ofState(db: Db | Tx, states: readonly string[]): Announcement[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, KIND), inArray(qmsRecords.state, [...states])))
    .orderBy(desc(qmsRecords.createdAt), desc(qmsRecords.id))
    .all()
    .map((r) => toRecord(r) as Announcement);
}

export const inForceAnnouncement = (db: Db | Tx): Announcement | null =>
  ofState(db, ['approved'])[0] ?? null;
const draftAnnouncement = (db: Db | Tx): Announcement | null => ofState(db, ['draft'])[0] ?? null;

/** The procedures the office applies now: its active catalog, by code. */
function liveProcedures(db: Db | Tx): Scope['procedures'] {
  return db
    .select({ code: procedures.code, name: procedures.name, field: procedures.field })
    .from(procedures)
    .where(eq(procedures.active, true))
    .orderBy(asc(procedures.code))
    .all();
}

/** Exclusions checked against the clause list: excludable, each once, with a reason. */
function exclusionsOf(ctx: Ctx, input: readonly { clause: string; reason: string }[]): Exclusion[] {
  const titles = new Map(
    clauseList(ctx.db, ctx.resourcesDir).clauses.map((c) => [c.clause, c.title]),
  );
  const seen = new Set<string>();
  return input.map((e) => {
    const title = titles.get(e.clause);
    if (!title || !mayExclude(e.clause))
      throw new AppError(
        'INVALID_INPUT',
        `Điều khoản ${e.clause} không thể khai báo không áp dụng: chỉ các điều khoản của phần 7 và 8 (hỗ trợ, thực hiện) mới có thể loại trừ.`,
      );
    if (seen.has(e.clause))
      throw new AppError('INVALID_INPUT', `Điều khoản ${e.clause} được khai báo hai lần.`);
    seen.add(e.clause);
    if (e.reason.trim().length < 10)
      throw new AppError(
        'INVALID_INPUT',
        `Phải nêu lý do không áp dụng điều khoản ${e.clause} (ít nhất 10 ký tự).`,
      );
    return { clause: e.clause, title, reason: e.reason.trim() };
  });
}

/** The scope to announce next: the catalog now, with the draft's (or in force) exclusions. */
export function currentScope(ctx: Ctx, db: Db | Tx): Scope {
  const base = draftAnnouncement(db) ?? inForceAnnouncement(db);
  const notApplicable =
    base?.data.scope.notApplicable ??
    clauseList(ctx.db, ctx.resourcesDir).notApplicableDefault.map((d) => ({
      clause: d.clause,
      title:
        clauseList(ctx.db, ctx.resourcesDir).clauses.find((c) => c.clause === d.clause)?.title ??
        '',
      reason: d.reason,
    }));
  return { procedures: liveProcedures(db), notApplicable };
}

/** Whether a new announcement is due, and why (none yet, or what changed since). */
export function announcementDue(ctx: Ctx, db: Db | Tx): { due: boolean; changes: string[] } {
  const inForce = inForceAnnouncement(db);
  if (!inForce) return { due: true, changes: [] };
  const changes = scopeChanges(inForce.data.scope, currentScope(ctx, db));
  return { due: hasChanges(changes), changes: describeChanges(changes) };
}

function requireDraft(db: Db | Tx, id: string): Announcement {
  const r = loadRecord(db, id, KIND) as Announcement;
  if (r.state !== 'draft')
    throw new AppError('CONFLICT', 'Chỉ sửa được dự thảo quyết định công bố.');
  return r;
}

const replacesOf = (inForce: Announcement | null): AnnouncementData['replaces'] =>
  inForce && inForce.data.signedOn
    ? { decisionNo: inForce.data.decisionNo, signedOn: inForce.data.signedOn }
    : null;

/** Approving supersedes the decision in force, which the new one names in Điều 2. */
const approveEffect: Effect = (e) => {
  const previous = ofState(e.tx, ['approved']).filter((r) => r.id !== e.after.id);
  for (const p of previous) applyTransition(e.tx, e.ctx, SYSTEM_ACTOR, p, 'supersede', {});
  const signer = e.tx
    .select({ title: users.title })
    .from(users)
    .where(eq(users.id, e.actor.id ?? ''))
    .get();
  const { title } = leaderSignature(e.actor.name, signer?.title ?? '');
  return { replaces: replacesOf(previous[0] ?? null), signerTitle: title };
};

export const ANNOUNCEMENT_EFFECTS: Readonly<Record<string, Effect>> = {
  'announcement.approve': approveEffect,
};

export const announcementHandlers: PartialHandlers = {
  'announcements.overview': (ctx) => {
    const me = actorOf(ctx);
    const today = todayOf(ctx);
    const inForce = inForceAnnouncement(ctx.db);
    const draft = draftAnnouncement(ctx.db);
    const { due, changes } = announcementDue(ctx, ctx.db);
    const earlier = ofState(ctx.db, ['superseded', 'cancelled']);
    return {
      inForce: inForce ? recordView(ctx.db, inForce, me, today) : null,
      draft: draft ? recordView(ctx.db, draft, me, today) : null,
      earlier: recordViews(ctx.db, earlier, me, today),
      current: currentScope(ctx, ctx.db),
      due,
      changes,
      excludable: clauseList(ctx.db, ctx.resourcesDir)
        .clauses.filter((c) => mayExclude(c.clause))
        .map((c) => ({ clause: c.clause, title: c.title })),
      // A new decision is drafted when one is due: none yet, or the scope changed.
      mayDraft: draft === null && due && mayCreate(announcementKind as never, me),
      today,
    };
  },
  'announcements.draft': (ctx, input: OpParsed<'announcements.draft'>) => {
    const actor = actorOf(ctx);
    const notApplicable = exclusionsOf(ctx, input.notApplicable);
    return write(ctx, (tx) => {
      if (draftAnnouncement(tx))
        throw new AppError(
          'CONFLICT',
          'Đã có một dự thảo quyết định công bố: sửa dự thảo đó hoặc hủy nó trước.',
        );
      const now = ctx.now();
      const today = todayOf(ctx);
      const record = insertRecord(tx, now, actor, {
        kind: KIND,
        code: nextRecordCode(tx, KIND, 'CB', today.slice(0, 4)),
        title: TITLE,
        data: {
          scope: { procedures: liveProcedures(tx), notApplicable },
          note: input.note,
          drafted: { userId: actor.id ?? '', name: actor.name, on: today },
          replaces: replacesOf(inForceAnnouncement(tx)),
        },
      });
      return {
        result: recordView(tx, record, actor, today),
        audit: {
          operation: 'qms.announcement.create',
          entity: 'qms_announcement',
          entityId: record.id,
          summary: `Dự thảo quyết định công bố HTQLCL ${record.code}`,
        },
      };
    });
  },
  'announcements.update': (ctx, input: OpParsed<'announcements.update'>) => {
    const actor: Actor = actorOf(ctx);
    if (!mayCreate(announcementKind as never, actor))
      throw new AppError('FORBIDDEN', 'Chỉ Thư ký ISO hoặc lãnh đạo được sửa dự thảo.');
    const notApplicable = exclusionsOf(ctx, input.notApplicable);
    return write(ctx, (tx) => {
      const r = requireDraft(tx, input.id);
      if (r.rev !== input.rev)
        throw new AppError('CONFLICT', 'Dự thảo đã được người khác cập nhật. Vui lòng tải lại.');
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        r,
        {
          data: {
            scope: { procedures: liveProcedures(tx), notApplicable },
            note: input.note,
            replaces: replacesOf(inForceAnnouncement(tx)),
          },
        },
        'Sửa phạm vi công bố',
      );
      return {
        result: recordView(tx, next, actor, todayOf(ctx)),
        audit: {
          operation: 'qms.announcement.edit',
          entity: 'qms_announcement',
          entityId: r.id,
          summary: `Sửa dự thảo quyết định công bố HTQLCL ${r.code}`,
        },
      };
    });
  },
};

/** "Việc cần làm" for the ISO secretary: the scope changed (or was never announced). */
export const announcementDueSource: InboxSource = {
  name: 'announcement-due',
  collect: (ctx, me) => {
    if (!me.roles.includes('iso_coordinator')) return [];
    if (draftAnnouncement(ctx.db)) return [];
    const { due, changes } = announcementDue(ctx, ctx.db);
    if (!due) return [];
    const item: InboxItem = {
      source: KIND,
      task: changes.length
        ? 'Phạm vi HTQLCL đã thay đổi: lập quyết định công bố lại'
        : 'Lập quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015',
      id: 'announcement-due',
      code: '',
      title: changes.join('. ') || 'Cơ quan chưa có quyết định công bố HTQLCL.',
      dueAt: null,
      overdue: false,
      link: '/qms/announcement',
    };
    return [item];
  },
};
