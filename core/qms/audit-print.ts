// The internal audit's documents as printable blocks (core/qms/printable.ts): the year's
// programme (Chương trình đánh giá nội bộ), an audit's plan (Kế hoạch đánh giá) and its report
// (Báo cáo đánh giá nội bộ) with the checklist, the dossier sample and the findings.
import { formatDateTime, formatIsoDate } from '../forms/format';
import { CHECK_RESULT_LABELS, checklistProgress, type ChecklistItem } from './audit-checklist';
import type { AuditData } from './audit';
import { OUTCOME_LABELS } from '../desk/types';
import type { Block, Printable } from './printable';

export interface AuditFacts {
  readonly code: string;
  readonly data: AuditData;
  readonly stateLabel: string;
  /** User id → full name for the team and the auditees. */
  readonly names: ReadonlyMap<string, string>;
  readonly documents: readonly { readonly code: string; readonly title: string }[];
  readonly clauseTitles: ReadonlyMap<string, string>;
  readonly findings: readonly {
    readonly code: string;
    readonly typeLabel: string;
    readonly clause: string;
    readonly description: string;
    readonly evidence: string;
    /** Names of the evidence files attached. */
    readonly files: readonly string[];
    readonly nonconformityCode: string | null;
  }[];
  readonly printedAt: number;
}

const date = (d: string | null) => (d ? formatIsoDate(d) : '');
const nameOf = (f: Readonly<AuditFacts>, id: string | null) => (id ? (f.names.get(id) ?? '') : '');
const check = (v: boolean | null) => (v === null ? '' : v ? 'Đạt' : 'Không đạt');

function teamBlocks(f: Readonly<AuditFacts>): Block[] {
  const d = f.data;
  return [
    { kind: 'para', label: 'Trưởng đoàn', text: nameOf(f, d.leadAuditorId) },
    {
      kind: 'para',
      label: 'Thành viên',
      text: d.auditorIds.map((id) => nameOf(f, id)).join(', ') || 'Không có',
    },
    {
      kind: 'para',
      label: 'Người được đánh giá',
      text: d.auditeeIds.map((id) => nameOf(f, id)).join(', '),
    },
  ];
}

function clausesOf(f: Readonly<AuditFacts>): string[] {
  return [...new Set(f.data.checklist.map((i) => i.clause))];
}

export function auditPlanDoc(f: Readonly<AuditFacts>): Printable {
  const d = f.data;
  return {
    title: 'Kế hoạch đánh giá nội bộ',
    subtitle: `Số: ${f.code}`,
    printedAt: f.printedAt,
    blocks: [
      { kind: 'heading', text: '1. Mục đích' },
      {
        kind: 'para',
        text: `Đánh giá sự phù hợp và hiệu lực của hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 đối với ${d.area}.`,
      },
      { kind: 'heading', text: '2. Phạm vi đánh giá' },
      { kind: 'para', text: d.scope },
      {
        kind: 'table',
        head: ['Mã', 'Quy trình được đánh giá'],
        widths: [25, 75],
        rows: f.documents.map((x) => [x.code, x.title]),
        empty: 'Không có quy trình cụ thể.',
      },
      { kind: 'heading', text: '3. Chuẩn mực đánh giá' },
      { kind: 'para', text: d.criteria },
      { kind: 'heading', text: '4. Thời gian' },
      { kind: 'para', label: 'Ngày đánh giá', text: date(d.date) },
      { kind: 'heading', text: '5. Đoàn đánh giá và người được đánh giá' },
      ...teamBlocks(f),
      { kind: 'heading', text: '6. Nội dung đánh giá theo điều khoản' },
      {
        kind: 'table',
        head: ['Điều khoản', 'Nội dung', 'Số câu hỏi'],
        widths: [15, 70, 15],
        rows: clausesOf(f).map((c) => [
          c,
          f.clauseTitles.get(c) ?? '',
          String(d.checklist.filter((i) => i.clause === c).length),
        ]),
      },
    ],
    signers: [
      { role: 'Người lập', name: null },
      { role: 'Phê duyệt', name: d.approved?.name ?? null },
    ],
  };
}

/** The checklist as audited: the count per result, then each question with its answer. */
export function checklistBlocks(heading: string, checklist: readonly ChecklistItem[]): Block[] {
  const p = checklistProgress(checklist);
  return [
    { kind: 'heading', text: heading },
    {
      kind: 'para',
      text: `${p.answered}/${p.total} câu hỏi đã đánh giá: ${p.conform} phù hợp, ${p.nc} không phù hợp, ${p.observation} cần lưu ý, ${p.na} không áp dụng.`,
    },
    {
      kind: 'table',
      head: ['Điều khoản', 'Câu hỏi', 'Kết quả', 'Ghi nhận của đánh giá viên'],
      widths: [10, 45, 12, 33],
      rows: checklist.map((i) => [
        i.clause,
        i.question,
        i.result ? CHECK_RESULT_LABELS[i.result] : 'Chưa đánh giá',
        i.note,
      ]),
    },
  ];
}

export function auditReportDoc(f: Readonly<AuditFacts>): Printable {
  const d = f.data;
  return {
    title: 'Báo cáo đánh giá nội bộ',
    subtitle: `Số: ${f.code}`,
    printedAt: f.printedAt,
    landscape: true,
    blocks: [
      { kind: 'heading', text: '1. Thông tin chung' },
      { kind: 'para', label: 'Lĩnh vực được đánh giá', text: d.area },
      { kind: 'para', label: 'Phạm vi', text: d.scope },
      { kind: 'para', label: 'Chuẩn mực', text: d.criteria },
      { kind: 'para', label: 'Ngày đánh giá', text: date(d.date) },
      ...teamBlocks(f),
      ...checklistBlocks('2. Kết quả theo danh mục kiểm tra', d.checklist),
      { kind: 'heading', text: '3. Kiểm tra hồ sơ mẫu' },
      {
        kind: 'para',
        text:
          d.sample.length === 0
            ? 'Không lấy mẫu hồ sơ.'
            : `${d.sample.length} hồ sơ chọn ngẫu nhiên, tiếp nhận từ ${date(d.sampleFrom)} đến ${date(d.sampleTo)}.`,
      },
      {
        kind: 'table',
        head: [
          'Mã hồ sơ',
          'Thủ tục',
          'Tiếp nhận',
          'Kết quả',
          'Bước trễ',
          'Tiếp nhận',
          'Các bước',
          'Biểu mẫu',
          'Ghi chú',
        ],
        rows: d.sample.map((s) => [
          s.code,
          s.procedureName,
          formatDateTime(s.receivedAt),
          s.outcome
            ? (OUTCOME_LABELS[s.outcome as keyof typeof OUTCOME_LABELS] ?? s.outcome)
            : 'Đang giải quyết',
          `${s.lateSteps}/${s.steps}`,
          check(s.receivedOk),
          check(s.stepsOk),
          check(s.formsOk),
          s.note,
        ]),
        empty: 'Không có.',
      },
      { kind: 'heading', text: '4. Các phát hiện' },
      {
        kind: 'table',
        head: ['Số', 'Loại', 'Điều khoản', 'Nội dung', 'Bằng chứng', 'Sự không phù hợp'],
        widths: [14, 14, 9, 30, 20, 13],
        rows: f.findings.map((x) => [
          x.code,
          x.typeLabel,
          x.clause,
          x.description,
          [x.evidence, ...x.files.map((n) => `Tệp: ${n}`)].filter(Boolean).join('\n'),
          x.nonconformityCode ?? '',
        ]),
        empty: 'Không có phát hiện.',
      },
      { kind: 'heading', text: '5. Kết luận' },
      { kind: 'para', text: d.conclusion || 'Chưa có kết luận.' },
    ],
    signers: [
      { role: 'Trưởng đoàn đánh giá', name: d.reported?.name ?? nameOf(f, d.leadAuditorId) },
      { role: 'Lãnh đạo', name: null },
    ],
  };
}

export interface ProgrammeLine {
  readonly code: string;
  readonly month: number;
  readonly area: string;
  readonly scope: string;
  readonly leadAuditorName: string | null;
  readonly date: string | null;
  readonly stateLabel: string;
}

export function auditProgrammeDoc(
  year: number,
  lines: readonly ProgrammeLine[],
  printedAt: number,
): Printable {
  return {
    title: `Chương trình đánh giá nội bộ năm ${year}`,
    subtitle: '',
    printedAt,
    landscape: true,
    blocks: [
      {
        kind: 'para',
        text: 'Căn cứ TCVN ISO 9001:2015 điều 9.2 và Quy trình đánh giá nội bộ, UBND xã lập chương trình đánh giá nội bộ như sau:',
      },
      {
        kind: 'table',
        head: [
          'STT',
          'Số',
          'Tháng',
          'Lĩnh vực, quá trình được đánh giá',
          'Phạm vi',
          'Trưởng đoàn',
          'Ngày đánh giá',
          'Tình trạng',
        ],
        widths: [5, 12, 7, 22, 24, 12, 9, 9],
        rows: lines.map((l, i) => [
          String(i + 1),
          l.code,
          String(l.month).padStart(2, '0'),
          l.area,
          l.scope,
          l.leadAuditorName ?? '',
          date(l.date),
          l.stateLabel,
        ]),
        empty: 'Chưa có cuộc đánh giá nào trong năm.',
      },
    ],
    signers: [
      { role: 'Thư ký ISO', name: null },
      { role: 'Chủ tịch', name: null },
    ],
  };
}
