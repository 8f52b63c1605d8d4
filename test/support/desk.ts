// Desk test helpers: a demo office (one user per role) with a settable clock, and a
// ready-made receive input.
import { v7 as uuidv7 } from 'uuid';
import type { OpInput, OpOutput } from '../../core/contract';
import { DEMO_PASSWORD, DEMO_USERS } from '../../services/foundation/setup';
import type { AppOptions } from '../../services/platform';
import { startTestApp, type TestApp } from './backend';

/** Vietnam wall-clock time as a UTC instant. */
export function vn(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+07:00`);
}

export type DeskApp = TestApp & { users: Record<string, string>; relogin: () => Promise<void> };

/** A demo office with every demo user logged in under their username as session key. */
export async function startDemoDesk(
  at = vn('2026-11-23', '15:30'),
  options: Partial<AppOptions> = {},
  setup: OpInput<'setup.demo'> = {},
): Promise<DeskApp> {
  const app = await startTestApp(options);
  app.clock.now = at;
  await app.ok('setup')('setup.demo', setup);
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

const ROLE_USER: Record<string, string> = {
  desk_officer: 'motcua',
  specialist: 'tuphap',
  leader: 'chutich',
  records_clerk: 'vanthu',
};

type Detail = OpOutput<'dossiers.get'>;

/** Hands the dossier on step by step (each holder to a user of the next role) until it is ready. */
export async function forwardAllSteps(app: DeskApp, d: Detail, stepMinutes = 20): Promise<Detail> {
  let cur = d;
  while (cur.nextStep) {
    const holder = ROLE_USER[cur.steps.at(-1)!.role] ?? '';
    const next = ROLE_USER[cur.nextStep.role] ?? '';
    app.clock.now += stepMinutes * 60_000;
    cur = await app.ok(holder)('dossiers.forward', {
      id: cur.dossier.id,
      expectedStep: cur.dossier.currentStep,
      toUserId: app.users[next] ?? '',
      note: '',
    });
  }
  return cur;
}

/** A same-day birth registration received on 23/11/2026 and returned two days late. */
export async function returnedLateDossier(app: DeskApp): Promise<Detail> {
  app.clock.now = vn('2026-11-23', '09:00');
  await app.relogin();
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(pid, app.users['tuphap'] ?? ''),
  );
  app.clock.now = vn('2026-11-25', '09:00');
  await app.relogin();
  const ready = await forwardAllSteps(app, d);
  return app.ok('motcua')('dossiers.return', {
    id: d.dossier.id,
    expectedStep: ready.dossier.currentStep,
    note: '',
  });
}
