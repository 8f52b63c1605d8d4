// Holds the office lock of argv[2] as "UBND\tuphap" until killed (office-lock.test.ts).
import { acquireOfficeLock } from '../../../electron/main/office-lock';

const lock = acquireOfficeLock(process.argv[2] ?? '', {
  account: 'UBND\\tuphap',
  pid: process.pid,
  since: Date.now(),
});
console.log(lock.ok ? 'held' : 'busy');
setInterval(() => undefined, 1000);
