// The conformity announcement decision (Quyết định công bố HTQLCL phù hợp TCVN ISO
// 9001:2015) as printable blocks (core/qms/printable.ts) in the Nghị định 30/2020 layout: the
// number and signing date, the legal bases, three articles, the recipients, the chairman's
// signature (a deputy signs "KT. Chủ tịch"), and the annex listing the procedures in scope and
// the clauses not applicable. Its wording is data (resources/qms/announcement.json), which the
// province may replace.
import { z } from 'zod';
import { formatIsoDate } from '../forms/format';
import type { AnnouncementData } from './announcement';
import type { Block, Printable } from './printable';

export const announcementTemplate = z.object({
  title: z.string().min(1),
  about: z.string().min(1),
  bases: z.array(z.string().min(1)).min(1).max(20),
  proposal: z.string(),
  /** {office}: the office's name. */
  article1: z.string().min(1),
  article2: z.string().min(1),
  /** {decisionNo}, {signedOn}: the decision replaced. */
  article2Replaces: z.string().min(1),
  article3: z.string().min(1),
  recipients: z.array(z.string().min(1)).max(20),
});
export type AnnouncementTemplate = z.infer<typeof announcementTemplate>;

export interface DecisionFacts {
  /** Written out, as the decision names the office: 'Ủy ban nhân dân xã Tân Lập'. */
  readonly officeName: string;
  readonly data: AnnouncementData;
  /** False for a draft: the number and the signature are left for the chairman. */
  readonly approved: boolean;
  /** The signer's authority and title ('KT. Chủ tịch' / 'Phó Chủ tịch', or 'Chủ tịch'). */
  readonly signer: { readonly authority?: string; readonly title: string };
  /** When not approved: the instant the draft is printed. */
  readonly printedAt: number;
  /** The signing date as an instant (approved decisions carry their own date, not today's). */
  readonly signedAt: number | null;
}

const fill = (text: string, values: Readonly<Record<string, string>>): string =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

export function announcementDecisionDoc(
  t: Readonly<AnnouncementTemplate>,
  f: Readonly<DecisionFacts>,
): Printable {
  const d = f.data;
  const replaces = d.replaces
    ? fill(t.article2Replaces, {
        decisionNo: d.replaces.decisionNo,
        signedOn: formatIsoDate(d.replaces.signedOn),
      })
    : t.article2;
  const procedures = [...d.scope.procedures];
  const blocks: Block[] = [
    // The issuer is the chairman's office, even when a deputy signs on the chairman's behalf.
    { kind: 'center', text: `CHỦ TỊCH ${f.officeName.toUpperCase()}`, bold: true },
    ...t.bases.map((text): Block => ({ kind: 'para', text, italic: true })),
    ...(t.proposal ? [{ kind: 'para', text: t.proposal, italic: true } as const] : []),
    { kind: 'center', text: 'QUYẾT ĐỊNH:', bold: true },
    { kind: 'para', label: 'Điều 1', sep: '.', text: fill(t.article1, { office: f.officeName }) },
    ...(d.scope.notApplicable.length
      ? [
          {
            kind: 'para',
            text: `Các điều khoản không áp dụng: ${d.scope.notApplicable
              .map((e) => `${e.clause} (${e.title}): ${e.reason.replace(/[.;\s]+$/, '')}`)
              .join('; ')}.`,
          } as const,
        ]
      : []),
    { kind: 'para', label: 'Điều 2', sep: '.', text: replaces },
    { kind: 'para', label: 'Điều 3', sep: '.', text: t.article3 },
    { kind: 'heading', text: 'DANH MỤC CÁC THỦ TỤC HÀNH CHÍNH, QUY TRÌNH ÁP DỤNG' },
    {
      kind: 'para',
      text: `(Kèm theo Quyết định số ${f.approved ? d.decisionNo : '…'} ngày ${
        f.approved && d.signedOn ? formatIsoDate(d.signedOn) : '…'
      } của ${f.officeName})`,
      italic: true,
    },
    {
      kind: 'table',
      head: ['STT', 'Mã thủ tục', 'Tên thủ tục hành chính', 'Lĩnh vực'],
      widths: [7, 18, 55, 20],
      rows: procedures.map((p, i) => [String(i + 1), p.code, p.name, p.field]),
      empty: 'Chưa có thủ tục nào trong phạm vi.',
    },
  ];
  return {
    title: t.title,
    subtitle: t.about,
    number: f.approved ? d.decisionNo : `      /QĐ-UBND (dự thảo)`,
    printedAt: f.signedAt ?? f.printedAt,
    recipients: t.recipients,
    blocks,
    signers: [
      {
        ...(f.signer.authority ? { authority: f.signer.authority } : {}),
        role: f.signer.title,
        name: f.approved ? (d.approved?.name ?? null) : null,
      },
    ],
  };
}
