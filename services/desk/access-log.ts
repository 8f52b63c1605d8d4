// Access to personal data, logged and read back (issue 11, item 5; Luật 91/2025/QH15): viewing
// a dossier, printing one of its forms and opening one of its scans each write an audit row in
// the hash chain, under their own operation (core/desk/access.ts); the chairman lists them per
// dossier. The tracking book (many citizens at once) is logged by its own export.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  ACCESS_KINDS,
  ACCESS_OPERATIONS,
  accessKindOf,
  type AccessKind,
} from '../../core/desk/access';
import { AppError } from '../../core/errors';
import { auditLog, dossiers } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';

/** Rows the screen shows; the total says how many there are in all. */
const SHOWN = 500;
const OPERATIONS = ACCESS_KINDS.map((k) => ACCESS_OPERATIONS[k]);

/** Writes the audit row of one access to a dossier's personal data. */
export function logPersonalDataAccess(
  ctx: Ctx,
  dossierId: string,
  kind: AccessKind,
  summary: string,
): void {
  write(ctx, () => ({
    result: undefined,
    audit: { operation: ACCESS_OPERATIONS[kind], entity: 'dossier', entityId: dossierId, summary },
  }));
}

export const accessLogHandlers: PartialHandlers = {
  'dossiers.accessLog': (ctx, input) => {
    const found = ctx.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.id, input.dossierId))
      .get();
    if (!found) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
    const where = and(
      eq(auditLog.entityId, input.dossierId),
      inArray(auditLog.operation, OPERATIONS),
    );
    const total =
      ctx.db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(where)
        .get()?.n ?? 0;
    const rows = ctx.db
      .select({
        at: auditLog.at,
        actorName: auditLog.actorName,
        operation: auditLog.operation,
        summary: auditLog.summary,
      })
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.seq))
      .limit(SHOWN)
      .all();
    return {
      total,
      rows: rows.map(({ operation, ...r }) => ({ ...r, kind: accessKindOf(operation) ?? 'view' })),
    };
  },
};
