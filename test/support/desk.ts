// Desk test helpers: a demo office (one user per role) with a settable clock, and a
// ready-made receive input.
import { v7 as uuidv7 } from 'uuid';
import type { OpInput } from '../../core/contract';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/foundation/setup';
import { startTestApp, type TestApp } from './backend';

/** Vietnam wall-clock time as a UTC instant. */
export function vn(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+07:00`);
}

export type DeskApp = TestApp & { users: Record<string, string>; relogin: () => Promise<void> };

/** A demo office with every demo user logged in under their username as session key. */
export async function startDemoDesk(at = vn('2026-11-23', '15:30')): Promise<DeskApp> {
  const app = await startTestApp();
  app.clock.now = at;
  await app.ok('setup')('setup.demo', {});
  const users: Record<string, string> = {};
  const relogin = async () => {
    for (const u of DEMO_USERS) {
      const s = await app.ok(u.username)('auth.login', {
        username: u.username,
        password: DEMO_PASSWORD,
      });
      users[u.username] = s.user.id;
    }
  };
  await relogin();
  const office = await app.ok('admin')('office.get', {});
  const { name, agencyCode, province, commune, address } = office;
  await app.ok('admin')('office.update', {
    name,
    agencyCode,
    province,
    commune,
    address,
    sessionTimeoutMinutes: 240,
    backupKeep: office.backupKeep,
  });
  return Object.assign(app, { users, relogin });
}

export async function procedureId(app: TestApp, code: string): Promise<string> {
  const list = await app.ok('motcua')('catalog.list', {});
  const p = list.find((x) => x.code === code);
  if (!p) throw new Error(`no procedure ${code}`);
  return p.id;
}

export function receiveInput(
  procedure: string,
  assigneeId: string,
  over: Partial<OpInput<'dossiers.receive'>> = {},
): OpInput<'dossiers.receive'> {
  return {
    requestKey: uuidv7(),
    procedureId: procedure,
    applicant: {
      fullName: 'Nguyễn Văn Đức',
      idKind: 'cccd',
      idNumber: '001099012345',
      address: 'Thôn Đông, xã Tân Lập',
      phone: '0912345678',
      email: '',
    },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }],
    sets: 1,
    feeVnd: 0,
    channel: 'direct',
    assigneeId,
    note: '',
    ...over,
  };
}
