// Procedure catalog: what a commune handles, under which law, with which documents, fees, time
// limit and ISO step table. The province publishes it, so every rule here is data, not code.
import { z } from 'zod';

/** Roles that own a step of the ISO step table ("rõ người, rõ việc"). */
export const STEP_ROLES = ['desk_officer', 'specialist', 'leader', 'records_clerk'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export const STEP_ROLE_LABELS: Readonly<Record<StepRole, string>> = {
  desk_officer: 'Công chức Bộ phận Một cửa',
  specialist: 'Công chức chuyên môn',
  leader: 'Lãnh đạo UBND xã',
  records_clerk: 'Văn thư',
};

export const CHANNELS = ['direct', 'postal', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIME_UNITS = ['working_days', 'working_hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/**
 * Working hours in one working day for the step-table budget. Offices keep about 7.5-8 h; the
 * ISO tables count whole 8-hour days, so this is the budget unit, not the office clock.
 */
export const HOURS_PER_WORKING_DAY = 8;

/** Messages say "is required" for a missing field and "is invalid" for a wrong type. */
const required = (label: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `${label}: thiếu thông tin bắt buộc` : `${label} không hợp lệ`,
});

const text = (label: string, max = 1000) =>
  z
    .string(required(label))
    .trim()
    .min(1, `${label} không được để trống`)
    .max(max, `${label} quá dài (tối đa ${max} ký tự)`);

const count = (label: string) =>
  z.number(required(label)).int(`${label} phải là số nguyên`).min(0, `${label} không được âm`);

const vnd = (label: string) =>
  z
    .number(required(label))
    .int(`${label} phải là số nguyên (đồng)`)
    .min(0, `${label} không được âm`);

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDate = z
  .string(required('Ngày'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine(isRealDate, 'Ngày không tồn tại trong lịch');

export const clockTime = z
  .string(required('Giờ'))
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM (00:00–23:59)');

export const documentRequirementSchema = z
  .object({
    name: text('Tên giấy tờ'),
    original: count('Số bản chính'),
    certifiedCopy: count('Số bản sao chứng thực'),
    copy: count('Số bản sao/bản chụp'),
    required: z.boolean(required('Tính bắt buộc của giấy tờ')),
    note: text('Ghi chú giấy tờ').optional(),
  })
  .refine((d) => d.original + d.certifiedCopy + d.copy > 0, {
    message: 'Giấy tờ phải có ít nhất một bản (bản chính, bản sao chứng thực hoặc bản sao)',
  });
export type DocumentRequirement = z.infer<typeof documentRequirementSchema>;

/** Optional fee lines (late registration, amendments) apply only when the desk ticks them. */
const feeCommon = {
  id: z
    .string(required('Mã khoản thu'))
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Mã khoản thu gồm chữ thường không dấu, số và gạch ngang'),
  name: text('Tên khoản phí, lệ phí'),
  condition: text('Điều kiện áp dụng').optional(),
  note: text('Ghi chú phí').optional(),
};

/** `amountVnd: null` means the rate is set by the provincial People's Council and not yet entered. */
const provinceAmount = (label: string) => vnd(label).nullable();

export const feeRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('flat'),
      ...feeCommon,
      amountVnd: provinceAmount('Mức thu'),
    }),
    z.object({
      kind: z.literal('per_unit'),
      ...feeCommon,
      unit: text('Đơn vị tính'),
      amountVnd: provinceAmount('Mức thu mỗi đơn vị'),
    }),
    z.object({
      kind: z.literal('per_page'),
      ...feeCommon,
      tiers: z
        .array(
          z.object({
            fromPage: z
              .number(required('Trang bắt đầu'))
              .int('Trang bắt đầu phải là số nguyên')
              .min(1, 'Trang bắt đầu phải từ 1'),
            amountVnd: vnd('Mức thu mỗi trang'),
          }),
        )
        .min(1, 'Biểu phí theo trang phải có ít nhất một bậc')
        .refine((tiers) => tiers[0]?.fromPage === 1, 'Bậc phí đầu tiên phải bắt đầu từ trang 1')
        .refine(
          (tiers) => tiers.every((t, i) => i === 0 || t.fromPage > (tiers[i - 1]?.fromPage ?? 0)),
          'Các bậc phí phải theo thứ tự trang tăng dần',
        ),
      maxPerCopyVnd: vnd('Mức thu tối đa mỗi bản').nullable(),
    }),
  ],
  { error: 'Loại phí không hợp lệ (chỉ nhận: flat, per_unit, per_page)' },
);
export type FeeRule = z.infer<typeof feeRuleSchema>;

export const timeLimitSchema = z.object({
  value: z.number(required('Thời hạn giải quyết')).min(0, 'Thời hạn giải quyết không được âm'),
  unit: z.enum(TIME_UNITS, {
    error: 'Đơn vị thời hạn không hợp lệ (chỉ nhận: working_days, working_hours)',
  }),
  note: text('Ghi chú thời hạn').optional(),
});
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const stepSchema = z.object({
  no: z
    .number(required('Số thứ tự bước'))
    .int('Số thứ tự bước phải là số nguyên')
    .min(1, 'Số thứ tự bước phải từ 1'),
  name: text('Nội dung công việc của bước'),
  role: z.enum(STEP_ROLES, {
    error: `Vai trò thực hiện không hợp lệ (chỉ nhận: ${STEP_ROLES.join(', ')})`,
  }),
  hours: z.number(required('Thời gian của bước')).positive('Thời gian của bước phải lớn hơn 0 giờ'),
  output: text('Biểu mẫu/kết quả của bước'),
});
export type ProcedureStep = z.infer<typeof stepSchema>;

/** Hours the step table may use: a same-day procedure (0 days) still has one working day. */
export function timeLimitHours(limit: Readonly<TimeLimit>): number {
  if (limit.unit === 'working_hours') return limit.value;
  return Math.max(limit.value, 1) * HOURS_PER_WORKING_DAY;
}

/** Sums of half-hours are exact, but province data may carry decimals like 0.1. */
const HOUR_EPSILON = 1e-9;

export const procedureVersionSchema = z
  .object({
    version: z
      .number(required('Phiên bản'))
      .int('Phiên bản phải là số nguyên')
      .min(1, 'Phiên bản phải từ 1'),
    effectiveFrom: isoDate,
    legalBasis: z.array(text('Căn cứ pháp lý')).min(1, 'Phải có ít nhất một căn cứ pháp lý'),
    documents: z.array(documentRequirementSchema),
    fees: z.array(feeRuleSchema),
    timeLimit: timeLimitSchema,
    cutoff: clockTime.nullable(),
    channel: z
      .array(z.enum(CHANNELS, { error: 'Kênh nộp hồ sơ chỉ nhận: direct, postal, online' }))
      .min(1, 'Phải có ít nhất một kênh nộp hồ sơ')
      .refine((c) => new Set(c).size === c.length, 'Kênh nộp hồ sơ bị trùng'),
    resultCollection: text('Nơi trả kết quả'),
    steps: z
      .array(stepSchema)
      .min(2, 'Quy trình phải có ít nhất bước tiếp nhận và bước trả kết quả'),
    /** Years a dossier is kept after the year it closed; null = permanent; absent = the
     * shipped default (resources/qms/record-lists.json), else permanent for civil status. */
    retentionYears: z
      .int('Thời hạn lưu hồ sơ phải là số năm nguyên')
      .min(1, 'Thời hạn lưu hồ sơ tối thiểu 1 năm')
      .max(100, 'Thời hạn lưu hồ sơ tối đa 100 năm')
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.timeLimit.unit === 'working_hours' && v.timeLimit.value <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeLimit', 'value'],
        message: 'Thời hạn tính theo giờ làm việc phải lớn hơn 0',
      });
    }
    v.steps.forEach((step, i) => {
      if (step.no !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'no'],
          message: `Các bước phải đánh số liên tục từ 1 (bước thứ ${i + 1} đang ghi số ${step.no})`,
        });
      }
    });
    const first = v.steps[0];
    const last = v.steps[v.steps.length - 1];
    if (first && first.role !== 'desk_officer') {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', 0, 'role'],
        message: 'Bước đầu tiên (tiếp nhận hồ sơ) phải do công chức Bộ phận Một cửa thực hiện',
      });
    }
    if (last && v.steps.length > 1 && last.role !== 'desk_officer') {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', v.steps.length - 1, 'role'],
        message: 'Bước cuối cùng (trả kết quả) phải do công chức Bộ phận Một cửa thực hiện',
      });
    }
    const total = v.steps.reduce((sum, s) => sum + s.hours, 0);
    const limit = timeLimitHours(v.timeLimit);
    if (total > limit + HOUR_EPSILON) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps'],
        message: `Tổng thời gian các bước (${formatHours(total)} giờ) vượt quá thời hạn giải quyết (${formatHours(limit)} giờ làm việc)`,
      });
    }
    const feeIds = v.fees.map((f) => f.id);
    if (new Set(feeIds).size !== feeIds.length) {
      ctx.addIssue({ code: 'custom', path: ['fees'], message: 'Mã khoản thu bị trùng' });
    }
  });
export type ProcedureVersion = z.infer<typeof procedureVersionSchema>;

function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100).replace('.', ',');
}

/** National code from the national TTHC database, optionally with the agency suffix. */
export const procedureCodeSchema = z
  .string(required('Mã thủ tục'))
  .regex(
    /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/,
    'Mã thủ tục phải có dạng 1.001193 (có thể kèm hậu tố cơ quan, ví dụ 2.000815.000.00.00.H55)',
  );

export const procedureSchema = z
  .object({
    code: procedureCodeSchema,
    isoCode: z
      .string(required('Mã quy trình ISO'))
      .regex(/^QT-[A-Z]{2,6}-\d{2,3}$/, 'Mã quy trình ISO phải có dạng QT-HT-01'),
    name: text('Tên thủ tục'),
    field: text('Lĩnh vực', 200),
    versions: z.array(procedureVersionSchema).min(1, 'Thủ tục phải có ít nhất một phiên bản'),
  })
  .superRefine((p, ctx) => {
    p.versions.forEach((v, i) => {
      const prev = p.versions[i - 1];
      if (!prev) return;
      if (v.version <= prev.version || v.effectiveFrom <= prev.effectiveFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i],
          message: 'Các phiên bản phải xếp theo số phiên bản và ngày hiệu lực tăng dần',
        });
      }
    });
  });
export type Procedure = z.infer<typeof procedureSchema>;

export const procedureCatalogSchema = z
  .object({
    schemaVersion: z.literal(1, { error: 'Phiên bản định dạng danh mục không được hỗ trợ' }),
    procedures: z.array(procedureSchema),
  })
  .superRefine((c, ctx) => {
    const seen = { code: new Set<string>(), isoCode: new Set<string>() };
    c.procedures.forEach((p, i) => {
      for (const key of ['code', 'isoCode'] as const) {
        if (seen[key].has(p[key])) {
          ctx.addIssue({
            code: 'custom',
            path: ['procedures', i, key],
            message: `${key === 'code' ? 'Mã thủ tục' : 'Mã quy trình ISO'} bị trùng: ${p[key]}`,
          });
        }
        seen[key].add(p[key]);
      }
    });
  });
export type ProcedureCatalog = z.infer<typeof procedureCatalogSchema>;
