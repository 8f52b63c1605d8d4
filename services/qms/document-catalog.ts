// Where a procedure document meets the desk: an administrative procedure's document adopts
// the catalog's step table, and approving a revision of it creates the catalog procedure
// version (same legal facts, the revision's step table) the desk uses from the effective date.
// Dossiers keep the version they were received under (they point at its row).
import { desc, eq, max } from 'drizzle-orm';
import {
  procedureVersionSchema,
  timeLimitHours,
  type ProcedureStep,
  type ProcedureVersion,
} from '../../core/catalog/schema';
import { AppError } from '../../core/errors';
import type { Db, Tx } from '../../db/open';
import { procedureVersions, procedures } from '../../db/schema';
import { newId } from '../context';
import { enqueue } from '../sync/outbox';
import { versionInForce } from '../desk/catalog';

function procedureByCode(db: Db | Tx, code: string) {
  const p = db.select().from(procedures).where(eq(procedures.code, code)).get();
  if (!p) throw new AppError('NOT_FOUND', `Danh mục chưa có thủ tục mã ${code}.`);
  return p;
}

/** The newest catalog version of a procedure (by version number). */
function latestVersion(db: Db | Tx, procedureId: string) {
  return db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(desc(procedureVersions.version))
    .get();
}

/** The step table the desk uses today for a procedure (a new document starts from it). */
export function catalogSteps(db: Db | Tx, code: string, today: string): ProcedureStep[] | null {
  const p = db.select().from(procedures).where(eq(procedures.code, code)).get();
  if (!p) return null;
  const v = versionInForce(db, p.id, today) ?? latestVersion(db, p.id);
  return v ? v.body.steps : null;
}

export function procedureTimeLimitHours(db: Db | Tx, code: string): number | null {
  const p = db.select().from(procedures).where(eq(procedures.code, code)).get();
  const v = p ? latestVersion(db, p.id) : undefined;
  return v ? timeLimitHours(v.body.timeLimit) : null;
}

/** The catalog body a revision's step table would make, validated like any catalog version:
 * a Vietnamese error names what does not fit (the time limit, the first and last steps). */
export function versionBodyFor(
  db: Db | Tx,
  code: string,
  steps: readonly ProcedureStep[],
  effectiveFrom: string,
): { procedureId: string; body: ProcedureVersion } {
  const p = procedureByCode(db, code);
  const base = versionInForce(db, p.id, effectiveFrom) ?? latestVersion(db, p.id);
  if (!base) throw new AppError('NOT_FOUND', `Thủ tục ${p.name} chưa có phiên bản nào.`);
  const next =
    (db
      .select({ v: max(procedureVersions.version) })
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, p.id))
      .get()?.v ?? 0) + 1;
  const parsed = procedureVersionSchema.safeParse({
    ...base.body,
    version: next,
    effectiveFrom,
    steps: steps.map((s, i) => ({ ...s, no: i + 1 })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'INVALID_INPUT',
      `Bảng các bước chưa phù hợp: ${issue?.message ?? 'dữ liệu không hợp lệ'}.`,
    );
  }
  return { procedureId: p.id, body: parsed.data };
}

/** Creates the catalog version for an approved revision; returns its version number. */
export function createProcedureVersion(
  tx: Tx,
  now: number,
  code: string,
  steps: readonly ProcedureStep[],
  effectiveFrom: string,
): number {
  const { procedureId, body } = versionBodyFor(tx, code, steps, effectiveFrom);
  const id = newId();
  tx.insert(procedureVersions)
    .values({ id, procedureId, version: body.version, effectiveFrom, body, createdAt: now })
    .run();
  enqueue(tx, now, 'procedure_version', id, {
    id,
    procedureCode: code,
    version: body.version,
    effectiveFrom,
    body,
    updatedAt: now,
  });
  return body.version;
}
