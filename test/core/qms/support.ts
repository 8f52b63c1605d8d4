// Builders for pure transition tests: a record of any kind and actors by role.
import type { Role } from '../../../core/auth/roles';
import type { Actor, QmsRecord } from '../../../core/qms';

export const TODAY = '2026-03-10';

export function actor(id: string, ...roles: Role[]): Actor {
  return { id, name: `Người ${id}`, roles };
}

export function record<D>(kind: string, state: string, data: D, over: Partial<QmsRecord> = {}) {
  return {
    id: 'r1',
    kind,
    state,
    code: 'QT-01',
    title: 'Tiêu đề',
    parentId: null,
    ownerId: null,
    dueDate: null,
    sourceKind: null,
    sourceId: null,
    fileSha256: null,
    data,
    rev: 1,
    createdBy: null,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  } as QmsRecord<D>;
}
