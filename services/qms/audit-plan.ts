// What an audit plan is checked against: the clause list (resources/qms), the clauses the
// office declared not applicable, the procedure documents and the roles working in each (its
// owner role and the roles holding its steps), and auditor independence (core/qms/audit.ts).
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Role } from '../../core/auth/roles';
import { AppError } from '../../core/errors';
import { AUDIT_CHECKLIST_KEY, clauseFile, type ClauseFile } from '../../core/qms/audit-checklist';
import {
  independenceConflict,
  teamOf,
  type AreaProcedure,
  type AuditData,
} from '../../core/qms/audit';
import type { AnnouncementData } from '../../core/qms/announcement';
import type { DocumentData } from '../../core/qms/document';
import type { RevisionData } from '../../core/qms/revision';
import type { Db, Tx } from '../../db/open';
import { qmsRecords, syncFeed, users } from '../../db/schema';

const defaults = new Map<string, ClauseFile>();

/** The default ISO 9001:2015 clause list with questions (read once per resources folder). */
function defaultClauses(resourcesDir: string): ClauseFile {
  let file = defaults.get(resourcesDir);
  if (!file) {
    const text = fs.readFileSync(path.join(resourcesDir, 'qms', 'iso9001-checklist.json'), 'utf8');
    file = clauseFile.parse(JSON.parse(text));
    defaults.set(resourcesDir, file);
  }
  return file;
}

/** The newest published checklist parsed, by its feed row's id and version (bodies never change). */
const published = new Map<string, ClauseFile>();

/**
 * The clause list in force: the newest valid 'audit_checklist' the province published (kept by
 * the pull, services/sync/pull.ts), else the default in resources/qms/iso9001-checklist.json.
 * An audit keeps the checklist it was planned with; a new one only changes later plans.
 */
export function clauseList(db: Db | Tx, resourcesDir: string): ClauseFile {
  const rows = db
    .select({ key: syncFeed.key, version: syncFeed.version, body: syncFeed.body })
    .from(syncFeed)
    .where(
      and(
        eq(syncFeed.kind, 'audit_checklist'),
        eq(syncFeed.key, AUDIT_CHECKLIST_KEY),
        isNull(syncFeed.error),
      ),
    )
    .orderBy(desc(syncFeed.version))
    .all();
  for (const row of rows) {
    const id = `${row.key}@${row.version}`;
    const known = published.get(id);
    if (known) return known;
    const parsed = clauseFile.safeParse(row.body);
    if (parsed.success) {
      published.set(id, parsed.data);
      return parsed.data;
    }
  }
  return defaultClauses(resourcesDir);
}

/**
 * Clauses the office declared not applicable: those of its conformity announcement in force
 * (core/qms/announcement.ts); before its first announcement, the default of the clause list
 * (8.3, which a commune office excludes).
 */
export function declaredNotApplicable(db: Db | Tx, resourcesDir: string): string[] {
  const inForce = db
    .select({ data: qmsRecords.data })
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'announcement'), eq(qmsRecords.state, 'approved')))
    .get();
  const declared = (inForce?.data as AnnouncementData | undefined)?.scope.notApplicable;
  return declared
    ? declared.map((e) => e.clause)
    : clauseList(db, resourcesDir).notApplicableDefault.map((c) => c.clause);
}

export interface AreaDocument extends AreaProcedure {
  readonly id: string;
  readonly procedureCode: string | null;
}

/** Active procedure / policy documents and the roles that work in each. */
export function areaDocuments(db: Db | Tx, ids?: readonly string[]): AreaDocument[] {
  const conditions = [eq(qmsRecords.kind, 'document'), eq(qmsRecords.state, 'active')];
  if (ids) conditions.push(inArray(qmsRecords.id, [...ids]));
  const docs = db
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .all()
    .filter((d) => (d.data as DocumentData).docType !== 'external');
  if (docs.length === 0) return [];
  const steps = new Map<string, Role[]>();
  for (const r of db
    .select({ parentId: qmsRecords.parentId, data: qmsRecords.data })
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'revision'),
        eq(qmsRecords.state, 'effective'),
        inArray(
          qmsRecords.parentId,
          docs.map((d) => d.id),
        ),
      ),
    )
    .all())
    steps.set(
      r.parentId ?? '',
      ((r.data as RevisionData).steps ?? []).map((s) => s.role),
    );
  return docs
    .map((d) => {
      const data = d.data as DocumentData;
      return {
        id: d.id,
        code: d.code,
        title: d.title,
        procedureCode: data.procedureCode,
        roles: [...new Set<Role>([data.ownerRole, ...(steps.get(d.id) ?? [])])],
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'vi'));
}

/** Refuses a plan whose people do not exist, overlap, or audit their own area. */
export function checkPlanPeople(db: Db | Tx, d: Readonly<AuditData>): void {
  const team = teamOf(d);
  const ids = [...new Set([...team, ...d.auditeeIds])];
  const rows = ids.length ? db.select().from(users).where(inArray(users.id, ids)).all() : [];
  const byId = new Map(rows.map((u) => [u.id, u]));
  for (const uid of ids) {
    const u = byId.get(uid);
    if (!u || u.disabled)
      throw new AppError('INVALID_INPUT', 'Người trong kế hoạch không tồn tại hoặc đã bị khóa.');
  }
  const both = d.auditeeIds.find((a) => team.includes(a));
  if (both)
    throw new AppError(
      'INVALID_INPUT',
      `${byId.get(both)?.fullName ?? ''} không thể vừa là đánh giá viên vừa là người được đánh giá.`,
    );
  const area = areaDocuments(db, d.documentIds);
  if (area.length !== new Set(d.documentIds).size)
    throw new AppError('INVALID_INPUT', 'Quy trình được đánh giá không tồn tại hoặc đã hủy bỏ.');
  const conflict = independenceConflict(
    team.map((uid) => {
      const u = byId.get(uid);
      return { id: uid, name: u?.fullName ?? '', roles: u?.roles ?? [] };
    }),
    area,
  );
  if (conflict) throw new AppError('FORBIDDEN', conflict);
}

/** An audit is planned for this year or later: a year that has ended is closed. */
export function checkOpenYear(year: number, date: string | null, today: string): void {
  const current = Number(today.slice(0, 4));
  if (year < current)
    throw new AppError(
      'INVALID_INPUT',
      `Năm ${year} đã kết thúc: không lập kế hoạch đánh giá cho năm đã khóa sổ.`,
    );
  if (date !== null && Number(date.slice(0, 4)) !== year)
    throw new AppError('INVALID_INPUT', `Ngày đánh giá phải thuộc năm ${year} của chương trình.`);
}
