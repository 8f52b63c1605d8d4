// The internal audit's documents: the year's programme, an audit's plan and its report, printed
// (HTML through the desk's form layout, for preview and PDF) and as Word files (.docx).
import { AppError } from '../../core/errors';
import {
  auditPlanDoc,
  auditProgrammeDoc,
  auditReportDoc,
  type AuditFacts,
} from '../../core/qms/audit-print';
import type { Printable } from '../../core/qms/printable';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { auditDetail, auditRows, loadAudit } from './audits';
import { fileSafe } from './docx-out';
import { printedPage, wordFile } from './printable-out';

type Which = 'plan' | 'report' | 'programme';

function facts(ctx: Ctx, id: string): AuditFacts {
  const a = loadAudit(ctx.db, id);
  const detail = auditDetail(ctx, a);
  return {
    code: a.code,
    data: a.data,
    stateLabel: detail.record.stateLabel,
    names: new Map(Object.entries(detail.people)),
    documents: detail.documents,
    clauseTitles: new Map(Object.entries(detail.clauseTitles)),
    findings: detail.findings
      .filter((f) => f.state !== 'cancelled')
      .map((f) => ({
        code: f.code,
        typeLabel: f.typeLabel,
        clause: f.clause,
        description: f.description,
        evidence: f.evidence,
        files: f.files.map((x) => x.fileName),
        nonconformityCode: f.nonconformity?.code ?? null,
      })),
    printedAt: ctx.now(),
  };
}

function printable(
  ctx: Ctx,
  input: { which: Which; id: string | null; year: number | null },
): { doc: Printable; name: string } {
  if (input.which === 'programme') {
    if (input.year === null) throw new AppError('INVALID_INPUT', 'Phải chọn năm của chương trình.');
    const rows = auditRows(ctx, input.year);
    const lines = rows.map((r) => ({
      code: r.code,
      month: r.month,
      area: r.area,
      scope: loadAudit(ctx.db, r.id).data.scope,
      leadAuditorName: r.leadAuditorName,
      date: r.date,
      stateLabel: r.stateLabel,
    }));
    return {
      doc: auditProgrammeDoc(input.year, lines, ctx.now()),
      name: `chuong-trinh-danh-gia-noi-bo_${input.year}`,
    };
  }
  if (input.id === null) throw new AppError('INVALID_INPUT', 'Phải chọn cuộc đánh giá.');
  const f = facts(ctx, input.id);
  if (input.which === 'plan')
    return { doc: auditPlanDoc(f), name: `ke-hoach-danh-gia_${fileSafe(f.code)}` };
  return { doc: auditReportDoc(f), name: `bao-cao-danh-gia_${fileSafe(f.code)}` };
}

export const auditOutputHandlers: PartialHandlers = {
  'audits.print': (ctx, input) => printedPage(ctx, printable(ctx, input).doc),
  'audits.exportDocx': (ctx, input) => {
    const { doc, name } = printable(ctx, input);
    return wordFile(ctx, doc, name);
  },
};
