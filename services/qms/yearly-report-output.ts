// The yearly report printed (HTML for the preview and PDF) and as a Word file (.docx), from
// one block description (core/qms/yearly-report-print.ts) and the figures and template frozen
// in the record. Until the chairman approves, the signature is left blank.
import type { YearlyReportData } from '../../core/qms/yearly-report';
import { yearlyReportDoc } from '../../core/qms/yearly-report-print';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { officeName } from './announcement-output';
import { fileSafe } from './docx-out';
import { printedPage, wordFile } from './printable-out';
import { loadRecord } from './records';

function report(ctx: Ctx, id: string) {
  const r = loadRecord(ctx.db, id, 'yearly_report');
  const data = r.data as YearlyReportData;
  const approved = r.state === 'approved' || r.state === 'sent';
  const deputy = data.signerTitle === 'Phó Chủ tịch';
  const doc = yearlyReportDoc({
    officeName: officeName(ctx),
    data,
    approved,
    signer: deputy ? { authority: 'KT. Chủ tịch', title: 'Phó Chủ tịch' } : { title: 'Chủ tịch' },
    printedAt: ctx.now(),
  });
  return { doc, name: `bao-cao-nam-htqlcl_${fileSafe(r.code)}` };
}

export const yearlyReportOutputHandlers: PartialHandlers = {
  'yearly.print': (ctx, input) => printedPage(ctx, report(ctx, input.id).doc),
  'yearly.exportDocx': (ctx, input) => {
    const { doc, name } = report(ctx, input.id);
    return wordFile(ctx, doc, name);
  },
};
