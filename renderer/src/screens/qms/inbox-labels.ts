// The inbox's "Loại" column: the kind of work of a line, by the inbox source that produced it.

/** The kind of work of a line, by the source that produced it (a desk source, or a record
 * kind of core/qms). Short: the column is narrow and a badge does not wrap. */
export const SOURCE_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  dossier_step: ['Hồ sơ TTHC', 'blue'],
  revision: ['Tài liệu', 'grape'],
  document: ['Tài liệu', 'grape'],
  acknowledgement: ['Tài liệu', 'grape'],
  needs_review: ['Tài liệu', 'grape'],
  action: ['Hành động', 'teal'],
  nonconformity: ['Không phù hợp', 'orange'],
  record_list: ['Hồ sơ lưu trữ', 'cyan'],
  disposal: ['Hủy hồ sơ', 'cyan'],
  risk: ['Rủi ro, cơ hội', 'yellow'],
  objective: ['Mục tiêu', 'green'],
  measurement: ['Mục tiêu', 'green'],
  feedback: ['Phản ánh', 'pink'],
  audit: ['Đánh giá nội bộ', 'violet'],
  audit_checklist: ['Đánh giá nội bộ', 'violet'],
  finding: ['Đánh giá nội bộ', 'violet'],
  review: ['Xem xét lãnh đạo', 'indigo'],
  announcement: ['Công bố', 'indigo'],
  yearly_report: ['Báo cáo năm', 'indigo'],
  survey: ['Khảo sát', 'pink'],
};

/** The badge of a source; a source without one says so plainly rather than guessing. */
export function sourceLabel(source: string): readonly [string, string] {
  return SOURCE_LABELS[source] ?? ['Việc khác', 'gray'];
}
