// Reading the four sheets of a catalog workbook into drafts that remember the Excel row of
// every value, so validation can point at the cell to fix.
import {
  CHANNELS,
  STEP_ROLE_LABELS,
  type Channel,
  type TimeUnit,
} from '../../../core/catalog/schema';
import { fold } from '../../../core/text/fold';
import {
  asText,
  CHANNEL_LABELS,
  type DOCUMENT_COLUMNS,
  type FEE_COLUMNS,
  FEE_KIND_LABELS,
  NO,
  optionalText,
  parseChannel,
  parseCivilDate,
  parseClock,
  parseFeeKind,
  parseRole,
  type PROCEDURE_COLUMNS,
  readKey,
  SHEETS,
  type STEP_COLUMNS,
  UNIT_LABELS,
  YES,
  type KeysOf,
  type RowReader,
  type SheetData,
} from './cells';

export interface Located {
  readonly row: number;
  readonly value: Record<string, unknown>;
}
export interface FeeDraft extends Located {
  readonly tiers: Located[];
}
export interface VersionDraft {
  readonly row: number;
  readonly version: number;
  readonly value: Record<string, unknown>;
  readonly documents: Located[];
  readonly steps: Located[];
  readonly fees: FeeDraft[];
}
export interface ProcedureDraft {
  readonly row: number;
  readonly value: {
    code: string;
    isoCode: string | undefined;
    name: string | undefined;
    field: string | undefined;
  };
  readonly versions: VersionDraft[];
}

export type Drafts = Map<string, ProcedureDraft>;
export const draftKey = (code: string, version: number) => `${code}#${version}`;

export function readProcedures(
  sheet: SheetData<KeysOf<typeof PROCEDURE_COLUMNS>>,
  drafts: Drafts,
): void {
  const versions = new Map<string, number>();
  for (const r of sheet.rows) {
    const key = readKey(r);
    if (!key) continue;
    const seen = versions.get(draftKey(key.code, key.version));
    if (seen !== undefined) {
      r.fail('version', `Trùng Mã TTHC ${key.code} phiên bản ${key.version} với dòng ${seen}`);
      continue;
    }
    versions.set(draftKey(key.code, key.version), r.row);
    const own = {
      isoCode: r.text('isoCode'),
      name: r.text('name'),
      field: r.text('field'),
    };
    let draft = drafts.get(key.code);
    if (!draft) {
      draft = { row: r.row, value: { code: key.code, ...own }, versions: [] };
      drafts.set(key.code, draft);
    } else {
      for (const field of ['isoCode', 'name', 'field'] as const) {
        if (own[field] !== draft.value[field]) {
          r.fail(
            field,
            `${r.label(field)} khác với dòng ${draft.row} của cùng Mã TTHC ${key.code}`,
          );
        }
      }
    }
    draft.versions.push({
      row: r.row,
      version: key.version,
      value: readVersionCells(r),
      documents: [],
      steps: [],
      fees: [],
    });
  }
}

function readVersionCells(r: RowReader<KeysOf<typeof PROCEDURE_COLUMNS>>): Record<string, unknown> {
  const dateRaw = r.raw('effectiveFrom');
  const effectiveFrom =
    dateRaw === null
      ? r.fail('effectiveFrom', 'Hiệu lực từ: thiếu thông tin bắt buộc')
      : (parseCivilDate(dateRaw) ??
        r.fail(
          'effectiveFrom',
          `Hiệu lực từ: ngày "${asText(dateRaw)}" không hợp lệ (ghi dạng dd/mm/yyyy)`,
        ));
  const legal = r.text('legalBasis') ?? '';
  // One law per line; a single-line cell may separate laws with ';'.
  const legalBasis = legal
    .split(legal.includes('\n') ? '\n' : ';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const limitText = r.text('limit');
  const value =
    limitText !== undefined && fold(limitText).includes('trong ngay')
      ? 0
      : (r.number('limit', { field: 'value' }) ?? undefined);
  const unitText = r.text('unit');
  const unitFold = fold(unitText ?? '');
  const unit: TimeUnit | undefined = unitFold.includes('gio')
    ? 'working_hours'
    : unitFold.includes('ngay')
      ? 'working_days'
      : r.fail(
          'unit',
          `Đơn vị thời hạn: chọn "${UNIT_LABELS.working_days}" hoặc "${UNIT_LABELS.working_hours}"`,
        );
  const cutoffRaw = r.raw('cutoff');
  const cutoff =
    cutoffRaw === null
      ? null
      : (parseClock(cutoffRaw) ??
        r.fail(
          'cutoff',
          `Giờ chốt nhận phải có dạng HH:MM, ví dụ 15:00 (đang ghi "${asText(cutoffRaw)}")`,
        ));
  const channel: (Channel | undefined)[] = [];
  for (const part of (r.text('channel') ?? '').split(/[,;\n]/)) {
    if (part.trim() === '') continue;
    const c = parseChannel(part);
    if (c) channel.push(c);
    else {
      const allowed = CHANNELS.map((x) => CHANNEL_LABELS[x]).join(', ');
      r.fail('channel', `Kênh "${part.trim()}" không hợp lệ (chỉ nhận: ${allowed})`);
    }
  }
  return {
    effectiveFrom,
    legalBasis,
    timeLimit: { value, unit, ...optionalText('note', r.text('limitNote')) },
    cutoff,
    channel: channel.filter((c) => c !== undefined),
    resultCollection: r.text('resultCollection'),
  };
}

function findVersion<K extends string>(
  r: RowReader<K | 'code' | 'version'>,
  drafts: Drafts,
): VersionDraft | undefined {
  const key = readKey(r);
  if (!key) return undefined;
  const v = drafts.get(key.code)?.versions.find((x) => x.version === key.version);
  if (v) return v;
  return r.fail(
    'code',
    `Không có thủ tục Mã TTHC ${key.code} phiên bản ${key.version} trong trang "${SHEETS.procedures}"`,
  );
}

export function readDocuments(
  sheet: SheetData<KeysOf<typeof DOCUMENT_COLUMNS>>,
  drafts: Drafts,
): void {
  for (const r of sheet.rows) {
    const v = findVersion(r, drafts);
    if (!v) continue;
    const requiredText = fold(r.text('required') ?? '');
    const required = ['co', 'x', 'true', '1', 'bat buoc'].includes(requiredText)
      ? true
      : ['khong', 'false', '0', 'khong bat buoc'].includes(requiredText)
        ? false
        : r.fail('required', `Bắt buộc: ghi "${YES}" hoặc "${NO}"`);
    v.documents.push({
      row: r.row,
      value: {
        name: r.text('name'),
        original: r.number('original') ?? 0,
        certifiedCopy: r.number('certifiedCopy') ?? 0,
        copy: r.number('copy') ?? 0,
        required,
        ...optionalText('note', r.text('note')),
      },
    });
  }
}

export function readSteps(sheet: SheetData<KeysOf<typeof STEP_COLUMNS>>, drafts: Drafts): void {
  const labels = Object.values(STEP_ROLE_LABELS).join(', ');
  for (const r of sheet.rows) {
    const v = findVersion(r, drafts);
    if (!v) continue;
    const roleText = r.text('role');
    const role =
      roleText === undefined
        ? r.fail('role', 'Trách nhiệm: thiếu thông tin bắt buộc')
        : (parseRole(roleText) ??
          r.fail('role', `Trách nhiệm "${roleText}" không hợp lệ (chọn một trong: ${labels})`));
    v.steps.push({
      row: r.row,
      value: {
        no: r.number('no') ?? undefined,
        name: r.text('name'),
        // A stand-in role keeps the version's other checks (total hours) running.
        role: role ?? 'specialist',
        hours: r.number('hours') ?? undefined,
        output: r.text('output'),
      },
    });
  }
}

function feeId(name: string | undefined, taken: readonly FeeDraft[]): string {
  const base = (
    fold(name ?? '')
      .slice(0, 40)
      .trim() || 'khoan thu'
  ).replace(/ /g, '-');
  let id = base;
  for (let i = 2; taken.some((f) => f.value.id === id); i++) id = `${base}-${i}`;
  return id;
}

export function readFees(sheet: SheetData<KeysOf<typeof FEE_COLUMNS>>, drafts: Drafts): void {
  for (const r of sheet.rows) {
    const v = findVersion(r, drafts);
    if (!v) continue;
    const kindText = r.text('kind');
    const kind = parseFeeKind(kindText);
    if (!kind) {
      const allowed = Object.values(FEE_KIND_LABELS).join(', ');
      r.fail('kind', `Loại phí "${kindText ?? ''}" không hợp lệ (chỉ nhận: ${allowed})`);
      continue;
    }
    const id = r.text('id');
    const name = r.text('name');
    const amount = r.number('amount', { money: true, field: 'amountVnd' });
    if (kind === 'per_page') {
      // Further price tiers of a per-page fee: same Mã khoản thu, or no name under it.
      const last = v.fees[v.fees.length - 1];
      const owner =
        v.fees.find((f) => f.value.kind === 'per_page' && id !== undefined && f.value.id === id) ??
        (name === undefined && last?.value.kind === 'per_page' ? last : undefined);
      const tier = {
        row: r.row,
        value: { fromPage: r.number('fromPage') ?? (owner ? undefined : 1), amountVnd: amount },
      };
      if (owner) {
        owner.tiers.push(tier);
        continue;
      }
      v.fees.push({
        row: r.row,
        value: {
          kind,
          id: id ?? feeId(name, v.fees),
          name,
          maxPerCopyVnd: r.number('max', { money: true, field: 'maxPerCopyVnd' }),
          ...optionalText('condition', r.text('condition')),
          ...optionalText('note', r.text('note')),
        },
        tiers: [tier],
      });
      continue;
    }
    v.fees.push({
      row: r.row,
      value: {
        kind,
        id: id ?? feeId(name, v.fees),
        name,
        ...(kind === 'per_unit' ? { unit: r.text('unit') ?? 'bản' } : {}),
        amountVnd: amount,
        ...optionalText('condition', r.text('condition')),
        ...optionalText('note', r.text('note')),
      },
      tiers: [],
    });
  }
}
