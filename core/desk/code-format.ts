// Dossier codes from a configurable template. Default: agency code–yymmdd–sequence, e.g.
// 000.00.12.H56-261123-0007. The sequence restarts per day, month, year or never, depending
// on the date tokens the template uses; codes are never reused.

export const DEFAULT_CODE_FORMAT = '{agency}-{yy}{mm}{dd}-{seq:4}';
const TOKEN_RE = /\{(agency|yyyy|yy|mm|dd|seq(?::(\d))?)\}/g;

export interface CodeParts {
  readonly agency: string;
  /** Civil date of receipt, YYYY-MM-DD (Vietnam time). */
  readonly date: string;
  readonly seq: number;
}

/** Returns a Vietnamese error, or null when the template is usable. */
export function checkCodeFormat(template: string): string | null {
  if (template.length > 80) return 'Mẫu mã hồ sơ quá dài';
  if (!template.includes('{seq')) return 'Mẫu mã hồ sơ phải có {seq} (số thứ tự)';
  const rest = template.replace(TOKEN_RE, '');
  if (/[{}]/.test(rest)) return 'Mẫu mã hồ sơ có ký hiệu không hợp lệ';
  if (!/^[A-Za-z0-9.\-_/]*$/.test(rest)) return 'Mẫu mã hồ sơ chỉ dùng chữ, số và các dấu . - _ /';
  return null;
}

/** The counter a code's sequence belongs to, e.g. 'code:20261123' for a per-day template. */
export function sequenceScope(template: string, date: string): string {
  const [y, m, d] = date.split('-');
  if (template.includes('{dd}')) return `code:${y}${m}${d}`;
  if (template.includes('{mm}')) return `code:${y}${m}`;
  if (template.includes('{yy}') || template.includes('{yyyy}')) return `code:${y}`;
  return 'code:all';
}

export function formatCode(template: string, parts: CodeParts): string {
  const [y = '', m = '', d = ''] = parts.date.split('-');
  return template.replace(TOKEN_RE, (_all, token: string, width?: string) => {
    switch (token) {
      case 'agency':
        return parts.agency;
      case 'yyyy':
        return y;
      case 'yy':
        return y.slice(2);
      case 'mm':
        return m;
      case 'dd':
        return d;
      default:
        return String(parts.seq).padStart(Number(width ?? 4), '0');
    }
  });
}
