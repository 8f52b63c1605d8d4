// Internal audit (đánh giá nội bộ, ISO 9.2; QMS.md record 5): one record per audit of the
// yearly programme (area and month), its plan (scope, criteria, date, lead auditor, auditors,
// auditees, the procedures audited), its checklist by clause, its dossier sample and its
// report. Findings are their own kind (finding.ts). Auditor independence needs the users'
// roles and the procedures' owners, so its pure check is here and services feed it.
import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../auth/roles';
import { isCivilDate } from '../calendar/civil-time';
import { checklistItem, type ChecklistItem } from './audit-checklist';
import { forbid, invalid, type RecordKind, type Rule } from './kind';
import { signature } from './rules';

export const AUDIT_STATES = [
  'planned',
  'approved',
  'in_progress',
  'reported',
  'cancelled',
] as const;
export type AuditState = (typeof AUDIT_STATES)[number];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);

/** One dossier of the sample, with the facts the app knows and what the auditor checks. */
export const sampleItem = z.object({
  dossierId: z.string(),
  code: z.string(),
  procedureName: z.string(),
  receivedAt: z.number(),
  dueAt: z.number(),
  returnedAt: z.number().nullable(),
  /** 'early' | 'on_time' | 'late' once resolved, else null. */
  outcome: z.string().nullable(),
  steps: z.int().min(0),
  lateSteps: z.int().min(0),
  /** The auditor's checks: null = not checked yet. */
  receivedOk: z.boolean().nullable().default(null),
  stepsOk: z.boolean().nullable().default(null),
  formsOk: z.boolean().nullable().default(null),
  note: z.string().max(2000).default(''),
});
export type SampleItem = z.infer<typeof sampleItem>;

export const SAMPLE_CHECKS = {
  receivedOk: 'Tiếp nhận đúng quy định (đủ thành phần, Mẫu 01, hẹn trả đúng)',
  stepsOk: 'Các bước xử lý đúng thời gian của quy trình',
  formsOk: 'Biểu mẫu, phiếu kiểm soát (Mẫu 06), sổ theo dõi ghi đầy đủ',
} as const;
export type SampleCheck = keyof typeof SAMPLE_CHECKS;

export const auditData = z.object({
  year: z.int().min(2000).max(2100),
  /** The programme's month (1–12). */
  month: z.int().min(1, 'Tháng không hợp lệ').max(12, 'Tháng không hợp lệ'),
  /** Lĩnh vực / quá trình được đánh giá, as the programme names it. */
  area: z.string().trim().min(1, 'Phải nhập lĩnh vực được đánh giá').max(300),
  scope: z.string().max(2000).default(''),
  criteria: z.string().max(2000).default(''),
  date: civil('Ngày đánh giá').nullable().default(null),
  leadAuditorId: z.string().nullable().default(null),
  auditorIds: z.array(z.string()).max(10).default([]),
  auditeeIds: z.array(z.string()).max(20).default([]),
  /** The procedure documents audited (their owners and step roles make the area). */
  documentIds: z.array(z.string()).max(100).default([]),
  checklist: z.array(checklistItem).max(300).default([]),
  sample: z.array(sampleItem).max(100).default([]),
  sampleFrom: civil('Ngày bắt đầu kỳ lấy mẫu').nullable().default(null),
  sampleTo: civil('Ngày kết thúc kỳ lấy mẫu').nullable().default(null),
  conclusion: z.string().max(8000).default(''),
  approved: signatureSchema.nullable().default(null),
  reported: signatureSchema.nullable().default(null),
  cancelReason: z.string().max(4000).default(''),
});
export type AuditData = z.infer<typeof auditData>;

/** What the plan still lacks before the leader can approve it (Vietnamese), or []. */
export function planGaps(d: Readonly<AuditData>): string[] {
  const gaps: string[] = [];
  if (!d.date) gaps.push('ngày đánh giá');
  if (!d.leadAuditorId) gaps.push('trưởng đoàn đánh giá');
  if (d.auditeeIds.length === 0) gaps.push('người được đánh giá');
  if (d.scope.trim() === '') gaps.push('phạm vi đánh giá');
  if (d.checklist.length === 0) gaps.push('danh mục câu hỏi');
  return gaps;
}

/** Everyone on the audit team: the lead auditor first. */
export function teamOf(d: Readonly<AuditData>): string[] {
  return [...new Set([...(d.leadAuditorId ? [d.leadAuditorId] : []), ...d.auditorIds])];
}

/** A procedure in the audited area and the roles that work in it (owner, step holders). */
export interface AreaProcedure {
  readonly code: string;
  readonly title: string;
  readonly roles: readonly Role[];
}
export interface TeamMember {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** Roles that are not a working area: being an auditor or the IT admin is no conflict. */
const NOT_AN_AREA: readonly Role[] = ['internal_auditor', 'admin'];

/**
 * ISO 9.2.2 c): an auditor never audits the area they work in. A person works in a
 * procedure's area when one of their roles owns its document or holds one of its steps.
 * Returns the first conflict as a Vietnamese sentence, or null.
 */
export function independenceConflict(
  team: readonly TeamMember[],
  area: readonly AreaProcedure[],
): string | null {
  for (const person of team) {
    for (const p of area) {
      const role = person.roles.find((r) => !NOT_AN_AREA.includes(r) && p.roles.includes(r));
      if (role)
        return (
          `${person.name} (${ROLE_LABELS[role]}) làm việc trong quy trình được đánh giá ` +
          `${p.code} ${p.title}: đánh giá viên không được đánh giá lĩnh vực mình làm việc.`
        );
    }
  }
  return null;
}

/**
 * `n` distinct items drawn at random from `pool` (partial Fisher–Yates), in pool order.
 * `random` returns [0, 1); injected so tests are reproducible.
 */
export function drawSample<T>(pool: readonly T[], n: number, random: () => number): T[] {
  const idx = pool.map((_, i) => i);
  const take = Math.min(Math.max(0, Math.floor(n)), pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    const swap = idx[i] ?? 0;
    idx[i] = idx[j] ?? 0;
    idx[j] = swap;
  }
  return idx
    .slice(0, take)
    .sort((a, b) => a - b)
    .map((i) => pool[i]);
}

const MANAGERS = ['leader', 'iso_coordinator'] as const;

const planComplete: Rule<AuditData> = (c) => {
  const gaps = planGaps(c.record.data);
  return gaps.length ? invalid(`Kế hoạch đánh giá còn thiếu: ${gaps.join(', ')}.`) : null;
};
const onTeam: Rule<AuditData> = (c) =>
  c.actor.id !== null && teamOf(c.record.data).includes(c.actor.id)
    ? null
    : forbid('Chỉ đánh giá viên trong đoàn đánh giá mới thực hiện được việc này.');
const isLead: Rule<AuditData> = (c) =>
  c.actor.id !== null && c.record.data.leadAuditorId === c.actor.id
    ? null
    : forbid('Chỉ trưởng đoàn đánh giá mới lập được báo cáo đánh giá.');
const checklistDone: Rule<AuditData> = (c) => {
  const left = c.record.data.checklist.filter((i) => i.result === null).length;
  return left > 0 ? invalid(`Còn ${left} câu hỏi trong danh mục kiểm tra chưa đánh giá.`) : null;
};

export const auditKind: RecordKind<AuditState, AuditData> = {
  kind: 'audit',
  label: 'Cuộc đánh giá nội bộ',
  states: AUDIT_STATES,
  stateLabels: {
    planned: 'Đang lập kế hoạch',
    approved: 'Kế hoạch đã duyệt',
    in_progress: 'Đang đánh giá',
    reported: 'Đã có báo cáo',
    cancelled: 'Đã hủy',
  },
  initial: 'planned',
  createRoles: [...MANAGERS],
  data: auditData,
  transitions: {
    approve: {
      label: 'phê duyệt kế hoạch đánh giá',
      from: ['planned'],
      to: 'approved',
      roles: ['leader'],
      rules: [planComplete],
      apply: (c) => ({ data: { approved: signature(c) } }),
    },
    start: {
      label: 'bắt đầu đánh giá',
      from: ['approved'],
      to: 'in_progress',
      roles: 'any',
      rules: [onTeam],
    },
    report: {
      label: 'lập báo cáo đánh giá',
      from: ['in_progress'],
      to: 'reported',
      roles: 'any',
      requires: ['comment'],
      rules: [isLead, checklistDone],
      apply: (c) => ({
        data: { conclusion: c.input.comment ?? '', reported: signature(c) },
        dueDate: null,
      }),
    },
    cancel: {
      label: 'hủy cuộc đánh giá',
      from: ['planned', 'approved'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  inbox: [
    {
      state: 'planned',
      task: 'Phê duyệt kế hoạch đánh giá nội bộ',
      who: ['leader'],
      when: (r) => planGaps(r.data).length === 0,
    },
  ],
  link: (r) => `/qms/audits/${r.id}`,
};

export type { ChecklistItem };
