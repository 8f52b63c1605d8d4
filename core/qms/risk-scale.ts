// The scale risks and opportunities are assessed on (QMS.md record 4): likelihood 1-5 ×
// impact 1-5 = score 1-25, and the level a score falls in (thấp / trung bình / cao) by
// thresholds that are DATA: a scale is validated by riskScaleSchema, so a province could
// publish its own; DEFAULT_RISK_SCALE is the one an office starts with. Pure.
import { z } from 'zod';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const step = z.object({
  value: z.number().int().min(1).max(5),
  label: z.string().min(1),
  hint: z.string(),
});

export const riskScaleSchema = z
  .object({
    likelihood: z.array(step).length(5),
    impact: z.array(step).length(5),
    /** Each level from its lowest score; the first starts at 1, they rise strictly. */
    levels: z
      .array(
        z.object({
          key: z.enum(RISK_LEVELS),
          label: z.string().min(1),
          min: z.number().int().min(1).max(25),
          /** Mantine colour name for badges and the heat map. */
          color: z.string().min(1),
        }),
      )
      .length(3),
  })
  .refine((s) => s.levels[0]?.min === 1, 'Mức thấp nhất phải bắt đầu từ 1 điểm')
  .refine(
    (s) => s.levels.every((l, i) => i === 0 || l.min > (s.levels[i - 1]?.min ?? 0)),
    'Ngưỡng các mức phải tăng dần',
  )
  .refine(
    (s) => s.levels.map((l) => l.key).join() === RISK_LEVELS.join(),
    'Các mức phải là thấp, trung bình, cao theo thứ tự',
  );
export type RiskScale = z.infer<typeof riskScaleSchema>;

export const DEFAULT_RISK_SCALE: RiskScale = riskScaleSchema.parse({
  likelihood: [
    { value: 1, label: 'Hiếm khi', hint: 'Gần như không xảy ra (dưới 1 lần/năm)' },
    { value: 2, label: 'Ít khi', hint: 'Có thể xảy ra 1 lần/năm' },
    { value: 3, label: 'Có thể', hint: 'Vài lần/năm' },
    { value: 4, label: 'Thường xuyên', hint: 'Hằng tháng' },
    { value: 5, label: 'Rất thường xuyên', hint: 'Hằng tuần trở lên' },
  ],
  impact: [
    { value: 1, label: 'Không đáng kể', hint: 'Không ảnh hưởng đến kết quả giải quyết' },
    { value: 2, label: 'Nhỏ', hint: 'Chậm trễ nhỏ, khắc phục ngay được' },
    { value: 3, label: 'Trung bình', hint: 'Hồ sơ trễ hạn, người dân phải đi lại' },
    { value: 4, label: 'Lớn', hint: 'Kết quả sai, bị khiếu nại, phải thu hồi' },
    {
      value: 5,
      label: 'Nghiêm trọng',
      hint: 'Vi phạm pháp luật, thiệt hại cho người dân, mất uy tín cơ quan',
    },
  ],
  levels: [
    { key: 'low', label: 'Thấp', min: 1, color: 'green' },
    { key: 'medium', label: 'Trung bình', min: 5, color: 'yellow' },
    { key: 'high', label: 'Cao', min: 10, color: 'red' },
  ],
});

/** A likelihood or impact on the scale: a whole number from 1 to 5, said in Vietnamese. */
export const scalePoint = (what: string) =>
  z
    .number(`${what} phải là số từ 1 đến 5`)
    .int(`${what} phải là số nguyên từ 1 đến 5`)
    .min(1, `${what} phải từ 1 đến 5`)
    .max(5, `${what} phải từ 1 đến 5`);

export const riskScore = (likelihood: number, impact: number): number => likelihood * impact;

/** The level a score (1-25) falls in on `scale`. */
export function riskLevel(score: number, scale: RiskScale = DEFAULT_RISK_SCALE): RiskLevel {
  let level: RiskLevel = 'low';
  for (const l of scale.levels) if (score >= l.min) level = l.key;
  return level;
}

export function levelLabel(level: RiskLevel, scale: RiskScale = DEFAULT_RISK_SCALE): string {
  return scale.levels.find((l) => l.key === level)?.label ?? level;
}

/** The lowest score of `level` (the province counts high risks with it). */
export const levelMin = (level: RiskLevel, scale: RiskScale = DEFAULT_RISK_SCALE): number =>
  scale.levels.find((l) => l.key === level)?.min ?? 1;
