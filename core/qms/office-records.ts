// One office's quality-system records as the province sees them (the read-only drill-down
// from the province table): the synced rows arranged into the screen's sections, each sorted
// as the office's own registers sort them (codes and names in Vietnamese order, newest first
// for dated records), with what the province looks at computed here: a document's revision in
// force and whether its periodic review is overdue, an objective's measurements, a
// nonconformity overdue, a risk's level, an audit's findings. Pure.
import { viCollator } from '../text/fold';
import type { OfficeRecordView } from '../sync/admin-qms-records';
import { NC_OPEN_STATES } from './nonconformity';
import { riskScore, riskLevel, type RiskLevel } from './risk-scale';

type R = OfficeRecordView;

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const byText = (a: string, b: string) => viCollator.compare(a, b);
/** Newest first by a civil date ('' last). */
const newest = (a: string, b: string) =>
  a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? 1 : -1;

export interface DocumentLine {
  readonly record: R;
  readonly revision: R | null;
  readonly issueNo: number | null;
  readonly effectiveDate: string | null;
  /** The next periodic review (the row's due date); null for external documents. */
  readonly nextReview: string | null;
  readonly reviewOverdue: boolean;
}

export interface ObjectiveLine {
  readonly record: R;
  readonly year: number | null;
  /** Recorded measurements, oldest period first. */
  readonly measurements: readonly R[];
}

export interface NonconformityLine {
  readonly record: R;
  readonly deadline: string | null;
  readonly open: boolean;
  readonly overdue: boolean;
}

export interface RiskLine {
  readonly record: R;
  /** The score now: the residual one once re-assessed after treatment. */
  readonly score: number | null;
  readonly level: RiskLevel | null;
}

export interface AuditLine {
  readonly record: R;
  readonly date: string | null;
  /** Its findings that are not cancelled, by clause. */
  readonly findings: readonly R[];
}

export interface OfficeRecordSections {
  readonly documents: readonly DocumentLine[];
  readonly objectives: readonly ObjectiveLine[];
  readonly nonconformities: readonly NonconformityLine[];
  readonly risks: readonly RiskLine[];
  readonly audits: readonly AuditLine[];
  readonly reviews: readonly R[];
  readonly announcements: readonly R[];
  readonly yearlyReports: readonly R[];
}

const OPEN_NC: readonly string[] = NC_OPEN_STATES;
const OPEN_RISK = ['identified', 'treating', 'monitored'];

export function officeRecordSections(records: readonly R[], today: string): OfficeRecordSections {
  const of = (kind: string) => records.filter((r) => r.kind === kind);
  const children = new Map<string, R[]>();
  for (const r of records) {
    const parent = r.kind === 'finding' ? s(r.data.auditId) || r.parentId : r.parentId;
    if (!parent) continue;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const kids = (id: string, kind: string, state: (st: string) => boolean) =>
    (children.get(id) ?? []).filter((c) => c.kind === kind && state(c.state));

  const documents = of('document')
    .filter((d) => d.state === 'active')
    .map((d): DocumentLine => {
      const revision = kids(d.id, 'revision', (st) => st === 'effective')[0] ?? null;
      const external = d.data.docType === 'external';
      const nextReview = external ? null : d.dueDate;
      return {
        record: d,
        revision,
        issueNo: revision ? n(revision.data.issueNo) : null,
        effectiveDate: revision ? s(revision.data.effectiveDate) || null : null,
        nextReview,
        reviewOverdue: nextReview !== null && nextReview < today,
      };
    })
    .sort((a, b) => byText(a.record.code, b.record.code) || byText(a.record.title, b.record.title));

  const objectives = of('objective')
    .map((o): ObjectiveLine => ({
      record: o,
      year: n(o.data.year),
      measurements: kids(o.id, 'measurement', (st) => st === 'recorded').sort((a, b) =>
        s(a.data.to).localeCompare(s(b.data.to)),
      ),
    }))
    .sort(
      (a, b) =>
        (b.year ?? 0) - (a.year ?? 0) ||
        byText(s(a.record.data.statement), s(b.record.data.statement)),
    );

  const nonconformities = of('nonconformity')
    .map((r): NonconformityLine => {
      const deadline = s(r.data.deadline) || r.dueDate;
      const open = OPEN_NC.includes(r.state);
      return { record: r, deadline, open, overdue: open && deadline !== null && deadline < today };
    })
    // Open ones first, the most overdue on top; closed ones after, newest first.
    .sort((a, b) =>
      a.open !== b.open
        ? a.open
          ? -1
          : 1
        : a.open
          ? s(a.deadline).localeCompare(s(b.deadline))
          : newest(s(a.record.data.detectedOn), s(b.record.data.detectedOn)),
    );

  const risks = of('risk')
    .map((r): RiskLine => {
      const l = n(r.data.residualLikelihood) ?? null;
      const i = n(r.data.residualImpact) ?? null;
      const score =
        l !== null && i !== null
          ? riskScore(l, i)
          : n(r.data.likelihood) !== null && n(r.data.impact) !== null
            ? riskScore(n(r.data.likelihood) ?? 0, n(r.data.impact) ?? 0)
            : null;
      return { record: r, score, level: score === null ? null : riskLevel(score) };
    })
    .sort(
      (a, b) =>
        Number(OPEN_RISK.includes(b.record.state)) - Number(OPEN_RISK.includes(a.record.state)) ||
        (b.score ?? 0) - (a.score ?? 0) ||
        byText(s(a.record.data.description), s(b.record.data.description)),
    );

  const audits = of('audit')
    .map((a): AuditLine => ({
      record: a,
      date: s(a.data.date) || null,
      findings: kids(a.id, 'finding', (st) => st !== 'cancelled').sort((x, y) =>
        s(x.data.clause).localeCompare(s(y.data.clause), 'en', { numeric: true }),
      ),
    }))
    .sort(
      (a, b) =>
        (n(b.record.data.year) ?? 0) - (n(a.record.data.year) ?? 0) ||
        newest(s(a.date), s(b.date)) ||
        byText(s(a.record.data.area), s(b.record.data.area)),
    );

  return {
    documents,
    objectives,
    nonconformities,
    risks,
    audits,
    reviews: of('review').sort((a, b) => newest(s(a.data.date), s(b.data.date))),
    announcements: of('announcement').sort(
      (a, b) => newest(s(a.data.signedOn), s(b.data.signedOn)) || b.updatedAt - a.updatedAt,
    ),
    yearlyReports: of('yearly_report').sort(
      (a, b) => (n(b.data.year) ?? 0) - (n(a.data.year) ?? 0),
    ),
  };
}
