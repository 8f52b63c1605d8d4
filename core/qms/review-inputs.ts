// The management review's inputs (ISO 9001:2015 9.3.2), assembled from facts the services
// collect for the period. Pure: every item is present whatever data there is; an item whose
// source has no data yet says "Chưa có dữ liệu" instead of disappearing, so the minutes show
// what was and was not reviewed.

export const REVIEW_INPUT_KEYS = [
  'previous_actions',
  'context_changes',
  'satisfaction',
  'objectives',
  'process_performance',
  'nonconformities',
  'monitoring',
  'audit_results',
  'external_providers',
  'resources',
  'risk_actions',
  'improvement',
] as const;
export type ReviewInputKey = (typeof REVIEW_INPUT_KEYS)[number];

/** Each input with its clause of 9.3.2 and its Vietnamese title (TCVN ISO 9001:2015). */
export const REVIEW_INPUT_TITLES: Readonly<Record<ReviewInputKey, readonly [string, string]>> = {
  previous_actions: ['9.3.2 a', 'Tình trạng các hành động từ các lần xem xét trước'],
  context_changes: [
    '9.3.2 b',
    'Thay đổi về các vấn đề bên ngoài và nội bộ (tài liệu, văn bản pháp luật)',
  ],
  satisfaction: ['9.3.2 c1', 'Sự thỏa mãn của người dân và phản hồi của các bên quan tâm'],
  objectives: ['9.3.2 c2', 'Mức độ đạt được các mục tiêu chất lượng'],
  process_performance: [
    '9.3.2 c3',
    'Kết quả thực hiện các quá trình (tỷ lệ hồ sơ đúng hạn theo thủ tục)',
  ],
  nonconformities: ['9.3.2 c4', 'Sự không phù hợp và hành động khắc phục'],
  monitoring: ['9.3.2 c5', 'Kết quả theo dõi và đo lường'],
  audit_results: ['9.3.2 c6', 'Kết quả đánh giá'],
  external_providers: ['9.3.2 c7', 'Kết quả thực hiện của các đơn vị bên ngoài cung cấp'],
  resources: ['9.3.2 d', 'Sự thỏa đáng của các nguồn lực'],
  risk_actions: ['9.3.2 e', 'Hiệu lực của các hành động giải quyết rủi ro và cơ hội'],
  improvement: ['9.3.2 f', 'Các cơ hội cải tiến'],
};

export const NO_DATA = 'Chưa có dữ liệu';

export interface ActionFact {
  readonly code: string;
  readonly title: string;
  readonly ownerName: string;
  readonly dueDate: string | null;
  readonly stateLabel: string;
  readonly closed: boolean;
}

export interface ProcedureRate {
  readonly name: string;
  readonly resolved: number;
  readonly onTime: number;
  /** The same figure over the period of equal length just before, for the trend. */
  readonly previousResolved: number;
  readonly previousOnTime: number;
}

export interface ReviewFacts {
  /** Actions decided at earlier reviews; null when there was no earlier review. */
  readonly previousActions: readonly ActionFact[] | null;
  readonly documentChanges: readonly string[];
  readonly externalChanges: readonly string[];
  /** Provided by the satisfaction, objectives and risk modules when present, else null. */
  readonly satisfaction: readonly string[] | null;
  readonly objectives: readonly string[] | null;
  readonly riskActions: readonly string[] | null;
  readonly procedures: readonly ProcedureRate[];
  readonly received: number;
  readonly nonconformities: {
    readonly opened: number;
    readonly closed: number;
    readonly open: number;
    readonly overdue: number;
    readonly actionsOpen: number;
    readonly actionsClosed: number;
    readonly bySource: readonly (readonly [string, number])[];
  };
  readonly audits: readonly {
    readonly code: string;
    readonly area: string;
    readonly stateLabel: string;
    readonly findings: Readonly<Record<string, number>>;
  }[];
  readonly improvements: readonly string[];
  /** Typed in by the ISO secretary (people, equipment, budget). */
  readonly resources: string;
}

export interface ReviewInput {
  readonly key: ReviewInputKey;
  readonly clause: string;
  readonly title: string;
  readonly lines: readonly string[];
  /** Figures the minutes and tests can rely on (counts, rates in per cent). */
  readonly figures: Readonly<Record<string, number>>;
  readonly hasData: boolean;
}

const pct = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);
const pctText = (n: number, d: number): string =>
  d === 0 ? 'chưa có hồ sơ' : `${pct(n, d).toLocaleString('vi-VN')}%`;

function trend(p: ProcedureRate): string {
  if (p.previousResolved === 0 || p.resolved === 0) return '';
  const diff = pct(p.onTime, p.resolved) - pct(p.previousOnTime, p.previousResolved);
  if (Math.abs(diff) < 0.05) return ' (không đổi so với kỳ trước)';
  const points = Math.abs(Math.round(diff * 10) / 10).toLocaleString('vi-VN');
  return diff > 0
    ? ` (tăng ${points} điểm so với kỳ trước)`
    : ` (giảm ${points} điểm so với kỳ trước)`;
}

function item(
  key: ReviewInputKey,
  lines: readonly string[] | null,
  figures: Record<string, number> = {},
): ReviewInput {
  const [clause, title] = REVIEW_INPUT_TITLES[key];
  const has = lines !== null && lines.length > 0;
  return { key, clause, title, lines: has ? lines : [NO_DATA], figures, hasData: has };
}

/** Every 9.3.2 input, in the standard's order. */
export function assembleReviewInputs(f: Readonly<ReviewFacts>): ReviewInput[] {
  const prev = f.previousActions;
  const closedPrev = prev?.filter((a) => a.closed).length ?? 0;
  const resolved = f.procedures.reduce((s, p) => s + p.resolved, 0);
  const onTime = f.procedures.reduce((s, p) => s + p.onTime, 0);
  const nc = f.nonconformities;
  const findings = (type: string) => f.audits.reduce((s, a) => s + (a.findings[type] ?? 0), 0);
  return [
    item(
      'previous_actions',
      prev === null
        ? ['Đây là lần xem xét đầu tiên: chưa có hành động từ lần trước.']
        : [
            `${closedPrev}/${prev.length} hành động đã hoàn thành.`,
            ...prev.map(
              (a) =>
                `${a.title} — ${a.ownerName || 'chưa giao'}${a.dueDate ? `, hạn ${a.dueDate.split('-').reverse().join('/')}` : ''}: ${a.stateLabel}`,
            ),
          ],
      { total: prev?.length ?? 0, closed: closedPrev },
    ),
    item('context_changes', [...f.documentChanges, ...f.externalChanges], {
      documents: f.documentChanges.length,
      external: f.externalChanges.length,
    }),
    item('satisfaction', f.satisfaction),
    item('objectives', f.objectives),
    item(
      'process_performance',
      f.procedures.length === 0
        ? []
        : [
            `Chung: ${onTime}/${resolved} hồ sơ đúng hạn (${pctText(onTime, resolved)}).`,
            ...[...f.procedures]
              .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
              .map(
                (p) =>
                  `${p.name}: ${p.onTime}/${p.resolved} đúng hạn (${pctText(p.onTime, p.resolved)})${trend(p)}`,
              ),
          ],
      { resolved, onTime, onTimeRate: pct(onTime, resolved) },
    ),
    item(
      'nonconformities',
      nc.opened + nc.open === 0
        ? ['Không có sự không phù hợp nào trong kỳ.']
        : [
            `Phát hiện trong kỳ: ${nc.opened}; đã đóng: ${nc.closed}; đang xử lý: ${nc.open} (quá hạn ${nc.overdue}).`,
            `Hành động khắc phục: ${nc.actionsClosed} đã hoàn thành, ${nc.actionsOpen} đang thực hiện.`,
            ...nc.bySource.map(([label, n]) => `Nguồn ${label.toLowerCase()}: ${n}`),
          ],
      { ...nc, bySource: nc.bySource.length },
    ),
    item(
      'monitoring',
      [
        `Tiếp nhận ${f.received} hồ sơ, giải quyết ${resolved} hồ sơ, đúng hạn ${pctText(onTime, resolved)}.`,
      ],
      { received: f.received, resolved },
    ),
    item(
      'audit_results',
      f.audits.map((a) => {
        const parts = Object.entries(a.findings)
          .filter(([, n]) => n > 0)
          .map(([t, n]) => `${n} ${t.toLowerCase()}`);
        return `${a.code} ${a.area} (${a.stateLabel})${parts.length ? `: ${parts.join(', ')}` : ''}`;
      }),
      {
        audits: f.audits.length,
        majorNc: findings('Không phù hợp nặng'),
        minorNc: findings('Không phù hợp nhẹ'),
      },
    ),
    // Inter-agency procedures and postal services: judged at the meeting, written as a note.
    item('external_providers', null),
    item('resources', f.resources.trim() ? f.resources.split('\n').filter((l) => l.trim()) : null),
    item('risk_actions', f.riskActions),
    item('improvement', f.improvements, { improvements: f.improvements.length }),
  ];
}
