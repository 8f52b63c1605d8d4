// The province's side of a disposal decision: when an office pushes a dossier its leader's
// decision erased (disposedAt set), the province erases its own copy too, in the same
// transaction as the op — the personal fields of every op and snapshot of that dossier, the
// notes of its steps and events, its scans' names, and the scans' bytes themselves unless a
// live row of the office still refers to the same file. Figures (dates, statuses, outcomes)
// are untouched, so the dashboard counts the same.
import { sql } from 'drizzle-orm';
import { ERASED_DOSSIER_FIELDS, ERASED_FILE_NAME } from '../../core/qms/disposal';
import type { Op } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { entities, files, ops } from '../database/schema/index';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Ids of the erased dossiers among a batch's accepted ops. */
export const erasedDossierIds = (accepted: readonly { op: Op; row: Record<string, unknown> }[]) => [
  ...new Set(
    accepted
      .filter((a) => a.op.entity === 'dossier' && typeof a.row.disposedAt === 'number')
      .map((a) => a.op.entityId),
  ),
];

/** Erases the province's copy of the dossiers `ids` of `officeId` (ops, snapshots, files). */
export const eraseDossiers = async (
  tx: Tx,
  officeId: string,
  ids: readonly string[],
  now: number,
): Promise<void> => {
  if (ids.length === 0) return;
  const idList = sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  const personal = JSON.stringify(ERASED_DOSSIER_FIELDS);
  const erasedScan = JSON.stringify({ fileName: ERASED_FILE_NAME, erasedAt: now });
  for (const table of [ops, entities]) {
    const office = sql`${table.officeId} = ${officeId}::uuid`;
    const ofDossier = sql`${table.row} ->> 'dossierId' in ${idList}`;
    await tx.execute(sql`update ${table} set row = row || ${personal}::jsonb
      where ${office} and ${table.entity} = 'dossier' and ${table.entityId} in ${idList}`);
    await tx.execute(sql`update ${table} set row = row || '{"note": ""}'::jsonb
      where ${office} and ${table.entity} = 'dossier_step' and ${ofDossier}`);
    await tx.execute(sql`update ${table} set row = row #- '{data,note}' #- '{data,reason}'
      where ${office} and ${table.entity} = 'dossier_event' and ${ofDossier}`);
    await tx.execute(sql`update ${table} set row = row || ${erasedScan}::jsonb
      where ${office} and ${table.entity} = 'attachment' and ${ofDossier}`);
  }
  // The scans no live attachment or quality-system record of the office still refers to.
  await tx.execute(sql`delete from ${files}
    where ${files.officeId} = ${officeId}::uuid
      and ${files.sha256} in (
        select row ->> 'sha256' from ${entities}
        where ${entities.officeId} = ${officeId}::uuid and ${entities.entity} = 'attachment'
          and row ->> 'dossierId' in ${idList})
      and not exists (
        select 1 from ${entities} live
        where live.office_id = ${officeId}::uuid
          and ((live.entity = 'attachment' and live.row ->> 'sha256' = ${files.sha256}
                and live.row ->> 'erasedAt' is null)
            or (live.entity = 'qms_record' and live.row ->> 'fileSha256' = ${files.sha256})))`);
};
