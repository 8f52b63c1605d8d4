// What `npm run dist` needs from its environment before it builds anything: the province
// server's URL (electron-builder.yml writes it into the installed app's app-update.yml as
// ${env.ISOXA_PROVINCE_URL}) and, optionally, the code-signing certificate. Pure: the check
// script prints what this returns and stops on errors.

export const PROVINCE_URL_VAR = 'ISOXA_PROVINCE_URL';

export interface DistCheck {
  /** Why the build must not start (Vietnamese, for the province's IT person). */
  readonly errors: readonly string[];
  /** What the build will be like (unsigned, …), printed before it starts. */
  readonly warnings: readonly string[];
  /** The URL as electron-builder.yml will use it, without a trailing slash. */
  readonly provinceUrl: string | null;
}

const EXAMPLE = `Ví dụ (PowerShell): $env:${PROVINCE_URL_VAR}="https://isoxa.tinh.gov.vn"; npm run dist`;
const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks the variables `npm run dist` reads (process.env, or any map in tests). */
export function checkDistEnv(env: Readonly<Record<string, string | undefined>>): DistCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  let provinceUrl: string | null = null;
  const raw = env[PROVINCE_URL_VAR]?.trim() ?? '';
  if (!raw) {
    errors.push(
      `Chưa đặt biến môi trường ${PROVINCE_URL_VAR}: địa chỉ máy chủ ISO Xã của tỉnh, ghi vào bộ cài để máy xã nhận bản cập nhật. ${EXAMPLE}`,
    );
  } else {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      errors.push(`${PROVINCE_URL_VAR}="${raw}" không phải một địa chỉ web. ${EXAMPLE}`);
    } else if (url.protocol === 'http:' && !LOCAL.has(url.hostname)) {
      errors.push(
        `${PROVINCE_URL_VAR} phải dùng https:// (bản cập nhật đi qua Internet); http:// chỉ dùng để thử trên chính máy này.`,
      );
    } else if (url.search || url.hash || url.username || url.password) {
      errors.push(
        `${PROVINCE_URL_VAR} chỉ ghi địa chỉ máy chủ (không kèm ?, # hay tên đăng nhập). ${EXAMPLE}`,
      );
    } else {
      provinceUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    }
  }
  if (!env['CSC_LINK']?.trim() && !env['WIN_CSC_LINK']?.trim()) {
    warnings.push(
      'Không có chứng thư ký số (CSC_LINK): bộ cài sẽ KHÔNG được ký. Windows SmartScreen sẽ cảnh báo khi cài lần đầu, và bản cập nhật chỉ được kiểm tra bằng SHA-512, không kiểm tra chữ ký nhà phát hành.',
    );
  } else if (!env['CSC_KEY_PASSWORD'] && !env['WIN_CSC_KEY_PASSWORD']) {
    warnings.push('Có CSC_LINK nhưng chưa đặt CSC_KEY_PASSWORD (mật khẩu của tệp .pfx).');
  }
  return { errors, warnings, provinceUrl };
}
