// The management review's minutes (Biên bản họp xem xét của lãnh đạo) as printable blocks
// (core/qms/printable.ts): the meeting, who sat, each 9.3.2 input with its lines and the
// meeting's note on it, the conclusions and decisions, the actions decided (owner, due date),
// signed by the secretary and the chair.
import { formatIsoDate } from '../forms/format';
import type { Block, Printable } from './printable';
import type { ReviewData } from './review';
import type { ReviewInput } from './review-inputs';

export interface MinutesFacts {
  readonly code: string;
  readonly data: ReviewData;
  readonly stateLabel: string;
  /** User id → full name for the chair, the secretary and the participants. */
  readonly names: ReadonlyMap<string, string>;
  readonly inputs: readonly ReviewInput[];
  readonly actions: readonly {
    readonly title: string;
    readonly description: string;
    readonly ownerName: string;
    readonly dueDate: string | null;
  }[];
  readonly printedAt: number;
}

const nameOf = (f: Readonly<MinutesFacts>, id: string | null) =>
  id ? (f.names.get(id) ?? '') : '';

function inputBlocks(f: Readonly<MinutesFacts>): Block[] {
  return f.inputs.flatMap((input, i): Block[] => {
    const note = input.key === 'resources' ? '' : (f.data.notes[input.key] ?? '').trim();
    return [
      { kind: 'heading', text: `2.${i + 1}. ${input.title} (${input.clause})` },
      ...input.lines.map((line): Block => ({ kind: 'para', text: `- ${line}` })),
      ...(note ? [{ kind: 'para', label: 'Ý kiến, kết luận', text: note } as const] : []),
    ];
  });
}

export function reviewMinutesDoc(f: Readonly<MinutesFacts>): Printable {
  const d = f.data;
  const participants = d.participantIds.map((id) => nameOf(f, id)).filter(Boolean);
  const decisions = d.decisions
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    title: 'Biên bản họp xem xét của lãnh đạo',
    subtitle: `Số: ${f.code}`,
    printedAt: f.printedAt,
    blocks: [
      { kind: 'heading', text: '1. Thời gian, thành phần' },
      { kind: 'para', label: 'Ngày họp', text: formatIsoDate(d.date) },
      {
        kind: 'para',
        label: 'Kỳ xem xét',
        text: `từ ngày ${formatIsoDate(d.periodFrom)} đến ngày ${formatIsoDate(d.periodTo)}`,
      },
      { kind: 'para', label: 'Chủ trì', text: nameOf(f, d.chairId) },
      { kind: 'para', label: 'Thư ký', text: nameOf(f, d.secretaryId) },
      { kind: 'para', label: 'Thành phần tham dự', text: participants.join(', ') || 'Không có' },
      ...(d.guests ? [{ kind: 'para', label: 'Khách mời', text: d.guests } as const] : []),
      {
        kind: 'heading',
        text: '2. Nội dung xem xét (đầu vào theo TCVN ISO 9001:2015, điều 9.3.2)',
      },
      ...inputBlocks(f),
      { kind: 'heading', text: '3. Kết luận, quyết định của cuộc họp' },
      ...(decisions.length
        ? decisions.map((text): Block => ({ kind: 'para', text }))
        : [{ kind: 'para', text: 'Chưa có kết luận.' } as const]),
      { kind: 'heading', text: '4. Các hành động được đề ra' },
      {
        kind: 'table',
        head: ['STT', 'Hành động', 'Người thực hiện', 'Thời hạn'],
        widths: [7, 55, 22, 16],
        rows: f.actions.map((a, i) => [
          String(i + 1),
          a.description && a.description !== a.title ? `${a.title}\n${a.description}` : a.title,
          a.ownerName,
          a.dueDate ? formatIsoDate(a.dueDate) : '',
        ]),
        empty: 'Cuộc họp không đề ra hành động nào.',
      },
      {
        kind: 'para',
        text: d.held
          ? `Biên bản được lập và thông qua tại cuộc họp; ghi nhận ngày ${formatIsoDate(d.held.on)}.`
          : `Dự thảo biên bản (${f.stateLabel.toLowerCase()}): cuộc họp chưa được ghi nhận là đã họp.`,
      },
    ],
    signers: [
      { role: 'Thư ký', name: nameOf(f, d.secretaryId) || null },
      { role: 'Chủ trì', name: nameOf(f, d.chairId) || null },
    ],
  };
}
