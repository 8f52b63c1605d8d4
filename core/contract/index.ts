// The app contract: every operation the UI can ask for. Add an operation here, implement
// its handler in services/, and use it from the UI through the typed client.
import type { z } from 'zod';
import { announcementOps } from './announcements';
import { yearlyReportOps } from './yearly-reports';
import { attachmentOps } from './attachments';
import { auditPackOps } from './audit-pack';
import { internalAuditOps } from './audits';
import { defineContract } from './define';
import { calendarOps, catalogOps, deskSettingsOps, reportOps } from './desk';
import { dossierOps } from './dossiers';
import { auditOps, authOps, backupOps, officeOps, setupOps, userOps } from './foundation';
import { nonconformityOps } from './nonconformity';
import { qmsOps } from './qms';
import { recordsControlOps } from './records-control';
import { objectiveOps } from './objectives';
import { satisfactionOps } from './satisfaction';
import { modelDocumentOps } from './model-documents';
import { documentOps } from './qms-documents';
import { reviewOps } from './reviews';
import { riskOps } from './risks';
import { surveyOps } from './surveys';
import { syncOps } from './sync';

export const contract = defineContract(
  setupOps,
  authOps,
  userOps,
  officeOps,
  backupOps,
  auditOps,
  catalogOps,
  calendarOps,
  deskSettingsOps,
  dossierOps,
  attachmentOps,
  reportOps,
  syncOps,
  qmsOps,
  nonconformityOps,
  recordsControlOps,
  modelDocumentOps,
  documentOps,
  internalAuditOps,
  auditPackOps,
  satisfactionOps,
  objectiveOps,
  reviewOps,
  riskOps,
  announcementOps,
  yearlyReportOps,
  surveyOps,
);

export type Contract = typeof contract;
export type OpName = Extract<keyof Contract, string>;
export type OpInput<N extends OpName> = z.input<Contract[N]['input']>;
export type OpParsed<N extends OpName> = z.output<Contract[N]['input']>;
export type OpOutput<N extends OpName> = z.output<Contract[N]['output']>;

export const OP_NAMES = Object.keys(contract) as OpName[];

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export { type Access, type OpDef } from './define';
