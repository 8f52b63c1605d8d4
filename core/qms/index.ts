/**
 * The quality system's records (QMS.md "One mechanism, many records").
 *
 * Every record kind is DATA: a RecordKind (core/qms/kind.ts) with its zod schema for the
 * kind's own fields, its states, and its transitions (roles allowed, fields required, extra
 * rules as pure predicates, the patch it applies), the inbox lines it produces, and the screen
 * that opens a record. Every kind is stored in the same table (qms_records: shared indexed
 * columns + `data` JSON), every change goes through the one transition handler
 * (services/qms/transition.ts: rule check, row, history line, audit row, outbox op, in one
 * transaction), syncs as the one entity `qms_record` and comes back with restore.
 *
 * To add a kind (a nonconformity, a risk, an objective, an audit...):
 *  1. core/qms/<kind>.ts: export a RecordKind (copy action.ts: states, stateLabels, initial,
 *     createRoles, data schema, transitions, inbox, link) and add it to QMS_KINDS below.
 *     Shared rules are in rules.ts (notSigner, notOwner, ownerOr, dateNotPast, signature).
 *  2. A test in test/core/qms/ for each transition, allowed and refused.
 *  3. Services only for what is kind-specific: creating one (createRecord in
 *     services/qms/records.ts does history, audit and outbox), its queries, and any effect a
 *     transition has on other records (services/qms/effects.ts: keyed 'kind.transition').
 *     Follow-up work is an `action` record with sourceKind/sourceId pointing at yours.
 *  4. Screens in renderer/src/screens/qms/<kind>/, calling qms.transition for every move;
 *     seed data in resources/qms/.
 * No migration, no sync entity, no restore code, no inbox code: those are generic.
 */
import { actionKind } from './action';
import { announcementKind } from './announcement';
import { auditKind } from './audit';
import { disposalKind } from './disposal';
import { documentKind } from './document';
import { evidenceKind } from './evidence';
import { findingKind } from './finding';
import { feedbackKind } from './feedback';
import type { RecordKind } from './kind';
import { nonconformityKind } from './nonconformity';
import { measurementKind, objectiveKind } from './objective';
import { ratingKind } from './rating';
import { recordListKind } from './record-list';
import { reviewKind } from './review';
import { riskKind } from './risk';
import { surveyKind, surveyResponseKind } from './survey';
import { revisionKind } from './revision';
import { yearlyReportKind } from './yearly-report';

export const QMS_KINDS = {
  action: actionKind,
  document: documentKind,
  nonconformity: nonconformityKind,
  revision: revisionKind,
  record_list: recordListKind,
  disposal: disposalKind,
  audit: auditKind,
  finding: findingKind,
  evidence: evidenceKind,
  rating: ratingKind,
  feedback: feedbackKind,
  objective: objectiveKind,
  measurement: measurementKind,
  review: reviewKind,
  risk: riskKind,
  announcement: announcementKind,
  yearly_report: yearlyReportKind,
  survey: surveyKind,
  survey_response: surveyResponseKind,
} as const;

export type QmsKindName = keyof typeof QMS_KINDS;
export const QMS_KIND_NAMES = Object.keys(QMS_KINDS) as QmsKindName[];

export function isQmsKind(name: string): name is QmsKindName {
  return Object.prototype.hasOwnProperty.call(QMS_KINDS, name);
}

/** The kind definition, typed loosely for the generic services. */
export function kindOf(name: string): RecordKind<string, Record<string, unknown>> | undefined {
  return isQmsKind(name)
    ? (QMS_KINDS[name] as unknown as RecordKind<string, Record<string, unknown>>)
    : undefined;
}

export * from './kind';
export type { QmsRecord, Signature } from './record';
