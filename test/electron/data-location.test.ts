// Where the office's data lives (issue #13 item 6): one folder per Windows PC in ProgramData,
// shared by its accounts, the per-user folder of older versions to move in; per user elsewhere;
// an explicit folder for tests, support staff and tools.
import { describe, expect, it } from 'vitest';
import { dataLocation, type DataLocationInput } from '../../electron/main/data-location';

const windows: DataLocationInput = {
  platform: 'win32',
  env: { PROGRAMDATA: 'C:\\ProgramData', ALLUSERSPROFILE: 'C:\\ProgramData' },
  userData: 'C:\\Users\\motcua\\AppData\\Roaming\\ISO Xã',
  userDataSwitch: false,
  dataDirSwitch: null,
};

describe('the office data folder', () => {
  it('is the PC’s ProgramData folder on Windows, the old per-user one to move in', () => {
    expect(dataLocation(windows)).toEqual({
      dataDir: 'C:\\ProgramData\\ISO Xa\\data',
      legacyDir: 'C:\\Users\\motcua\\AppData\\Roaming\\ISO Xã\\data',
      shared: true,
      source: 'machine',
    });
  });

  it('is the same for every Windows account of the PC', () => {
    const other = { ...windows, userData: 'C:\\Users\\tuphap\\AppData\\Roaming\\ISO Xã' };
    expect(dataLocation(other).dataDir).toBe(dataLocation(windows).dataDir);
    expect(dataLocation(other).legacyDir).not.toBe(dataLocation(windows).legacyDir);
  });

  it('follows ProgramData where Windows has it, with fallbacks when the variable is missing', () => {
    expect(dataLocation({ ...windows, env: { PROGRAMDATA: 'D:\\PD' } }).dataDir).toBe(
      'D:\\PD\\ISO Xa\\data',
    );
    expect(dataLocation({ ...windows, env: { ALLUSERSPROFILE: 'E:\\All' } }).dataDir).toBe(
      'E:\\All\\ISO Xa\\data',
    );
    expect(dataLocation({ ...windows, env: { SystemDrive: 'F:' } }).dataDir).toBe(
      'F:\\ProgramData\\ISO Xa\\data',
    );
    expect(dataLocation({ ...windows, env: {} }).dataDir).toBe('C:\\ProgramData\\ISO Xa\\data');
  });

  it('stays per user on Linux and macOS (development, support), nothing to move', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(
        dataLocation({ ...windows, platform, env: {}, userData: '/home/an/.config/ISO Xã' }),
      ).toEqual({
        dataDir: '/home/an/.config/ISO Xã/data',
        legacyDir: null,
        shared: false,
        source: 'user',
      });
    }
  });

  it('takes --data-dir, then ISOXA_DATA_DIR, then a --user-data-dir profile, before the PC folder', () => {
    const env = { ...windows.env, ISOXA_DATA_DIR: 'D:\\Thu\\data' };
    expect(dataLocation({ ...windows, env, dataDirSwitch: 'E:\\Ho tro\\data' })).toMatchObject({
      dataDir: 'E:\\Ho tro\\data',
      legacyDir: null,
      shared: false,
      source: 'switch',
    });
    expect(dataLocation({ ...windows, env })).toMatchObject({
      dataDir: 'D:\\Thu\\data',
      source: 'env',
    });
    expect(dataLocation({ ...windows, userDataSwitch: true })).toEqual({
      dataDir: 'C:\\Users\\motcua\\AppData\\Roaming\\ISO Xã\\data',
      legacyDir: null,
      shared: false,
      source: 'profile',
    });
    expect(dataLocation({ ...windows, env: { ISOXA_DATA_DIR: '  ' } }).source).toBe('machine');
  });
});
