// The province demo with several offices in different states (issue #10 item 7): against a
// running provincial server, creates offices as the province administrator would, then for
// each one lives a demo office through the app's own backend (setup.demo with months of
// history, exactly what `--demo` gives a PC), enrolls it with the office's code and syncs it.
// Each office is left in its own state, so the dashboard's quality-system table and ranking
// have something to compare:
//   - Tân Lập: the lived-in year as the demo makes it (announcement, objectives, review, draft report);
//   - Hòa Bình: the same, and its yearly report completed, approved and sent;
//   - Sơn Vi: a new scope drafted (a clause exclusion changed), so a new announcement is due;
//   - Hạ Hòa: enrolled with no history yet (a PC just installed).
// Usage, on a new demo province (each run enrolls new PCs, and a second PC of an office with
// a history of its own would show as a second device and a rewritten audit trail):
//   npx tsx server/main.ts --memory        # or a fresh --data-dir
//   npm run demo:province -- [--server http://127.0.0.1:8787] [--user tinh]
//        [--password demo1234] [--dir .data/demo-offices]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { civilDateOf } from '../core/calendar/civil-time';
import type { OpInput, OpName, OpOutput } from '../core/contract';
import { enrollmentCodeResponse } from '../core/sync/admin';
import { openBackend } from '../services/app';
import type { AppBackend } from '../services/platform';
import { syncEngineFor } from '../services/sync/engine';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8787' },
    user: { type: 'string', default: 'tinh' },
    password: { type: 'string', default: 'demo1234' },
    dir: { type: 'string', default: '.data/demo-offices' },
  },
});
const server = values.server.replace(/\/$/, '');
const version = (
  JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { version: string }
).version;

type Shape = 'lived' | 'sent' | 'scope_changed' | 'new';
const OFFICES: readonly { agencyCode: string; name: string; shape: Shape }[] = [
  { agencyCode: '000.00.12.H56', name: 'UBND xã Tân Lập', shape: 'lived' },
  { agencyCode: '000.00.22.H56', name: 'UBND xã Hòa Bình', shape: 'sent' },
  { agencyCode: '000.00.23.H56', name: 'UBND xã Sơn Vi', shape: 'scope_changed' },
  { agencyCode: '000.00.24.H56', name: 'UBND xã Hạ Hòa', shape: 'new' },
];

async function provinceLogin(): Promise<string> {
  const login = () =>
    fetch(`${server}/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: values.user, password: values.password }),
    });
  // The server may still be starting (migrations): wait up to a minute for it.
  let r: Response | null = null;
  for (let i = 0; i < 30 && !r; i++)
    r = await login().catch(() => new Promise<null>((ok) => setTimeout(() => ok(null), 2_000)));
  if (!r) throw new Error(`Không kết nối được máy chủ tỉnh ${server}.`);
  if (!r.ok) throw new Error(`Không đăng nhập được máy chủ tỉnh (${r.status}).`);
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('Máy chủ tỉnh không trả phiên đăng nhập.');
  return cookie;
}

async function officeCode(cookie: string, agencyCode: string, name: string): Promise<string> {
  const post = (url: string, body?: unknown) =>
    fetch(`${server}${url}`, {
      method: 'POST',
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  let r = await post('/v1/admin/offices', { agencyCode, name });
  if (r.status === 409) {
    // Already there (a second run): a new code for it.
    const list = z
      .object({ offices: z.array(z.object({ id: z.string(), agencyCode: z.string() })) })
      .parse(await (await fetch(`${server}/v1/admin/offices`, { headers: { cookie } })).json());
    const id = list.offices.find((o) => o.agencyCode === agencyCode)?.id;
    if (!id) throw new Error(`Không tìm thấy ${name} trên máy chủ tỉnh.`);
    r = await post(`/v1/admin/offices/${id}/enrollment-code`);
  }
  if (!r.ok) throw new Error(`Không tạo được ${name} (${r.status}): ${await r.text()}`);
  return enrollmentCodeResponse.parse(await r.json()).code;
}

function caller(backend: AppBackend, session: string) {
  return async <N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> => {
    const r = await backend.call(session, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as OpOutput<N>;
  };
}

async function liveOffice(o: (typeof OFFICES)[number], code: string): Promise<string> {
  const dataDir = path.resolve(values.dir, o.agencyCode);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const backend = await openBackend({
    dataDir,
    platform: { kind: 'browser', appVersion: version },
  });
  try {
    await caller(backend, 'setup')('setup.demo', {
      history: o.shape !== 'new',
      commune: { name: o.name.replace(/^UBND xã /, ''), agencyCode: o.agencyCode },
    });
    const as = (username: string) => {
      const session = `demo-${username}`;
      return {
        login: () => caller(backend, session)('auth.login', { username, password: 'demo1234' }),
        call: caller(backend, session),
      };
    };
    const admin = as('admin');
    await admin.login();
    const first = await admin.call('sync.enroll', { serverUrl: server, code });
    if (first.status === 'office_mismatch')
      await admin.call('sync.enroll', {
        serverUrl: server,
        code,
        adoptAgencyCode: first.officeAgencyCode,
      });
    const thuky = as('thuky');
    const chutich = as('chutich');
    if (o.shape === 'sent') {
      await thuky.login();
      await chutich.login();
      const year = Number(civilDateOf(Date.now()).slice(0, 4));
      const report = (await thuky.call('yearly.list', {})).reports.find(
        (r) => r.data['year'] === year,
      );
      if (!report) throw new Error('Cơ quan mẫu chưa có báo cáo năm.');
      const typed = await thuky.call('yearly.saveTexts', {
        id: report.id,
        rev: report.rev,
        texts: {
          assessment: 'Hệ thống được duy trì, cải tiến theo kết quả đánh giá nội bộ.',
          difficulties: 'Thiếu máy quét tại Bộ phận Một cửa.',
          proposals: 'Đề nghị Sở tổ chức tập huấn chuyên gia đánh giá nội bộ.',
          plan: 'Rà soát toàn bộ quy trình trong quý I năm sau.',
        },
      });
      const step = async (who: typeof thuky, transition: string, rev: number) =>
        who.call('qms.transition', { id: report.id, transition, rev });
      const submitted = await step(thuky, 'submit', typed.rev);
      const approved = await step(chutich, 'approve', submitted.rev);
      await step(thuky, 'send', approved.rev);
    }
    if (o.shape === 'scope_changed') {
      await thuky.login();
      await thuky.call('announcements.draft', { notApplicable: [] });
    }
    // Twice: the first sync also sends the office's audit trail and state, queued as it starts,
    // and the second reports an empty queue. A busy server sheds load (503): try again as the
    // app's background sync would.
    for (const round of [1, 2])
      for (let attempt = 1; ; attempt++) {
        const run = await syncEngineFor(dataDir).run();
        if (run.ok) break;
        if (attempt === 8)
          throw new Error(`Đồng bộ ${o.name} không thành công (lần ${round}): ${run.error}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt));
      }
    return dataDir;
  } finally {
    backend.close();
  }
}

async function main(): Promise<void> {
  const cookie = await provinceLogin();
  for (const o of OFFICES) {
    const t0 = performance.now();
    const code = await officeCode(cookie, o.agencyCode, o.name);
    const dir = await liveOffice(o, code);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`${o.name} (${o.agencyCode}): đã đồng bộ lên tỉnh sau ${s} giây; dữ liệu ở ${dir}`);
  }
  console.log(`Mở bảng điều khiển của tỉnh: ${server} (tài khoản ${values.user}).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
