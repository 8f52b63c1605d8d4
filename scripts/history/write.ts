// Writes a generated dossier's rows as the desk would have: the dossier, its steps, its
// events, and the audit row of each action, linked into the office's audit hash chain.
import { GENESIS_HASH } from '../../core/audit/chain';
import { computeFee } from '../../core/catalog/fees';
import { uuid7, type Rng } from '../../core/demo/rng';
import { formSetFor } from '../../core/forms/registry';
import { auditLog, dossierEvents, dossierSteps, dossiers } from '../../db/schema';
import { AUDIT_COUNTER, chainHash } from '../../services/security/audit-chain';
import { inserter, type Sqlite } from './bulk';
import type { Lived } from './life';
import { EARLIEST_FORM_SET } from './office';
import { RATED_RETURN, ratingWriter } from './ratings';

export interface WriteStats {
  dossiers: number;
  steps: number;
  events: number;
  auditRows: number;
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  ratings: number;
  firstReceivedAt: number | null;
  lastReceivedAt: number | null;
}

export function dossierWriter(
  sqlite: Sqlite,
  rng: Rng,
  nextCounter: (scope: string) => number,
  withAudit: boolean,
  stats: WriteStats,
  firstYear: number,
) {
  const ratings = ratingWriter(sqlite, rng, firstYear);
  const insertDossier = inserter(sqlite, dossiers, [
    'id',
    'code',
    'requestKey',
    'procedureId',
    'procedureVersionId',
    'formSet',
    'applicantName',
    'applicantNameFolded',
    'applicantIdKind',
    'applicantIdNumber',
    'applicantAddress',
    'applicantPhone',
    'applicantEmail',
    'documents',
    'sets',
    'feeVnd',
    'channel',
    'status',
    'currentStep',
    'receivedAt',
    'receivedBy',
    'dueAt',
    'originalDueAt',
    'extended',
    'pausedAt',
    'resolvedAt',
    'returnedAt',
    'outcome',
    'bookYear',
    'bookLine',
    'note',
    'updatedAt',
  ]);
  const insertStep = inserter(sqlite, dossierSteps, [
    'id',
    'dossierId',
    'stepNo',
    'stepName',
    'role',
    'assigneeId',
    'fromUserId',
    'startedAt',
    'dueAt',
    'finishedAt',
    'outcome',
    'note',
  ]);
  const insertEvent = inserter(sqlite, dossierEvents, [
    'id',
    'dossierId',
    'at',
    'userId',
    'kind',
    'data',
  ]);
  const insertAudit = inserter(sqlite, auditLog, [
    'id',
    'at',
    'actorId',
    'actorName',
    'operation',
    'entity',
    'entityId',
    'summary',
    'seq',
    'prevHash',
    'hash',
  ]);
  // Generated rows join the office's audit hash chain after the rows the app wrote.
  let auditHead =
    (sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as
      string | undefined) ?? GENESIS_HASH;
  const bump = (map: Record<string, number>, key: string) => {
    map[key] = (map[key] ?? 0) + 1;
  };
  return (lived: Lived): void => {
    const { id, code, bookLine, year, date, receivedAt, proc, v, body, person, receiver } = lived;
    const { steps, keepSteps, keepEvents, status, currentStep, resolvedAt, returned } = lived;
    const { finalOutcome, pausedAt, dueAt, originalDueAt, extended } = lived;
    const kept = steps.slice(0, keepSteps);
    const rated = status === 'returned' && returned !== null && ratings.rated(year);
    keepEvents.sort((a, b) => a.at - b.at);
    const updatedAt = keepEvents.reduce((m, e) => Math.max(m, e.at), receivedAt);
    const idKind = year < 2021 && rng.chance(0.45) ? 'cmnd' : 'cccd';
    const fee = computeFee(body, { pages: rng.int(1, 12), copies: rng.int(1, 4) }).totalVnd;
    const formSet = formSetFor(date) ?? EARLIEST_FORM_SET;
    const channelRoll = rng.next();
    const onlineShare = 0.02 + 0.2 * Math.max(0, Math.min(1, (year - 2016) / 10));
    insertDossier({
      id,
      code,
      requestKey: uuid7(receivedAt, rng),
      procedureId: proc.id,
      procedureVersionId: v.id,
      formSet: formSet?.id ?? 'tt03-2025',
      applicantName: person.name,
      applicantNameFolded: person.folded,
      applicantIdKind: idKind,
      applicantIdNumber: idKind === 'cmnd' ? person.cmnd : person.cccd,
      applicantAddress: person.address,
      applicantPhone: person.phone,
      applicantEmail: person.email,
      documents: rng.chance(0.3) ? v.docsAll : v.docsRequired,
      sets: rng.chance(0.05) ? 2 : 1,
      feeVnd: fee,
      channel:
        channelRoll < onlineShare
          ? 'online'
          : channelRoll < onlineShare + 0.02
            ? 'postal'
            : 'direct',
      status,
      currentStep,
      receivedAt,
      receivedBy: receiver.id,
      dueAt,
      originalDueAt,
      extended: extended ? 1 : 0,
      pausedAt,
      resolvedAt,
      returnedAt: returned,
      outcome: finalOutcome,
      bookYear: year,
      bookLine,
      note: '',
      updatedAt,
    });
    for (const s of kept) {
      insertStep({
        id: uuid7(s.startedAt, rng),
        dossierId: id,
        stepNo: s.no,
        stepName: s.name,
        role: s.role,
        assigneeId: s.assignee.id,
        fromUserId: s.from?.id ?? null,
        startedAt: s.startedAt,
        dueAt: s.dueAt,
        finishedAt: s.finishedAt,
        outcome: s.outcome,
        note: '',
      });
    }
    for (const e of keepEvents) {
      insertEvent({
        id: uuid7(e.at, rng),
        dossierId: id,
        at: e.at,
        userId: e.user.id,
        kind: e.kind,
        data: JSON.stringify(e.data),
      });
      if (withAudit && e.audit) {
        const row = {
          id: uuid7(e.at, rng),
          seq: nextCounter(AUDIT_COUNTER),
          at: e.at,
          actorId: e.user.id,
          actorName: e.user.fullName,
          operation: e.audit.operation,
          entity: 'dossier',
          entityId: id,
          summary: rated && e.kind === 'returned' ? `${code}: ${RATED_RETURN}` : e.audit.summary,
          prevHash: auditHead,
        };
        auditHead = chainHash(row);
        insertAudit({ ...row, hash: auditHead });
        stats.auditRows++;
      }
    }
    const returnEvent = rated ? keepEvents.find((e) => e.kind === 'returned') : undefined;
    if (returnEvent && returned !== null) {
      ratings.write({
        dossierId: id,
        code,
        returnedAt: returned,
        outcome: finalOutcome,
        year,
        by: returnEvent.user,
      });
      stats.ratings++;
    }
    stats.dossiers++;
    stats.steps += kept.length;
    stats.events += keepEvents.length;
    bump(stats.byStatus, status);
    if (finalOutcome) bump(stats.byOutcome, finalOutcome);
    stats.firstReceivedAt ??= receivedAt;
    stats.lastReceivedAt = receivedAt;
  };
}
