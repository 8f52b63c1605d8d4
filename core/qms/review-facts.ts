// The facts a management review's inputs are made of (core/qms/review-inputs.ts), as the
// services collect them for the reviewed period (services/qms/review-facts.ts): counts, lists
// and the few labels the wording needs, nothing computed.
import type { FindingType } from './finding';

/** An action (shared kind) as the review reads it: decided at a review, or a risk treatment. */
export interface ActionFact {
  readonly title: string;
  readonly ownerName: string;
  readonly dueDate: string | null;
  /** The action kind's state: open, done, verified, cancelled. */
  readonly state: string;
  readonly stateLabel: string;
}

export interface ProcedureRate {
  readonly code: string;
  readonly name: string;
  readonly resolved: number;
  readonly onTime: number;
  /** The same figure over the period of equal length just before, for the trend. */
  readonly previousResolved: number;
  readonly previousOnTime: number;
}

export interface ObjectiveFact {
  readonly code: string;
  readonly statement: string;
  readonly target: number;
  readonly atMost: boolean;
  readonly unit: string;
  readonly stateLabel: string;
  /** Met (true) or missed (false) by its latest measurement; null when never measured. */
  readonly met: boolean | null;
  readonly last: { readonly value: number | null; readonly label: string } | null;
}

/** What the review reads of the risk register (core/qms/risk.ts). */
export interface RiskFacts {
  /** Live risks (not opportunities) by the level of their current score. */
  readonly live: { readonly low: number; readonly medium: number; readonly high: number };
  /** Risks re-assessed after their treatment during the period: the score before and after. */
  readonly treated: readonly {
    readonly code: string;
    readonly title: string;
    readonly inherent: number;
    readonly residual: number;
  }[];
  /** Opportunities identified during the period. */
  readonly opportunities: readonly {
    readonly code: string;
    readonly title: string;
    readonly stateLabel: string;
  }[];
}

export interface ReviewFacts {
  /** Today: open actions past their due date are overdue. */
  readonly asOf: string;
  /** The period of equal length just before the reviewed one (the trend's base). */
  readonly previousPeriod: { readonly from: string; readonly to: string };
  /** Actions decided at the previous held review; null when there was none. */
  readonly previousActions: readonly ActionFact[] | null;
  /** Revisions of the office's documents that took effect in the period. */
  readonly revisions: readonly {
    readonly code: string;
    readonly title: string;
    readonly issueNo: number;
    readonly effectiveDate: string;
    readonly summary: string;
  }[];
  /** Documents withdrawn in the period. */
  readonly withdrawn: readonly {
    readonly code: string;
    readonly title: string;
    readonly on: string;
  }[];
  /** External documents (laws) that took effect or expired in the period. */
  readonly external: readonly {
    readonly number: string;
    readonly title: string;
    readonly change: 'effective' | 'expired';
    readonly on: string;
  }[];
  readonly ratings: { readonly rated: number; readonly satisfied: number };
  /** QĐ 766/QĐ-TTg: dossiers resolved in the period without complaint, bad rating or delay. */
  readonly qd766: { readonly good: number; readonly resolved: number };
  /** Feedback received in the period and how it was answered. */
  readonly feedback: {
    readonly received: number;
    readonly answered: number;
    readonly onTime: number;
    readonly pending: number;
  };
  readonly objectives: readonly ObjectiveFact[];
  readonly procedures: readonly ProcedureRate[];
  readonly received: number;
  readonly receivedOnline: number;
  readonly nonconformities: {
    readonly opened: number;
    readonly closed: number;
    readonly open: number;
    readonly overdue: number;
    readonly actionsOpen: number;
    readonly actionsDone: number;
    readonly bySource: readonly (readonly [string, number])[];
  };
  readonly audits: readonly {
    readonly code: string;
    readonly area: string;
    readonly date: string | null;
    readonly stateLabel: string;
    readonly findings: Readonly<Partial<Record<FindingType, number>>>;
  }[];
  /** Opportunities for improvement (audit findings), as 'DGNB-2026-01: ...'. */
  readonly improvements: readonly string[];
  /** Risk treatment actions; null while the office's app has no risk register. */
  readonly riskActions: readonly ActionFact[] | null;
  /** The risk register (9.3.2 e, f); null while the office's app has none. */
  readonly risks: RiskFacts | null;
  /** Typed in by the ISO secretary (people, equipment, budget). */
  readonly resources: string;
}
