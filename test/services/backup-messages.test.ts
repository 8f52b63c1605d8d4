// A backup file that is not there is "not found", never "damaged", and no message carries
// Node's error text or an internal path.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase, startSetUpApp, tempDir, type TestApp } from '../support/backend';

let app: TestApp | undefined;
afterEach(() => app?.close());

describe('backup messages', () => {
  it('says a missing restore file was not found and changes nothing', async () => {
    app = await startSetUpApp();
    const before = dumpDatabase(app.backend);
    const missing = path.join(tempDir(), 'khong-co.sqlite');
    const r = await app.backend.call('admin', 'backup.restore', { path: missing });
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_FOUND' } });
    if (r.ok) return;
    expect(r.error.message).toContain('Không tìm thấy tệp sao lưu');
    expect(r.error.message).not.toMatch(/hỏng|ENOENT|copyfile|\//);
    expect(r.error.details).toBeUndefined();
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('says why a copy could not be saved, in Vietnamese, without Node text or paths', async () => {
    app = await startSetUpApp();
    const target = path.join(tempDir(), 'khong-co-thu-muc', 'ban-sao.sqlite');
    const r = await app.backend.call('admin', 'backup.saveAs', { path: target });
    expect(r).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } });
    if (r.ok) return;
    const text = [r.error.message, ...(r.error.details ?? [])].join(' ');
    expect(text).toContain('Thư mục đã chọn không còn tồn tại');
    expect(text).not.toMatch(/ENOENT|Error|\//);
  });
});
