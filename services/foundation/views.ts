// Row → contract view mappings shared by the foundation handlers.
import type { OfficeView, UserView } from '../../core/contract/schemas';
import type { office, users } from '../../db/schema';

export function toUserView(row: typeof users.$inferSelect): UserView {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    title: row.title,
    roles: row.roles,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil ? new Date(row.lockedUntil).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function toOfficeView(row: typeof office.$inferSelect): OfficeView {
  return {
    id: row.id,
    name: row.name,
    agencyCode: row.agencyCode,
    province: row.province,
    commune: row.commune,
    address: row.address,
    sessionTimeoutMinutes: row.sessionTimeoutMinutes,
    backupKeep: row.backupKeep,
    demo: row.demo,
  };
}
