// How records look to the screens: the shared columns, labels of kind and state, the owner's
// name, and the transitions the caller may apply now.
import { inArray } from 'drizzle-orm';
import type { RecordView } from '../../core/contract/qms';
import { availableTransitions, type Actor, type QmsRecord } from '../../core/qms';
import type { Db, Tx } from '../../db/open';
import { users } from '../../db/schema';
import { requireKind } from './records';

export function userNames(db: Db | Tx, ids: readonly (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (!wanted.length) return new Map();
  const rows = db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, wanted))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function recordViews(
  db: Db | Tx,
  records: readonly QmsRecord[],
  actor: Actor,
  today: string,
): RecordView[] {
  const names = userNames(
    db,
    records.map((r) => r.ownerId),
  );
  return records.map((record) => {
    const kind = requireKind(record.kind);
    return {
      id: record.id,
      kind: record.kind,
      kindLabel: kind.label,
      state: record.state,
      stateLabel: kind.stateLabels[record.state] ?? record.state,
      code: record.code,
      title: record.title,
      parentId: record.parentId,
      ownerId: record.ownerId,
      ownerName: record.ownerId ? (names.get(record.ownerId) ?? null) : null,
      dueDate: record.dueDate,
      sourceKind: record.sourceKind,
      sourceId: record.sourceId,
      fileSha256: record.fileSha256,
      data: record.data,
      rev: record.rev,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      transitions: availableTransitions(kind, { record, actor, today }).map((name) => {
        const t = kind.transitions[name];
        return { name, label: t?.label ?? name, requires: [...(t?.requires ?? [])] };
      }),
    };
  });
}

export function recordView(
  db: Db | Tx,
  record: QmsRecord,
  actor: Actor,
  today: string,
): RecordView {
  const [view] = recordViews(db, [record], actor, today);
  if (!view) throw new Error('no view');
  return view;
}
