// The first start after the data moved per PC (issue #13 item 6): an older per-user office
// moves into the PC's folder with its backups, scans and keyring; cut anywhere, the next start
// finishes the job; an office already in the PC's folder is never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveLegacyData, STAGING } from '../../electron/main/data-move';
import { tempDir } from '../support/backend';

function legacyOffice(root: string, keyId = 'k1') {
  const dir = path.join(root, 'Roaming', 'ISO Xã', 'data');
  fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'files', 'ab'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'isoxa.sqlite'), Buffer.alloc(70_000, 3));
  fs.writeFileSync(path.join(dir, 'isoxa.sqlite-wal'), Buffer.alloc(9_000, 4));
  fs.writeFileSync(path.join(dir, 'keyring.json'), JSON.stringify({ keyId }));
  fs.writeFileSync(path.join(dir, 'backups', 'auto-2026-12-01.isoxa'), 'backup');
  fs.writeFileSync(path.join(dir, 'files', 'ab', 'abcdef'), 'scan');
  return dir;
}

const machineDir = (root: string) => {
  const dir = path.join(root, 'ProgramData', 'ISO Xa', 'data');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'isoxa.lock'), ''); // the lock is taken first
  return dir;
};

const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(path.join(dir, r)).toString('base64');
    }
  };
  walk('');
  return out;
};

describe('moving an older per-user office into the PC folder', () => {
  it('moves every file, sets the old folder aside with a note, and does it once', () => {
    const root = tempDir('isoxa-move-');
    const legacy = legacyOffice(root);
    const before = tree(legacy);
    const data = machineDir(root);
    expect(moveLegacyData(legacy, data)).toBe('moved');
    const after = tree(data);
    delete after['isoxa.lock'];
    expect(after).toEqual(before);
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.readdirSync(`${legacy}.moved`)).toContain('DA-CHUYEN.txt');
    expect(fs.existsSync(path.join(data, STAGING))).toBe(false);
    expect(moveLegacyData(legacy, data)).toBe('none');
  });

  it('a copy cut halfway is redone; a move cut after its copy is finished', () => {
    const root = tempDir('isoxa-move-');
    const legacy = legacyOffice(root);
    const before = tree(legacy);
    const data = machineDir(root);
    // Cut during the copy: a partial staging folder, nothing marked complete.
    fs.mkdirSync(path.join(data, STAGING, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(data, STAGING, 'isoxa.sqlite'), Buffer.alloc(100, 3));
    expect(moveLegacyData(legacy, data)).toBe('moved');
    const redone = tree(data);
    delete redone['isoxa.lock'];
    expect(redone).toEqual(before);

    // Cut after the copy was marked complete and one entry was renamed into place.
    const root2 = tempDir('isoxa-move-');
    const legacy2 = legacyOffice(root2);
    const data2 = machineDir(root2);
    const staging = path.join(data2, STAGING);
    fs.cpSync(legacy2, staging, { recursive: true });
    fs.writeFileSync(path.join(staging, 'COMPLETE'), 'x');
    fs.renameSync(path.join(staging, 'isoxa.sqlite'), path.join(data2, 'isoxa.sqlite'));
    expect(moveLegacyData(legacy2, data2)).toBe('moved');
    const finished = tree(data2);
    delete finished['isoxa.lock'];
    expect(finished).toEqual(before);
    expect(fs.existsSync(staging)).toBe(false);
    expect(fs.existsSync(legacy2)).toBe(false);
  });

  it('never overwrites an office already in the PC folder; nothing to move is nothing done', () => {
    const root = tempDir('isoxa-move-');
    const legacy = legacyOffice(root, 'other-office');
    const data = machineDir(root);
    fs.writeFileSync(path.join(data, 'isoxa.sqlite'), 'the PC office');
    fs.writeFileSync(path.join(data, 'keyring.json'), JSON.stringify({ keyId: 'pc-office' }));
    expect(moveLegacyData(legacy, data)).toBe('both');
    expect(fs.readFileSync(path.join(data, 'isoxa.sqlite'), 'utf8')).toBe('the PC office');
    expect(fs.existsSync(path.join(legacy, 'isoxa.sqlite'))).toBe(true);
    expect(moveLegacyData(null, data)).toBe('none');
    // Cut after the switch, before the old folder was set aside: the same office, set aside.
    const same = legacyOffice(tempDir('isoxa-move-'), 'pc-office');
    expect(moveLegacyData(same, data)).toBe('moved');
    expect(fs.existsSync(same)).toBe(false);
    expect(fs.readFileSync(path.join(data, 'isoxa.sqlite'), 'utf8')).toBe('the PC office');
    expect(moveLegacyData(path.join(root, 'missing'), data)).toBe('none');
  });
});
