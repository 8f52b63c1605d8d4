// Finding dossiers: the filtered, sorted, paged list (with diacritics-insensitive name
// search through FTS5, any part of a code through a trigram index, the start of an ID number),
// and one dossier's detail.
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { dayNumberOf, startOfDayNumber } from '../../core/calendar/civil-time';
import type { OpParsed } from '../../core/contract';
import { fold } from '../../core/text/fold';
import type { Db } from '../../db/open';
import { dossierSteps, dossiers, procedures, users } from '../../db/schema';
import { requireUser } from '../context';
import type { PartialHandlers } from '../handlers';
import { logPersonalDataAccess } from './access-log';
import { detailView, isOverdue, loadDossier } from './dossier-view';

export const OPEN = ['processing', 'ready', 'supplement'] as const;
const DAY_MS = 86_400_000;

/** An FTS5 query: every word of the folded text, the last one as a prefix ("nguyen van d" → "nguyen" "van" "d"*). */
export function ftsQuery(text: string): string | null {
  const words = fold(text).split(' ').filter(Boolean).slice(0, 8);
  return words.length
    ? words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ')
    : null;
}

/**
 * A name search looks at the newest SEARCH_LIMIT matches only (FTS5 walks its index newest
 * first and stops), so a common name like "nguyen" stays fast; the list says when it capped.
 */
export const SEARCH_LIMIT = 2000;

interface Search {
  readonly where: SQL | undefined;
  readonly capped: boolean;
}

function rowidSearch(ids: readonly number[]): Search {
  const capped = ids.length > SEARCH_LIMIT;
  return {
    where: sql`${dossiers}.rowid IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(0, SEARCH_LIMIT))}))`,
    capped,
  };
}

/**
 * Dossiers whose code contains `q` anywhere ("0002", "H56-261204": trigram index, newest first)
 * or whose ID number starts with it ("025190": the ID number index).
 */
function codeOrIdRowids(db: Db, q: string): number[] {
  const ids = new Set<number>();
  if (/^[A-Z]?\d{3,12}$/.test(q)) {
    for (const r of db.all<{ rowid: number }>(
      sql`SELECT rowid FROM dossiers WHERE applicant_id_number >= ${q} AND applicant_id_number < ${q + '\uffff'} LIMIT ${SEARCH_LIMIT + 1}`,
    ))
      ids.add(r.rowid);
  }
  // A trigram needs three characters; the phrase is quoted so '-' and '.' are literal.
  const phrase = `"${q.replace(/"/g, '""')}"`;
  for (const r of db.all<{ rowid: number }>(
    sql`SELECT rowid FROM dossiers_code_fts WHERE dossiers_code_fts MATCH ${phrase} ORDER BY rowid DESC LIMIT ${SEARCH_LIMIT + 1}`,
  ))
    ids.add(r.rowid);
  return [...ids].sort((a, b) => b - a);
}

function searchCondition(db: Db, query: string): Search {
  const q = query.trim().toUpperCase();
  if (!q) return { where: undefined, capped: false };
  if (/\d/.test(q)) {
    if (q.length >= 3) return rowidSearch(codeOrIdRowids(db, q));
    return {
      where: sql`${dossiers.code} >= ${q} AND ${dossiers.code} < ${q + '\uffff'}`,
      capped: false,
    };
  }
  const match = ftsQuery(query);
  if (!match) return { where: undefined, capped: false };
  return rowidSearch(
    db
      .all<{ rowid: number }>(
        sql`SELECT rowid FROM dossiers_fts WHERE dossiers_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${SEARCH_LIMIT + 1}`,
      )
      .map((r) => r.rowid),
  );
}

export function listConditions(
  db: Db,
  input: OpParsed<'dossiers.list'>,
  userId: string,
  now: number,
): { where: SQL[]; capped: boolean } {
  const search = searchCondition(db, input.query);
  const where: (SQL | undefined)[] = [search.where];
  switch (input.status) {
    case 'all':
      break;
    case 'open':
      where.push(inArray(dossiers.status, [...OPEN]));
      break;
    case 'overdue':
      where.push(inArray(dossiers.status, [...OPEN]), lt(dossiers.dueAt, now));
      break;
    case 'processing':
    case 'ready':
    case 'supplement':
    case 'returned':
    case 'refused':
    case 'stopped':
      where.push(eq(dossiers.status, input.status));
      break;
    default: {
      const never: never = input.status;
      return never;
    }
  }
  if (input.procedureId) where.push(eq(dossiers.procedureId, input.procedureId));
  if (input.from) where.push(gte(dossiers.receivedAt, startOfDayNumber(dayNumberOf(input.from))));
  if (input.to)
    where.push(lt(dossiers.receivedAt, startOfDayNumber(dayNumberOf(input.to)) + DAY_MS));
  if (input.mine) {
    where.push(
      sql`${dossiers.id} IN (SELECT ${dossierSteps.dossierId} FROM ${dossierSteps} WHERE ${dossierSteps.assigneeId} = ${userId} AND ${dossierSteps.finishedAt} IS NULL)`,
    );
  }
  return { where: where.filter((w): w is SQL => w !== undefined), capped: search.capped };
}

/** The list page's queries (count and rows), built once so tests can EXPLAIN them. */
export function listQueries(db: Db, input: OpParsed<'dossiers.list'>, userId: string, now: number) {
  const conditions = listConditions(db, input, userId, now);
  const where = and(...conditions.where);
  const order =
    input.sort === 'received_asc'
      ? [asc(dossiers.receivedAt)]
      : input.sort === 'due_asc'
        ? [asc(dossiers.dueAt)]
        : [desc(dossiers.receivedAt)];
  const count = db
    .select({ n: sql<number>`count(*)` })
    .from(dossiers)
    .where(where);
  // The page's rowids first (index or FTS hits only), then the names for those rows alone:
  // the current step and assignee subqueries never run for rows that are sorted away.
  const page = db
    .select({ rowid: sql<number>`${dossiers}.rowid` })
    .from(dossiers)
    .where(where)
    .orderBy(...order, desc(dossiers.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const rows = db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      procedureName: procedures.name,
      procedureCode: procedures.code,
      applicantName: dossiers.applicantName,
      applicantIdNumber: dossiers.applicantIdNumber,
      status: dossiers.status,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      returnedAt: dossiers.returnedAt,
      outcome: dossiers.outcome,
      currentStepName: sql<string>`coalesce((SELECT ${dossierSteps.stepName} FROM ${dossierSteps} WHERE ${dossierSteps.dossierId} = ${dossiers.id} AND ${dossierSteps.finishedAt} IS NULL LIMIT 1), '')`,
      assigneeName: sql<
        string | null
      >`(SELECT ${users.fullName} FROM ${dossierSteps} JOIN ${users} ON ${users.id} = ${dossierSteps.assigneeId} WHERE ${dossierSteps.dossierId} = ${dossiers.id} AND ${dossierSteps.finishedAt} IS NULL LIMIT 1)`,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(sql`${dossiers}.rowid IN (${page})`)
    .orderBy(...order, desc(dossiers.id));
  return { count, rows, capped: conditions.capped };
}

export const queryHandlers: PartialHandlers = {
  'dossiers.list': (ctx, input) => {
    const user = requireUser(ctx);
    const now = ctx.now();
    const q = listQueries(ctx.db, input, user.id, now);
    const total = q.count.get()?.n ?? 0;
    const rows = q.rows.all();
    return {
      total,
      capped: q.capped,
      rows: rows.map((r) => ({ ...r, outcome: r.outcome ?? null, overdue: isOverdue(r, now) })),
    };
  },
  'dossiers.get': (ctx, input) => {
    const d = loadDossier(ctx.db, input.id);
    logPersonalDataAccess(ctx, d.row.id, 'view', `Xem hồ sơ ${d.row.code}`);
    return detailView(ctx, d, requireUser(ctx));
  },
};
