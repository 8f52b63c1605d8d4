// The yearly report as printable blocks (core/qms/printable.ts) in the Nghị định 30/2020
// layout of an administrative report: number (…/BC-UBND), title and summary, "Kính gửi", the
// template's sections in order, each with its figures (frozen in the record) and the texts
// the office typed, the recipients beside the chairman's signature.
import { formatIsoDate } from '../forms/format';
import type { Block, Printable } from './printable';
import type { YearFigures, YearlyReportData } from './yearly-report';
import type { FigureKey } from './yearly-template';

const pct = (m: { value: number | null; numerator: number; denominator: number }) =>
  m.value === null
    ? 'chưa có số liệu'
    : `${m.value.toLocaleString('vi-VN')}% (${m.numerator.toLocaleString('vi-VN')}/${m.denominator.toLocaleString('vi-VN')})`;
const n = (x: number) => x.toLocaleString('vi-VN');
const date = (d: string | null) => (d ? formatIsoDate(d) : '');

/** The blocks one figure key prints, in Vietnamese. Pure. */
export function figureBlocks(key: FigureKey, f: Readonly<YearFigures>): Block[] {
  switch (key) {
    case 'scope':
      return [
        {
          kind: 'para',
          label: 'Phạm vi áp dụng',
          text: `${n(f.scope.procedures)} thủ tục hành chính và quy trình nội bộ.${
            f.scope.notApplicable.length
              ? ` Điều khoản không áp dụng: ${f.scope.notApplicable.map((c) => `${c.clause} (${c.title})`).join('; ')}.`
              : ' Áp dụng tất cả các điều khoản của tiêu chuẩn.'
          }`,
        },
      ];
    case 'announcement':
      return [
        {
          kind: 'para',
          label: 'Công bố HTQLCL',
          text: f.announcement
            ? `Quyết định công bố số ${f.announcement.decisionNo} ngày ${date(f.announcement.signedOn)}.`
            : 'Chưa có quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015.',
        },
      ];
    case 'documents':
      return [
        {
          kind: 'para',
          label: 'Tài liệu',
          text: `Ban hành mới ${n(f.documents.issued)}, sửa đổi ${n(f.documents.revised)}, hủy bỏ ${n(f.documents.withdrawn)} tài liệu trong năm.`,
        },
        {
          kind: 'table',
          head: ['STT', 'Mã', 'Tên tài liệu', 'Lần ban hành', 'Ngày hiệu lực'],
          widths: [7, 15, 48, 13, 17],
          rows: f.documents.list.map((d, i) => [
            String(i + 1),
            d.code,
            d.title,
            String(d.issueNo),
            date(d.effectiveDate),
          ]),
          empty: 'Không có tài liệu ban hành hoặc sửa đổi trong năm.',
        },
      ];
    case 'audits':
      return [
        {
          kind: 'para',
          label: 'Đánh giá nội bộ',
          text: `${n(f.audits.length)} cuộc đánh giá nội bộ trong năm.`,
        },
        {
          kind: 'table',
          head: ['Mã', 'Phạm vi', 'Ngày', 'Không phù hợp', 'Khuyến nghị', 'Cơ hội cải tiến'],
          widths: [16, 34, 14, 12, 12, 12],
          rows: f.audits.map((a) => [
            a.code,
            a.area,
            date(a.date),
            n(a.nc),
            n(a.observations),
            n(a.improvements),
          ]),
          empty: 'Chưa tổ chức đánh giá nội bộ trong năm.',
        },
      ];
    case 'reviews':
      return [
        {
          kind: 'para',
          label: 'Xem xét của lãnh đạo',
          text: f.reviews.length
            ? `${n(f.reviews.length)} cuộc họp xem xét của lãnh đạo (ngày ${f.reviews.map((r) => date(r.date)).join(', ')}).`
            : 'Chưa tổ chức họp xem xét của lãnh đạo trong năm.',
        },
      ];
    case 'objectives':
      return [
        {
          kind: 'para',
          label: 'Mục tiêu chất lượng',
          text: `${n(f.objectives.list.length)} mục tiêu: đạt ${n(f.objectives.met)}, không đạt ${n(f.objectives.missed)}, chưa đo ${n(f.objectives.unmeasured)}.`,
        },
        {
          kind: 'table',
          head: ['Mã', 'Mục tiêu', 'Chỉ tiêu', 'Kết quả', 'Đánh giá'],
          widths: [12, 46, 14, 14, 14],
          rows: f.objectives.list.map((o) => [
            o.code,
            o.statement,
            `${o.atMost ? '≤ ' : ''}${o.target.toLocaleString('vi-VN')} ${o.unit}`.trim(),
            o.value === null ? '' : `${o.value.toLocaleString('vi-VN')} ${o.unit}`.trim(),
            o.met === null ? 'Chưa đo' : o.met ? 'Đạt' : 'Không đạt',
          ]),
          empty: 'Chưa có mục tiêu chất lượng của năm.',
        },
      ];
    case 'nonconformities':
      return [
        {
          kind: 'para',
          label: 'Sự không phù hợp',
          text: `Phát sinh ${n(f.nonconformities.opened)}, đã khắc phục xong ${n(f.nonconformities.closed)} trong năm; còn mở ${n(f.nonconformities.open)} (quá hạn ${n(f.nonconformities.overdue)}).`,
        },
      ];
    case 'satisfaction':
      return [
        {
          kind: 'para',
          label: 'Tỷ lệ người dân hài lòng',
          text: pct(f.satisfaction.rated),
        },
        {
          kind: 'para',
          label: 'Chỉ số hài lòng theo Quyết định 766/QĐ-TTg',
          text: pct(f.satisfaction.qd766),
        },
      ];
    case 'desk':
      return [
        {
          kind: 'para',
          label: 'Hồ sơ tiếp nhận',
          text: f.desk.received
            ? `${n(f.desk.received)} hồ sơ, trong đó trực tuyến ${pct(f.desk.online)}.`
            : 'Chưa tiếp nhận hồ sơ nào trong năm.',
        },
        {
          kind: 'para',
          label: 'Giải quyết đúng hạn và trước hạn',
          text: pct(f.desk.onTime),
        },
      ];
  }
}

export interface YearlyPrintFacts {
  readonly officeName: string;
  readonly data: YearlyReportData;
  /** False until the chairman approves: the signature is left blank. */
  readonly approved: boolean;
  readonly signer: { readonly authority?: string; readonly title: string };
  readonly printedAt: number;
}

export function yearlyReportDoc(p: Readonly<YearlyPrintFacts>): Printable {
  const d = p.data;
  const t = d.template;
  const blocks: Block[] = [
    { kind: 'center', text: t.to },
    ...(t.intro
      ? [{ kind: 'para', text: t.intro.replace('{office}', p.officeName) } as const]
      : []),
    ...t.sections.flatMap((s): Block[] => [
      { kind: 'heading', text: s.heading },
      ...s.figures.flatMap((k) => figureBlocks(k, d.figures)),
      ...s.texts.map((x): Block => ({
        kind: 'para',
        label: x.label,
        text: (d.texts[x.key] ?? '').trim() || '…',
      })),
    ]),
    {
      kind: 'para',
      italic: true,
      text: `Số liệu lấy từ phần mềm ISO Xã ngày ${formatIsoDate(d.figures.asOf)}, kỳ báo cáo từ ${formatIsoDate(d.figures.from)} đến ${formatIsoDate(d.figures.to)}.`,
    },
  ];
  return {
    title: t.title,
    subtitle: t.about.replace('{year}', String(d.year)),
    number: '      /BC-UBND',
    printedAt: p.printedAt,
    recipients: t.recipients,
    blocks,
    signers: [
      {
        ...(p.signer.authority ? { authority: p.signer.authority } : {}),
        role: p.signer.title,
        name: p.approved ? (d.approved?.name ?? null) : null,
      },
    ],
  };
}
