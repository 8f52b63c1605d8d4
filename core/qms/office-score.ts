// The score the province ranks offices by (issue #10 item 6): criteria with their weights, as
// DATA in one place. The dashboard's help text is written from this list, so what the province
// reads is what is computed. Each criterion gives a share from 0 to 1 of its points; a
// criterion with nothing to measure yet (no objective concluded, no dossier resolved) gives
// none, and the help says so. Pure.
import type { OfficeQmsStatus } from './office-status';

export interface ScoreInput {
  readonly status: OfficeQmsStatus;
}

export interface ScoreCriterion {
  readonly key: string;
  /** Points out of 100. */
  readonly weight: number;
  /** Vietnamese, as the help text and the Excel sheet say it. */
  readonly label: string;
  readonly rule: string;
  readonly share: (input: Readonly<ScoreInput>) => number;
}

const ratio = (value: number | null) => (value === null ? 0 : value / 100);

export const SCORE_CRITERIA: readonly ScoreCriterion[] = [
  {
    key: 'announcement',
    weight: 15,
    label: 'Công bố HTQLCL',
    rule: 'Có quyết định công bố còn hiệu lực và chưa phải công bố lại: đủ điểm.',
    share: ({ status }) => (status.announcement.inForce && !status.announcement.due ? 1 : 0),
  },
  {
    key: 'audit',
    weight: 15,
    label: 'Đánh giá nội bộ',
    rule: 'Đã đánh giá nội bộ (có báo cáo) trong năm: đủ điểm.',
    share: ({ status }) => (status.audits.heldThisYear > 0 ? 1 : 0),
  },
  {
    key: 'review',
    weight: 15,
    label: 'Xem xét của lãnh đạo',
    rule: 'Đã họp xem xét của lãnh đạo trong năm: đủ điểm.',
    share: ({ status }) => (status.reviews.heldThisYear > 0 ? 1 : 0),
  },
  {
    key: 'objectives',
    weight: 10,
    label: 'Mục tiêu chất lượng',
    rule: 'Theo tỷ lệ mục tiêu đạt trong số mục tiêu đã kết luận của năm; chưa kết luận mục tiêu nào: 0 điểm.',
    share: ({ status }) => {
      const concluded = status.objectives.met + status.objectives.missed;
      return concluded === 0 ? 0 : status.objectives.met / concluded;
    },
  },
  {
    key: 'qd766',
    weight: 15,
    label: 'Hài lòng theo QĐ 766',
    rule: 'Theo tỷ lệ hài lòng theo QĐ 766/QĐ-TTg của năm; chưa có hồ sơ giải quyết xong: 0 điểm.',
    share: ({ status }) => ratio(status.qd766.value),
  },
  {
    key: 'nonconformities',
    weight: 10,
    label: 'Khắc phục đúng hạn',
    rule: 'Không có sự không phù hợp quá hạn khắc phục: đủ điểm; có: 0 điểm.',
    share: ({ status }) => (status.nonconformities.overdue === 0 ? 1 : 0),
  },
  {
    key: 'documents',
    weight: 10,
    label: 'Rà soát tài liệu',
    rule: 'Không có tài liệu quá hạn rà soát định kỳ: đủ điểm; có: 0 điểm.',
    share: ({ status }) => (status.documents.reviewsOverdue === 0 ? 1 : 0),
  },
  {
    key: 'risks',
    weight: 5,
    label: 'Rủi ro mức cao',
    rule: 'Không còn rủi ro ở mức cao (theo điểm sau xử lý nếu đã đánh giá lại): đủ điểm.',
    share: ({ status }) => (status.highRisks === 0 ? 1 : 0),
  },
  {
    key: 'yearly',
    weight: 5,
    label: 'Báo cáo năm',
    rule: 'Đã gửi về tỉnh báo cáo năm đến hạn (báo cáo năm nay từ ngày 01/12, trước đó báo cáo năm trước): đủ điểm.',
    share: ({ status }) => (status.yearlyReport.received ? 1 : 0),
  },
];

export const SCORE_MAX = SCORE_CRITERIA.reduce((n, c) => n + c.weight, 0);

export interface Score {
  /** Points out of SCORE_MAX, rounded to 0.1. */
  readonly total: number;
  readonly parts: Readonly<Record<string, number>>;
}

export function officeScore(input: Readonly<ScoreInput>): Score {
  const parts: Record<string, number> = {};
  let total = 0;
  for (const c of SCORE_CRITERIA) {
    const points = c.weight * Math.min(1, Math.max(0, c.share(input)));
    parts[c.key] = Math.round(points * 10) / 10;
    total += points;
  }
  return { total: Math.round(total * 10) / 10, parts };
}
