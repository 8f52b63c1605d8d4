// What a transition does to other records or tables, keyed 'kind.transition'. Most
// transitions have none; those that do run inside the transition's own transaction, and a
// kind's rules that look at other records throw from here (nothing is written then).
// AFTER_COMMIT runs once that transaction has committed (files on disk, never data rows).
import type { QmsRecord } from '../../core/qms';
import type { Ctx } from '../context';
import { ANNOUNCEMENT_EFFECTS } from './announcements';
import { AUDIT_EFFECTS } from './audits';
import { afterDecide, decideEffect } from './disposal';
import { DOCUMENT_EFFECTS } from './document-effects';
import { NONCONFORMITY_EFFECTS, nonconformityFollowUp } from './nonconformity';
import type { Effect } from './records';
import { REVIEW_EFFECTS } from './reviews';
import { RISK_EFFECTS } from './risks';
import { YEARLY_REPORT_EFFECTS } from './yearly-reports';

/** What a change of one of its actions means for the record the action follows up, by kind. */
const FOLLOW_UPS: Readonly<Record<string, Effect>> = {
  nonconformity: nonconformityFollowUp,
};

const followUp: Effect = (e) => {
  const hook = e.after.sourceKind ? FOLLOW_UPS[e.after.sourceKind] : undefined;
  hook?.(e);
};

export const EFFECTS: Readonly<Record<string, Effect>> = {
  ...NONCONFORMITY_EFFECTS,
  ...DOCUMENT_EFFECTS,
  ...AUDIT_EFFECTS,
  ...REVIEW_EFFECTS,
  ...RISK_EFFECTS,
  ...ANNOUNCEMENT_EFFECTS,
  ...YEARLY_REPORT_EFFECTS,
  'action.complete': followUp,
  'action.cancel': followUp,
  'disposal.decide': decideEffect,
};

export const AFTER_COMMIT: Readonly<
  Record<string, (ctx: Ctx, record: QmsRecord) => Promise<void>>
> = {
  'disposal.decide': afterDecide,
};
