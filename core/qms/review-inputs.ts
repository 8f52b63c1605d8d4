// The management review's inputs (ISO 9001:2015 9.3.2), assembled from facts the services
// collect for the period (services/qms/review-facts.ts). Pure: every item is present whatever
// data there is; an item whose source has no data yet says "Chưa có dữ liệu" instead of
// disappearing, so the minutes show what was and was not reviewed. The wording and the figures
// are made here, so the screen, the minutes and the tests read the same numbers.
import { formatDecimal, formatIsoDate } from '../forms/format';
import { FINDING_TYPE_LABELS, FINDING_TYPES, type FindingType } from './finding';
import type { ActionFact, ProcedureRate, ReviewFacts } from './review-facts';
import { levelLabel, riskLevel } from './risk-scale';

export type { ActionFact, ObjectiveFact, ProcedureRate, ReviewFacts } from './review-facts';

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

export interface ReviewInput {
  readonly key: ReviewInputKey;
  readonly clause: string;
  readonly title: string;
  readonly lines: readonly string[];
  /** Figures the minutes and tests can rely on (counts, rates in per cent). */
  readonly figures: Readonly<Record<string, number>>;
  readonly hasData: boolean;
}

/** Per cent to one decimal; 0 over an empty denominator (the wording says so). */
export const pct = (n: number, d: number): number =>
  d === 0 ? 0 : Math.round((n / d) * 1000) / 10;
const num = (x: number): string => formatDecimal(x);
const pctText = (n: number, d: number): string => `${num(pct(n, d))} %`;
const date = (d: string | null): string => (d ? formatIsoDate(d) : '');
const DONE_STATES = ['done', 'verified'];

/** The trend of one procedure's on-time rate against the previous period of equal length. */
export function trendText(p: Readonly<ProcedureRate>): string {
  if (p.resolved === 0)
    return p.previousResolved === 0
      ? 'chưa có hồ sơ giải quyết'
      : `trong kỳ chưa có hồ sơ giải quyết (kỳ trước ${pctText(p.previousOnTime, p.previousResolved)})`;
  if (p.previousResolved === 0) return 'kỳ trước chưa có hồ sơ để so sánh';
  const diff =
    Math.round((p.onTime / p.resolved - p.previousOnTime / p.previousResolved) * 1000) / 10;
  if (diff === 0) return 'không đổi so với kỳ trước';
  return `${diff > 0 ? 'tăng' : 'giảm'} ${num(Math.abs(diff))} điểm phần trăm so với kỳ trước (${pctText(p.previousOnTime, p.previousResolved)})`;
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

function actionLine(a: Readonly<ActionFact>, asOf: string): string {
  const late = a.state === 'open' && a.dueDate !== null && a.dueDate < asOf;
  const due = a.dueDate ? `, hạn ${date(a.dueDate)}` : '';
  return `${a.title} — ${a.ownerName || 'chưa giao'}${due}: ${a.stateLabel}${late ? ' (quá hạn)' : ''}`;
}

function actionFigures(actions: readonly ActionFact[], asOf: string) {
  const open = actions.filter((a) => a.state === 'open');
  return {
    total: actions.length,
    done: actions.filter((a) => DONE_STATES.includes(a.state)).length,
    verified: actions.filter((a) => a.state === 'verified').length,
    open: open.length,
    overdue: open.filter((a) => a.dueDate !== null && a.dueDate < asOf).length,
  };
}

function actionsItem(
  key: ReviewInputKey,
  actions: readonly ActionFact[] | null,
  asOf: string,
  first: string | null,
): ReviewInput {
  if (actions === null) return item(key, first === null ? null : [first], { total: 0 });
  const f = actionFigures(actions, asOf);
  if (f.total === 0) return item(key, first === null ? null : [first], f);
  return item(
    key,
    [
      `${f.done}/${f.total} hành động đã thực hiện (${f.verified} đã kiểm tra hiệu lực); đang thực hiện ${f.open}${f.overdue ? `, quá hạn ${f.overdue}` : ''}.`,
      ...actions.map((a) => actionLine(a, asOf)),
    ],
    f,
  );
}

function contextItem(f: Readonly<ReviewFacts>): ReviewInput {
  const lines = [
    ...f.revisions.map(
      (r) =>
        `${r.code} ${r.title}: ban hành lần ${r.issueNo}, hiệu lực từ ${date(r.effectiveDate)}${r.summary ? ` — ${r.summary}` : ''}`,
    ),
    ...f.withdrawn.map((d) => `${d.code} ${d.title}: hủy bỏ ngày ${date(d.on)}`),
    ...f.external.map(
      (e) =>
        `Văn bản ${e.number} ${e.title}: ${e.change === 'effective' ? 'có hiệu lực từ' : 'hết hiệu lực từ'} ${date(e.on)}`,
    ),
  ];
  return item('context_changes', lines, {
    revisions: f.revisions.length,
    withdrawn: f.withdrawn.length,
    external: f.external.length,
  });
}

function satisfactionItem(f: Readonly<ReviewFacts>): ReviewInput {
  const { ratings: r, qd766: q, feedback: fb } = f;
  const lines: string[] = [];
  if (r.rated > 0)
    lines.push(
      `Người dân đánh giá ${num(r.rated)} hồ sơ: ${num(r.satisfied)} hài lòng (${pctText(r.satisfied, r.rated)}), ${num(r.rated - r.satisfied)} không hài lòng.`,
    );
  if (q.resolved > 0)
    lines.push(
      `Tỷ lệ hài lòng theo QĐ 766/QĐ-TTg: ${pctText(q.good, q.resolved)} (${num(q.good)}/${num(q.resolved)} hồ sơ không trễ hạn, không bị phản ánh hay đánh giá không hài lòng).`,
    );
  if (fb.received > 0)
    lines.push(
      `Phản ánh, kiến nghị: tiếp nhận ${num(fb.received)}, đã trả lời ${num(fb.answered)} (đúng hạn ${num(fb.onTime)}, trễ hạn ${num(fb.answered - fb.onTime)}), đang xử lý ${num(fb.pending)}.`,
    );
  return item('satisfaction', lines, {
    rated: r.rated,
    satisfied: r.satisfied,
    satisfactionRate: pct(r.satisfied, r.rated),
    qd766Rate: pct(q.good, q.resolved),
    feedback: fb.received,
    feedbackOnTime: fb.onTime,
    feedbackPending: fb.pending,
  });
}

function objectivesItem(f: Readonly<ReviewFacts>): ReviewInput {
  const met = f.objectives.filter((o) => o.met === true).length;
  const missed = f.objectives.filter((o) => o.met === false).length;
  const lines = f.objectives.map((o) => {
    const target = `chỉ tiêu ${o.atMost ? '≤' : '≥'} ${num(o.target)} ${o.unit}`;
    const last =
      o.last === null
        ? 'chưa đo lường'
        : `kết quả ${o.last.label}: ${o.last.value === null ? 'chưa có số liệu' : `${num(o.last.value)} ${o.unit}`}`;
    const verdict = o.met === null ? '' : o.met ? ' — đạt' : ' — không đạt';
    return `${o.code} ${o.statement} (${target}; ${last})${verdict}; ${o.stateLabel.toLowerCase()}`;
  });
  return item(
    'objectives',
    lines.length ? [`${met}/${lines.length} mục tiêu đạt, ${missed} không đạt.`, ...lines] : [],
    { total: lines.length, met, missed, unmeasured: lines.length - met - missed },
  );
}

function performanceItem(f: Readonly<ReviewFacts>): ReviewInput {
  const resolved = f.procedures.reduce((s, p) => s + p.resolved, 0);
  const onTime = f.procedures.reduce((s, p) => s + p.onTime, 0);
  const prevResolved = f.procedures.reduce((s, p) => s + p.previousResolved, 0);
  const prevOnTime = f.procedures.reduce((s, p) => s + p.previousOnTime, 0);
  const shown = f.procedures.filter((p) => p.resolved + p.previousResolved > 0);
  const overall: ProcedureRate = {
    code: '',
    name: 'Chung',
    resolved,
    onTime,
    previousResolved: prevResolved,
    previousOnTime: prevOnTime,
  };
  const rate = (p: ProcedureRate) =>
    p.resolved === 0
      ? ''
      : `${num(p.onTime)}/${num(p.resolved)} đúng hạn (${pctText(p.onTime, p.resolved)}), `;
  return item(
    'process_performance',
    shown.length === 0
      ? []
      : [
          `Chung: ${rate(overall)}${trendText(overall)}. Kỳ trước: từ ${date(f.previousPeriod.from)} đến ${date(f.previousPeriod.to)}.`,
          ...[...shown]
            .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
            .map((p) => `${p.code} ${p.name}: ${rate(p)}${trendText(p)}`),
        ],
    {
      resolved,
      onTime,
      onTimeRate: pct(onTime, resolved),
      previousOnTimeRate: pct(prevOnTime, prevResolved),
      procedures: shown.length,
    },
  );
}

function nonconformityItem(f: Readonly<ReviewFacts>): ReviewInput {
  const nc = f.nonconformities;
  const none = nc.opened + nc.open + nc.closed === 0;
  return item(
    'nonconformities',
    none
      ? ['Không phát sinh sự không phù hợp trong kỳ; không còn sự không phù hợp nào đang xử lý.']
      : [
          `Phát sinh trong kỳ: ${nc.opened}; đóng trong kỳ: ${nc.closed}; đang xử lý: ${nc.open} (quá hạn ${nc.overdue}).`,
          `Hành động khắc phục: ${nc.actionsDone} đã thực hiện, ${nc.actionsOpen} đang thực hiện.`,
          ...nc.bySource.map(([label, n]) => `Nguồn ${label.toLowerCase()}: ${n}`),
        ],
    {
      opened: nc.opened,
      closed: nc.closed,
      open: nc.open,
      overdue: nc.overdue,
      actionsOpen: nc.actionsOpen,
      actionsDone: nc.actionsDone,
    },
  );
}

function monitoringItem(f: Readonly<ReviewFacts>): ReviewInput {
  const resolved = f.procedures.reduce((s, p) => s + p.resolved, 0);
  const onTime = f.procedures.reduce((s, p) => s + p.onTime, 0);
  const empty = f.received === 0 && resolved === 0;
  return item(
    'monitoring',
    empty
      ? []
      : [
          `Tiếp nhận ${num(f.received)} hồ sơ (trực tuyến ${num(f.receivedOnline)}, ${pctText(f.receivedOnline, f.received)}); ${resolved ? `giải quyết ${num(resolved)} hồ sơ, đúng hạn ${pctText(onTime, resolved)}` : 'chưa có hồ sơ được giải quyết xong'}.`,
        ],
    { received: f.received, receivedOnline: f.receivedOnline, resolved },
  );
}

function auditItem(f: Readonly<ReviewFacts>): ReviewInput {
  const total = (t: FindingType) => f.audits.reduce((s, a) => s + (a.findings[t] ?? 0), 0);
  const lines = f.audits.map((a) => {
    const parts = FINDING_TYPES.filter((t) => (a.findings[t] ?? 0) > 0).map(
      (t) => `${a.findings[t] ?? 0} ${FINDING_TYPE_LABELS[t].toLowerCase()}`,
    );
    const when = a.date ? `, ngày ${date(a.date)}` : '';
    return `${a.code} ${a.area}${when} (${a.stateLabel.toLowerCase()}): ${parts.length ? parts.join(', ') : 'chưa có phát hiện'}`;
  });
  return item('audit_results', lines, {
    audits: f.audits.length,
    majorNc: total('major_nc'),
    minorNc: total('minor_nc'),
    observations: total('observation'),
    ofi: total('ofi'),
  });
}

const scoreText = (score: number) => `${score} (${levelLabel(riskLevel(score)).toLowerCase()})`;

/** 9.3.2 e: the register's levels now, each treatment's effect on its score, the actions. */
function riskItem(f: Readonly<ReviewFacts>): ReviewInput {
  const actions = actionsItem('risk_actions', f.riskActions, f.asOf, null);
  if (f.risks === null) return actions;
  const { low, medium, high } = f.risks.live;
  const effective = f.risks.treated.filter((t) => t.residual < t.inherent).length;
  const lines = [
    `Rủi ro đang theo dõi: ${low + medium + high} (mức cao ${high}, trung bình ${medium}, thấp ${low}).`,
    ...(f.risks.treated.length
      ? [
          `Đánh giá lại sau xử lý trong kỳ: ${f.risks.treated.length} rủi ro, ${effective} giảm được mức điểm.`,
        ]
      : []),
    ...f.risks.treated.map(
      (t) =>
        `${t.code} ${t.title}: điểm ${scoreText(t.inherent)} → ${scoreText(t.residual)} sau xử lý — ${t.residual < t.inherent ? 'có hiệu lực' : 'chưa có hiệu lực'}`,
    ),
    ...(actions.hasData ? actions.lines : []),
  ];
  return item('risk_actions', lines, {
    ...actions.figures,
    liveHigh: high,
    liveMedium: medium,
    liveLow: low,
    treated: f.risks.treated.length,
    effective,
  });
}

function improvementItem(f: Readonly<ReviewFacts>): ReviewInput {
  const opportunities = (f.risks?.opportunities ?? []).map(
    (o) => `Cơ hội ${o.code}: ${o.title} (${o.stateLabel.toLowerCase()})`,
  );
  return item('improvement', [...f.improvements, ...opportunities], {
    improvements: f.improvements.length,
    opportunities: opportunities.length,
  });
}

/** Every 9.3.2 input, in the standard's order. */
export function assembleReviewInputs(f: Readonly<ReviewFacts>): ReviewInput[] {
  return [
    actionsItem(
      'previous_actions',
      f.previousActions,
      f.asOf,
      f.previousActions === null
        ? 'Đây là lần xem xét đầu tiên: chưa có hành động từ lần xem xét trước.'
        : 'Lần xem xét trước không đề ra hành động nào.',
    ),
    contextItem(f),
    satisfactionItem(f),
    objectivesItem(f),
    performanceItem(f),
    nonconformityItem(f),
    monitoringItem(f),
    auditItem(f),
    // Inter-agency procedures and postal services: judged at the meeting, written as a note.
    item('external_providers', null),
    item('resources', f.resources.trim() ? f.resources.split('\n').filter((l) => l.trim()) : null),
    riskItem(f),
    improvementItem(f),
  ];
}
