import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/main/paths';

describe('appPaths', () => {
  it('uses the repository layout in development', () => {
    const repo = path.resolve('/home/dev/isoxa');
    const p = appPaths({
      isPackaged: false,
      mainDir: path.join(repo, 'dist', 'electron'),
      resourcesPath: '/ignored',
    });
    expect(p).toEqual({
      preloadPath: path.join(repo, 'dist', 'electron', 'preload.cjs'),
      rendererDir: path.join(repo, 'dist', 'renderer'),
      migrationsDir: path.join(repo, 'db', 'migrations'),
      resourcesDir: path.join(repo, 'resources'),
      fontsDir: path.join(repo, 'resources', 'fonts'),
    });
  });

  it('reads code from the asar and data from resourcesPath when installed', () => {
    const res = path.resolve('/opt/ISO Xã/resources');
    const p = appPaths({
      isPackaged: true,
      mainDir: path.join(res, 'app.asar', 'dist', 'electron'),
      resourcesPath: res,
    });
    expect(p).toEqual({
      preloadPath: path.join(res, 'app.asar', 'dist', 'electron', 'preload.cjs'),
      rendererDir: path.join(res, 'app.asar', 'dist', 'renderer'),
      migrationsDir: path.join(res, 'db', 'migrations'),
      resourcesDir: path.join(res, 'resources'),
      fontsDir: path.join(res, 'resources', 'fonts'),
    });
  });
});
