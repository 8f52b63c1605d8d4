// The visiting auditor's record of an audit done for another office from its pack, printable
// (core/qms/printable.ts): the audit as planned by that office, the checklist with the answers
// given on this PC, and the findings. The auditor prints it (PDF, .docx) to sign and hand over
// with the results file.
import { formatIsoDate } from '../forms/format';
import { answeredChecklist, type PackContent, type VisitingWork } from './audit-pack';
import { checklistBlocks } from './audit-print';
import { FINDING_TYPE_LABELS } from './finding';
import type { Printable } from './printable';

export interface VisitFacts {
  readonly pack: PackContent;
  readonly work: VisitingWork;
  /** The visiting auditor (who imported the pack) and their office. */
  readonly auditorName: string;
  readonly auditorOffice: string;
  readonly printedAt: number;
}

const person = (p: { name: string; roles: string } | null) => (p ? `${p.name} (${p.roles})` : '');

export function visitReportDoc(f: Readonly<VisitFacts>): Printable {
  const a = f.pack.audit;
  const checklist = answeredChecklist(f.pack.checklist, f.work.answers);
  const codes = new Map(f.pack.sample.map((s) => [s.dossierId, s.code]));
  const questions = new Map(checklist.map((i) => [i.id, i.clause]));
  return {
    title: 'Phiếu ghi nhận đánh giá nội bộ',
    subtitle: `Cuộc đánh giá ${a.code} của ${f.pack.office.name}`,
    printedAt: f.printedAt,
    landscape: true,
    blocks: [
      { kind: 'heading', text: '1. Thông tin chung' },
      { kind: 'para', label: 'Đơn vị được đánh giá', text: f.pack.office.name },
      { kind: 'para', label: 'Lĩnh vực được đánh giá', text: a.area },
      { kind: 'para', label: 'Phạm vi', text: a.scope },
      { kind: 'para', label: 'Chuẩn mực', text: a.criteria },
      { kind: 'para', label: 'Ngày đánh giá', text: a.date ? formatIsoDate(a.date) : '' },
      { kind: 'para', label: 'Trưởng đoàn', text: person(a.lead) },
      {
        kind: 'para',
        label: 'Đánh giá viên ghi nhận',
        text: `${f.auditorName}${f.auditorOffice ? ` (${f.auditorOffice})` : ''}`,
      },
      ...checklistBlocks('2. Kết quả theo danh mục kiểm tra', checklist),
      { kind: 'heading', text: '3. Các phát hiện' },
      {
        kind: 'table',
        head: ['STT', 'Loại', 'Điều khoản', 'Nội dung', 'Bằng chứng', 'Liên quan'],
        widths: [6, 16, 9, 33, 22, 14],
        rows: f.work.findings.map((x, i) => [
          String(i + 1),
          FINDING_TYPE_LABELS[x.type],
          x.clause,
          x.description,
          x.evidence,
          [
            x.checklistItemId ? `Câu hỏi điều ${questions.get(x.checklistItemId) ?? ''}` : '',
            x.dossierId ? `Hồ sơ ${codes.get(x.dossierId) ?? ''}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        ]),
        empty: 'Không có phát hiện.',
      },
    ],
    signers: [
      { role: 'Đánh giá viên', name: f.auditorName },
      { role: 'Trưởng đoàn đánh giá', name: a.lead?.name ?? null },
    ],
  };
}
