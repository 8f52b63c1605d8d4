// Citizens' feedback and petitions (phản ánh, kiến nghị; QMS.md record 7): received on a day
// through a channel, about a dossier or not, handled by one official before a deadline in
// working days (computed from the calendar in services), answered on time or late. A problem
// it reveals becomes a nonconformity in one click (source 'complaint').
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { invalid, type RecordKind, type Rule } from './kind';
import { ownerOr, signature } from './rules';

export const FEEDBACK_TYPES = ['feedback', 'petition'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
export const FEEDBACK_TYPE_LABELS: Readonly<Record<FeedbackType, string>> = {
  feedback: 'Phản ánh',
  petition: 'Kiến nghị',
};

export const FEEDBACK_CHANNELS = [
  'direct',
  'phone',
  'letter',
  'email',
  'portal',
  'hotline',
  'box',
] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
export const FEEDBACK_CHANNEL_LABELS: Readonly<Record<FeedbackChannel, string>> = {
  direct: 'Trực tiếp tại bộ phận một cửa',
  phone: 'Điện thoại',
  letter: 'Văn bản, thư',
  email: 'Thư điện tử',
  portal: 'Cổng dịch vụ công',
  hotline: 'Đường dây nóng',
  box: 'Hòm thư góp ý',
};

/** Working days to answer when the office sets none (Nghị định 20/2008: 10 working days). */
export const DEFAULT_FEEDBACK_DAYS = 10;

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const civil = (what: string) => z.string().refine(isCivilDate, `${what} không hợp lệ`);

export const feedbackData = z
  .object({
    type: z.enum(FEEDBACK_TYPES, 'Loại phản ánh, kiến nghị không hợp lệ'),
    channel: z.enum(FEEDBACK_CHANNELS, 'Hình thức tiếp nhận không hợp lệ'),
    receivedOn: civil('Ngày tiếp nhận'),
    senderName: z.string().trim().max(200).default(''),
    senderContact: z.string().trim().max(200).default(''),
    content: z.string().trim().min(1, 'Phải nhập nội dung phản ánh, kiến nghị').max(4000),
    /** Hạn xử lý: the row's dueDate follows it while unanswered. */
    deadline: civil('Hạn xử lý'),
    answer: z.string().max(4000).default(''),
    answeredOn: civil('Ngày trả lời').nullable().default(null),
    answered: signatureSchema.nullable().default(null),
    /** Answered no later than the deadline (kept, for "feedback handled on time"). */
    onTime: z.boolean().nullable().default(null),
    cancelReason: z.string().max(4000).default(''),
  })
  .refine((d) => d.deadline >= d.receivedOn, {
    message: 'Hạn xử lý không được trước ngày tiếp nhận.',
    path: ['deadline'],
  });
export type FeedbackData = z.infer<typeof feedbackData>;

export const FEEDBACK_STATES = ['received', 'answered', 'cancelled'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

const MANAGERS = ['leader', 'iso_coordinator'] as const;

/** The answer's date: a real day, not after today, not before the feedback came in. */
const answerDate: Rule<FeedbackData> = (c) => {
  const date = c.input.date ?? '';
  if (!isCivilDate(date)) return invalid('Ngày trả lời không hợp lệ.');
  if (date > c.today) return invalid('Ngày trả lời không được sau ngày hôm nay.');
  if (date < c.record.data.receivedOn)
    return invalid('Ngày trả lời không được trước ngày tiếp nhận.');
  return null;
};

export const feedbackKind: RecordKind<FeedbackState, FeedbackData> = {
  kind: 'feedback',
  label: 'Phản ánh, kiến nghị',
  states: FEEDBACK_STATES,
  stateLabels: { received: 'Đang xử lý', answered: 'Đã trả lời', cancelled: 'Đã hủy' },
  initial: 'received',
  createRoles: ['desk_officer', 'iso_coordinator', 'leader'],
  data: feedbackData,
  transitions: {
    answer: {
      label: 'trả lời phản ánh, kiến nghị',
      from: ['received'],
      to: 'answered',
      roles: 'any',
      requires: ['comment', 'date'],
      rules: [
        ownerOr(MANAGERS, 'Chỉ người được giao xử lý mới trả lời phản ánh, kiến nghị này.'),
        answerDate,
      ],
      apply: (c) => {
        const on = c.input.date ?? c.today;
        return {
          data: {
            answer: c.input.comment ?? '',
            answeredOn: on,
            answered: signature(c),
            onTime: on <= c.record.data.deadline,
          },
          dueDate: null,
        };
      },
    },
    cancel: {
      label: 'hủy phản ánh, kiến nghị',
      from: ['received'],
      to: 'cancelled',
      roles: [...MANAGERS],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
  },
  inbox: [{ state: 'received', task: 'Trả lời phản ánh, kiến nghị', who: 'owner' }],
  link: (r) => `/qms/feedback/${r.id}`,
};
