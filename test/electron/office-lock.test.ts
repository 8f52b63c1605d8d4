// One process at a time on the PC's office data, across Windows accounts (issue #13 item 6):
// the lock is the OS's, so a second process is refused with the holder's account named, and
// the lock goes with the process, even when it is killed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireOfficeLock, lockedMessage } from '../../electron/main/office-lock';
import { tempDir } from '../support/backend';

const me = { account: 'UBND\\motcua', pid: process.pid, since: Date.now() };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Another process holding the lock, resolved once it says so. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'lock-child.ts'), dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const said = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (b: Buffer) => resolve(b.toString().trim()));
    child.once('exit', (code) => reject(new Error(`lock child exited ${code}`)));
  });
  expect(said).toBe('held');
  return child;
}

describe('the office lock', () => {
  it('refuses a second process, naming the account that holds it, until that one is killed', async () => {
    const dir = tempDir('isoxa-lock-');
    const child = await holder(dir);
    const refused = acquireOfficeLock(dir, me);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.heldBy).toMatchObject({ account: 'UBND\\tuphap', pid: child.pid });
    const message = lockedMessage(refused.heldBy, me.account);
    expect(message).toContain('tài khoản Windows "UBND\\tuphap"');

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL'); // no clean-up runs: the OS drops the lock
    await exited;
    const mine = acquireOfficeLock(dir, me);
    expect(mine.ok).toBe(true);
    if (mine.ok) mine.release();
  }, 60_000);

  it('is taken again after a release, and names no one it does not know', () => {
    const dir = tempDir('isoxa-lock-');
    const first = acquireOfficeLock(dir, me);
    expect(first.ok).toBe(true);
    if (first.ok) first.release();
    const again = acquireOfficeLock(dir, me);
    expect(again.ok).toBe(true);
    if (again.ok) again.release();
    expect(lockedMessage(null, me.account)).toContain('một tài khoản Windows khác');
  });
});
