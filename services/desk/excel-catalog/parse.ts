// Parses a catalog workbook into schema-checked procedures, with errors by sheet and Excel row.
import {
  procedureSchema,
  timeLimitHours,
  type Procedure,
  type ProcedureVersion,
} from '../../../core/catalog/schema';
import {
  DOCUMENT_COLUMNS,
  FEE_COLUMNS,
  loadWorkbook,
  Problems,
  PROCEDURE_COLUMNS,
  readSheet,
  SHEET_ORDER,
  SHEETS,
  STEP_COLUMNS,
  type CatalogSheetError,
} from './cells';
import {
  readDocuments,
  readFees,
  readProcedures,
  readSteps,
  type Drafts,
  type Located,
  type ProcedureDraft,
  type VersionDraft,
} from './sheets';

export interface ParsedCatalog {
  /** Empty whenever `errors` is not: an import is all or nothing. */
  readonly procedures: Procedure[];
  readonly errors: CatalogSheetError[];
}

function versionInput(v: VersionDraft): Record<string, unknown> {
  return {
    version: v.version,
    ...v.value,
    documents: v.documents.map((d) => d.value),
    fees: v.fees.map((f) =>
      f.value.kind === 'per_page' ? { ...f.value, tiers: f.tiers.map((t) => t.value) } : f.value,
    ),
    steps: v.steps.map((s) => s.value),
  };
}

/** The step whose running total first passes the time limit carries the "over limit" error. */
function overLimitRow(v: VersionDraft): number {
  const limit = v.value.timeLimit as ProcedureVersion['timeLimit'];
  let total = 0;
  for (const step of v.steps) {
    total += typeof step.value.hours === 'number' ? step.value.hours : 0;
    if (limit.unit !== undefined && typeof limit.value === 'number') {
      if (total > timeLimitHours(limit) + 1e-9) return step.row;
    }
  }
  return v.steps[0]?.row ?? v.row;
}

/** Maps a schema issue path back to the sheet and row the value came from. */
function locate(
  draft: ProcedureDraft,
  path: readonly PropertyKey[],
): { sheet: string; row: number } {
  const [top, vi, part, j, sub, k] = path;
  const v = typeof vi === 'number' ? draft.versions[vi] : undefined;
  if (top !== 'versions' || !v) return { sheet: SHEETS.procedures, row: draft.row };
  const at = (sheet: string, row: number | undefined) => ({ sheet, row: row ?? v.row });
  const index = typeof j === 'number' ? j : -1;
  switch (part) {
    case 'documents':
      return at(SHEETS.documents, v.documents[index]?.row ?? v.documents[0]?.row);
    case 'steps':
      if (index < 0 && v.steps.length === 0) return at(SHEETS.procedures, v.row);
      return at(SHEETS.steps, index >= 0 ? v.steps[index]?.row : overLimitRow(v));
    case 'fees': {
      if (index < 0 && v.fees.length === 0) return at(SHEETS.procedures, v.row);
      // Without an index the issue is a repeated fee id: point at the repeat.
      const repeat = v.fees.find((f, i) => v.fees.findIndex((g) => g.value.id === f.value.id) < i);
      const fee = index >= 0 ? v.fees[index] : (repeat ?? v.fees[0]);
      const tier = sub === 'tiers' && typeof k === 'number' ? fee?.tiers[k] : undefined;
      return at(SHEETS.fees, tier?.row ?? fee?.row);
    }
    default:
      return at(SHEETS.procedures, v.row);
  }
}

function validate(drafts: Drafts, problems: Problems): Procedure[] {
  const out: Procedure[] = [];
  const isoCodes = new Map<string, ProcedureDraft>();
  for (const draft of drafts.values()) {
    const iso = draft.value.isoCode;
    const other = iso === undefined ? undefined : isoCodes.get(iso);
    if (iso !== undefined && other) {
      const message = `Mã quy trình ISO ${iso} trùng với thủ tục ${other.value.code} (dòng ${other.row})`;
      problems.add(SHEETS.procedures, draft.row, message, 'isoCode');
    } else if (iso !== undefined) isoCodes.set(iso, draft);
    draft.versions.sort((a, b) => a.version - b.version);
    for (const v of draft.versions) {
      // Rows may come in any order; numbering gaps are still caught by the schema.
      const no = (s: Located) => (typeof s.value.no === 'number' ? s.value.no : Infinity);
      v.steps.sort((a, b) => no(a) - no(b));
    }
    const parsed = procedureSchema.safeParse({
      ...draft.value,
      versions: draft.versions.map(versionInput),
    });
    if (parsed.success) {
      out.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const { sheet, row } = locate(draft, issue.path);
      const field = [...issue.path].reverse().find((p) => typeof p === 'string') ?? '';
      if (!problems.reported(sheet, row, field)) problems.add(sheet, row, issue.message);
    }
  }
  return out;
}

/** Reads a catalog workbook. Throws AppError('INVALID_INPUT') if it is not an .xlsx at all. */
export async function parseCatalogWorkbook(data: Buffer): Promise<ParsedCatalog> {
  const workbook = await loadWorkbook(data);
  const problems = new Problems();
  const drafts: Drafts = new Map();
  const procedures = readSheet(workbook, SHEETS.procedures, PROCEDURE_COLUMNS, problems);
  const documents = readSheet(workbook, SHEETS.documents, DOCUMENT_COLUMNS, problems);
  const steps = readSheet(workbook, SHEETS.steps, STEP_COLUMNS, problems);
  const fees = readSheet(workbook, SHEETS.fees, FEE_COLUMNS, problems);
  // A sheet that cannot be read would make every procedure look incomplete: stop at that.
  if (procedures && documents && steps && fees) {
    readProcedures(procedures, drafts);
    readDocuments(documents, drafts);
    readSteps(steps, drafts);
    readFees(fees, drafts);
  }
  const valid = validate(drafts, problems);
  if (drafts.size === 0 && problems.list.length === 0) {
    problems.add(SHEETS.procedures, 0, 'Trang tính không có thủ tục nào');
  }
  const errors = problems.list
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        SHEET_ORDER.indexOf(a.e.sheet) - SHEET_ORDER.indexOf(b.e.sheet) ||
        a.e.row - b.e.row ||
        a.i - b.i,
    )
    .map(({ e }) => e);
  return { procedures: errors.length === 0 ? valid : [], errors };
}
