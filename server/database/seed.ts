// The demo province of a zero-setup start: one province user and one office, with a fresh
// enrollment code printed at every start (codes are stored hashed, so an old one cannot be
// shown again).
import { eq } from 'drizzle-orm';
import type { EnrollmentCodeResponse } from '../../core/sync/admin';
import { createOffice, issueEnrollmentCode } from '../province/offices';
import { createProvinceUser } from '../province/users';
import type { Db } from './connect';
import { offices, provinceUsers } from './schema/index';

export const DEMO = {
  username: 'tinh',
  password: 'demo1234',
  displayName: 'Cán bộ Sở Khoa học và Công nghệ (demo)',
  officeName: 'UBND xã Tân Lập',
  agencyCode: '000.00.12.H56',
} as const;

export const ensureDemo = async (db: Db, now: number): Promise<EnrollmentCodeResponse> => {
  const [user] = await db
    .select({ id: provinceUsers.id })
    .from(provinceUsers)
    .where(eq(provinceUsers.username, DEMO.username));
  const userId = user?.id ?? (await createProvinceUser(db, DEMO, now));
  const [office] = await db
    .select({ id: offices.id })
    .from(offices)
    .where(eq(offices.agencyCode, DEMO.agencyCode));
  return office
    ? issueEnrollmentCode(db, office.id, userId, now)
    : createOffice(db, { agencyCode: DEMO.agencyCode, name: DEMO.officeName }, userId, now);
};
