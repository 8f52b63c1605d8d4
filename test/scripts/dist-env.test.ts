// `npm run dist` refuses to build an installer that would not know its province server, and
// says when it will be unsigned (what SmartScreen and the updater's publisher check then do).
import { describe, expect, it } from 'vitest';
import { checkDistEnv, PROVINCE_URL_VAR } from '../../scripts/lib/dist-env';

const signed = { CSC_LINK: 'C:\\certs\\tinh.pfx', CSC_KEY_PASSWORD: 'x' };

describe('npm run dist: its environment', () => {
  it('refuses without the province URL, naming the variable', () => {
    for (const value of [undefined, '', '   ']) {
      const r = checkDistEnv({ ...signed, [PROVINCE_URL_VAR]: value });
      expect(r.provinceUrl).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toContain(PROVINCE_URL_VAR);
    }
  });

  it('refuses what is not an https address of a server', () => {
    for (const value of [
      'isoxa.tinh.gov.vn',
      'ftp://isoxa.tinh.gov.vn',
      'http://isoxa.tinh.gov.vn',
      'https://isoxa.tinh.gov.vn/?x=1',
      'https://user:pw@isoxa.tinh.gov.vn',
    ]) {
      const r = checkDistEnv({ ...signed, [PROVINCE_URL_VAR]: value });
      expect(r.errors, value).toHaveLength(1);
      expect(r.provinceUrl).toBeNull();
    }
  });

  it('takes an https URL (or http on this machine), without its trailing slash', () => {
    expect(checkDistEnv({ ...signed, [PROVINCE_URL_VAR]: ' https://isoxa.tinh.gov.vn/ ' })).toEqual(
      { errors: [], warnings: [], provinceUrl: 'https://isoxa.tinh.gov.vn' },
    );
    expect(
      checkDistEnv({ ...signed, [PROVINCE_URL_VAR]: 'https://tinh.gov.vn/isoxa//' }).provinceUrl,
    ).toBe('https://tinh.gov.vn/isoxa');
    expect(
      checkDistEnv({ ...signed, [PROVINCE_URL_VAR]: 'http://127.0.0.1:8080' }).provinceUrl,
    ).toBe('http://127.0.0.1:8080');
  });

  it('warns that an installer without a certificate is unsigned, or its password missing', () => {
    const url = { [PROVINCE_URL_VAR]: 'https://isoxa.tinh.gov.vn' };
    const unsigned = checkDistEnv(url);
    expect(unsigned.errors).toEqual([]);
    expect(unsigned.warnings.join(' ')).toContain('SmartScreen');
    const noPassword = checkDistEnv({ ...url, CSC_LINK: 'tinh.pfx' });
    expect(noPassword.warnings.join(' ')).toContain('CSC_KEY_PASSWORD');
  });
});
