// The yearly report's template (báo cáo năm gửi Sở KH&CN): its sections, which figures each
// shows and which texts the office types in. Province data: a default in
// resources/qms/yearly-report.json, replaced by the province's 'report_template' feed entry
// (key REPORT_TEMPLATE_KEY, a new version each time it publishes).
import { z } from 'zod';
import { safeText } from '../sync/protocol';

export const REPORT_TEMPLATE_KEY = 'yearly_report';

/** The figure blocks a section may show (core/qms/yearly-report.ts computes each). */
export const FIGURE_KEYS = [
  'scope',
  'announcement',
  'documents',
  'audits',
  'reviews',
  'objectives',
  'nonconformities',
  'satisfaction',
  'desk',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const FIGURE_LABELS: Readonly<Record<FigureKey, string>> = {
  scope: 'Phạm vi áp dụng',
  announcement: 'Quyết định công bố',
  documents: 'Tài liệu ban hành, sửa đổi',
  audits: 'Đánh giá nội bộ',
  reviews: 'Xem xét của lãnh đạo',
  objectives: 'Mục tiêu chất lượng',
  nonconformities: 'Sự không phù hợp',
  satisfaction: 'Sự hài lòng của người dân',
  desk: 'Kết quả giải quyết hồ sơ',
};

const text = (label: string, min: number, max: number) =>
  safeText(0, max * 4)
    .transform((s) => s.trim())
    .pipe(z.string().min(min, `Nhập ${label}`).max(max, `${label} quá dài (tối đa ${max} ký tự)`));

const textSlot = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Khóa nội dung nhập chỉ gồm chữ thường, số và gạch dưới'),
  label: text('tên nội dung nhập', 1, 200),
});

const section = z.object({
  heading: text('tiêu đề mục', 1, 300),
  figures: z
    .array(z.enum(FIGURE_KEYS, 'Số liệu không có trong mẫu báo cáo'))
    .max(FIGURE_KEYS.length),
  texts: z.array(textSlot).max(10, 'Một mục có tối đa 10 nội dung nhập'),
});

export const reportTemplate = z
  .object({
    title: text('tên loại văn bản', 1, 100),
    /** The summary under the title; {year} is the report's year. */
    about: text('trích yếu', 1, 300),
    /** 'Kính gửi: Sở Khoa học và Công nghệ tỉnh ...' */
    to: text('nơi nhận báo cáo', 1, 300),
    /** {office}: the office's name ('Ủy ban nhân dân xã Tân Lập'). */
    intro: text('lời mở đầu', 0, 2000),
    sections: z
      .array(section)
      .min(1, 'Mẫu báo cáo phải có ít nhất một mục')
      .max(20, 'Mẫu báo cáo có tối đa 20 mục'),
    recipients: z.array(text('nơi nhận', 1, 200)).max(20),
    /** What the province says about this version. */
    note: z.string().max(2000).default(''),
  })
  .superRefine((t, ctx) => {
    const figures = new Set<string>();
    const keys = new Set<string>();
    t.sections.forEach((s, i) => {
      if (s.figures.length + s.texts.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i],
          message: `Mục "${s.heading}" không có số liệu cũng không có nội dung nhập`,
        });
      for (const f of s.figures) {
        if (figures.has(f))
          ctx.addIssue({
            code: 'custom',
            path: ['sections', i, 'figures'],
            message: `Số liệu "${FIGURE_LABELS[f]}" xuất hiện ở hai mục`,
          });
        figures.add(f);
      }
      for (const x of s.texts) {
        if (keys.has(x.key))
          ctx.addIssue({
            code: 'custom',
            path: ['sections', i, 'texts'],
            message: `Nội dung nhập "${x.key}" xuất hiện hai lần`,
          });
        keys.add(x.key);
      }
    });
  });
export type ReportTemplate = z.infer<typeof reportTemplate>;

/** The text slots of a template, in order: what the screen lets the office type. */
export const textSlots = (t: Readonly<ReportTemplate>) =>
  t.sections.flatMap((s) => s.texts.map((x) => ({ ...x, heading: s.heading })));
