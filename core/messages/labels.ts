// The one mapping from field names to the Vietnamese words people see: every rejected input,
// on the desk (contract) and on the province dashboard (admin API), names its field with these
// labels and words zod's own checks in Vietnamese. A unit test walks every contract input and
// fails on a field without a label here.
import type { z } from 'zod';

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // Internal audit (core/contract/audits.ts)
  address: 'Địa chỉ',
  admin: 'Quản trị viên',
  adoptAgencyCode: 'Mã đơn vị nhận cho máy này',
  agencyCode: 'Mã định danh cơ quan',
  amountVnd: 'Số tiền',
  applicant: 'Người nộp hồ sơ',
  area: 'Lĩnh vực được đánh giá',
  assigneeId: 'Người nhận xử lý',
  at: 'Thời điểm',
  atMost: 'Chỉ tiêu là mức tối đa',
  auditeeIds: 'Người được đánh giá',
  auditId: 'Cuộc đánh giá',
  auditorIds: 'Đánh giá viên',
  backupKeep: 'Số bản sao lưu giữ lại',
  base64: 'Nội dung tệp',
  basis: 'Căn cứ',
  benefit: 'Lợi ích',
  body: 'Nội dung',
  cause: 'Nguyên nhân',
  certifiedCopy: 'Bản sao chứng thực',
  chairId: 'Người chủ trì',
  changeSummary: 'Nội dung sửa đổi',
  channel: 'Hình thức nộp',
  checklistItemId: 'Câu hỏi trong danh mục',
  cites: 'Văn bản viện dẫn',
  clause: 'Điều khoản',
  clauses: 'Điều khoản',
  closedYear: 'Năm kết thúc hồ sơ',
  code: 'Mã',
  codeFormat: 'Dạng mã hồ sơ',
  collectPlace: 'Nơi nhận kết quả',
  comment: 'Ý kiến',
  commune: 'Xã/phường',
  concernedRoles: 'Vai trò phải đọc và xác nhận',
  condition: 'Điều kiện',
  consequence: 'Hậu quả',
  content: 'Nội dung',
  copy: 'Bản sao',
  correction: 'Khắc phục tức thời',
  count: 'Số lượng',
  criteria: 'Chuẩn mực đánh giá',
  current: 'Mật khẩu hiện tại',
  cutoff: 'Giờ chốt tiếp nhận',
  date: 'Ngày',
  daysOff: 'Ngày nghỉ',
  deadline: 'Hạn khắc phục',
  definitions: 'Định nghĩa và chữ viết tắt',
  description: 'Mô tả',
  detectedOn: 'Ngày phát hiện',
  disabled: 'Khóa tài khoản',
  disposal: 'Phương pháp hủy',
  docType: 'Loại tài liệu',
  documentId: 'Tài liệu',
  documentIds: 'Quy trình được đánh giá',
  documents: 'Thành phần hồ sơ',
  dossierCode: 'Mã hồ sơ',
  decisionNo: 'Số quyết định',
  dossierId: 'Hồ sơ',
  dueDate: 'Hạn hoàn thành',
  effectiveDate: 'Ngày có hiệu lực',
  effectiveFrom: 'Ngày áp dụng',
  email: 'Thư điện tử',
  end: 'Giờ kết thúc',
  entries: 'Mục',
  evaluation: 'Cách đánh giá kết quả',
  evidence: 'Bằng chứng',
  expectedStep: 'Bước xử lý',
  expiryDate: 'Ngày hết hiệu lực',
  external: 'Thông tin văn bản bên ngoài',
  feedCursor: 'Vị trí dữ liệu tỉnh',
  fees: 'Phí, lệ phí',
  feeVnd: 'Phí, lệ phí',
  field: 'Lĩnh vực',
  fields: 'Nội dung bản ghi',
  file: 'Tệp',
  fileBase64: 'Tệp Excel',
  fileName: 'Tên tệp',
  findingId: 'Phát hiện đánh giá',
  forms: 'Biểu mẫu',
  formSet: 'Bộ biểu mẫu',
  formsOk: 'Biểu mẫu đầy đủ',
  frequency: 'Tần suất theo dõi',
  fresh: 'Kiểm tra lại ngay',
  from: 'Từ ngày',
  fromClientSeq: 'Thao tác bắt đầu',
  fromPage: 'Từ trang',
  fullName: 'Họ và tên',
  groups: 'Nhóm hồ sơ',
  guests: 'Khách mời',
  handlingDays: 'Số ngày làm việc để xử lý',
  setKey: 'Bộ câu hỏi khảo sát',
  surveyId: 'Cuộc khảo sát',
  answers: 'Câu trả lời của phiếu',
  history: 'Dữ liệu mẫu vài tháng',
  hours: 'Số giờ',
  id: 'Mã định danh',
  identifiedOn: 'Ngày nhận diện',
  idKind: 'Loại giấy tờ tùy thân',
  idNumber: 'Số giấy tờ tùy thân',
  impact: 'Mức độ ảnh hưởng',
  important: 'Thông báo quan trọng',
  includeObsolete: 'Gồm tài liệu đã hủy bỏ',
  indicator: 'Chỉ số đo',
  isoCode: 'Mã quy trình',
  issuer: 'Cơ quan ban hành',
  itemId: 'Câu hỏi',
  items: 'Nội dung cần bổ sung',
  keeper: 'Người lưu giữ',
  key: 'Mã mục dữ liệu',
  kind: 'Loại',
  label: 'Kỳ đo lường',
  leadAuditorId: 'Trưởng đoàn đánh giá',
  legalBasis: 'Căn cứ pháp lý',
  level: 'Mức đánh giá',
  likelihood: 'Khả năng xảy ra',
  location: 'Vị trí lưu',
  maxPerCopyVnd: 'Mức thu tối đa mỗi bản',
  method: 'Phương pháp hủy',
  mine: 'Hồ sơ của tôi',
  month: 'Tháng',
  name: 'Tên',
  newDueDate: 'Ngày hẹn trả mới',
  next: 'Mật khẩu mới',
  no: 'Số thứ tự',
  note: 'Ghi chú',
  passphrase: 'Mật khẩu gói đánh giá',
  notApplicable: 'Điều khoản không áp dụng',
  notes: 'Ghi chú',
  number: 'Số hiệu văn bản',
  objectiveId: 'Mục tiêu chất lượng',
  office: 'Cơ quan',
  officeHours: 'Giờ làm việc',
  open: 'Chưa hoàn thành',
  original: 'Bản chính',
  output: 'Kết quả',
  overrides: 'Điều chỉnh lịch',
  ownerId: 'Người phụ trách',
  ownerRole: 'Vai trò chủ trì',
  page: 'Trang',
  pageSize: 'Số dòng mỗi trang',
  participantIds: 'Thành phần tham dự',
  password: 'Mật khẩu',
  path: 'Đường dẫn tệp',
  paused: 'Tạm dừng phát hành',
  phone: 'Số điện thoại',
  place: 'Nơi lưu',
  plan: 'Kế hoạch thực hiện',
  procedureCode: 'Mã thủ tục',
  procedureId: 'Thủ tục hành chính',
  procedures: 'Thủ tục',
  processCode: 'Mã thủ tục',
  processName: 'Tên quy trình',
  processType: 'Loại quá trình',
  province: 'Tỉnh/thành phố',
  purpose: 'Mục đích',
  query: 'Từ khóa tìm kiếm',
  question: 'Câu hỏi',
  ratedOn: 'Ngày đánh giá',
  rating: 'Đánh giá sự hài lòng',
  reason: 'Lý do',
  receivedOk: 'Tiếp nhận đúng quy định',
  receivedOn: 'Ngày tiếp nhận',
  records: 'Hồ sơ cần lưu',
  recoveryCode: 'Mã khôi phục',
  provinceKey: 'Khóa do tỉnh cấp',
  references: 'Tài liệu viện dẫn',
  replacedById: 'Văn bản thay thế',
  replace: 'Ghi đè tệp đã có',
  replaceDefaults: 'Thay thế lịch mặc định',
  requestKey: 'Mã lần tiếp nhận',
  required: 'Bắt buộc',
  resources: 'Nguồn lực',
  ref: 'Phát hiện',
  result: 'Kết quả',
  resultCollection: 'Cách nhận kết quả',
  retentionYears: 'Thời hạn lưu',
  rev: 'Phiên bản bản ghi',
  reviewMonths: 'Chu kỳ rà soát (tháng)',
  reviewOn: 'Ngày xem xét lại',
  revisionId: 'Lần ban hành',
  role: 'Vai trò',
  roles: 'Vai trò',
  schemaVersion: 'Phiên bản dữ liệu',
  scope: 'Phạm vi',
  secretaryId: 'Thư ký cuộc họp',
  sections: 'Các mục của quy trình',
  senderContact: 'Địa chỉ liên hệ',
  senderName: 'Người phản ánh, kiến nghị',
  serverUrl: 'Địa chỉ máy chủ tỉnh',
  sessions: 'Buổi làm việc',
  sessionTimeoutMinutes: 'Thời gian tự đăng xuất',
  sets: 'Số bộ hồ sơ',
  showUntil: 'Hiển thị đến ngày',
  size: 'Cỡ mẫu',
  sort: 'Sắp xếp',
  source: 'Nguồn phát hiện',
  sourceId: 'Bản ghi nguồn',
  sourceKind: 'Loại nguồn',
  stagingPercentage: 'Tỷ lệ máy được cập nhật (%)',
  start: 'Giờ bắt đầu',
  state: 'Trạng thái',
  statement: 'Nội dung mục tiêu',
  status: 'Trạng thái',
  steps: 'Các bước',
  stepsOk: 'Các bước đúng thời gian',
  supplementRule: 'Cách tính thời hạn khi bổ sung',
  target: 'Chỉ tiêu',
  text: 'Nội dung',
  tiers: 'Bậc phí',
  timeLimit: 'Thời hạn giải quyết',
  title: 'Tiêu đề',
  to: 'Đến ngày',
  toUserId: 'Người nhận',
  transition: 'Thao tác',
  type: 'Loại',
  unit: 'Đơn vị',
  username: 'Tên đăng nhập',
  value: 'Giá trị',
  version: 'Phiên bản',
  versions: 'Các phiên bản',
  what: 'Việc cần làm',
  when: 'Thời gian thực hiện',
  which: 'Loại văn bản',
  who: 'Người thực hiện',
  withdrawn: 'Thu hồi',
  workdays: 'Ngày làm việc trong tuần',
  workingDays: 'Ngày làm bù',
  year: 'Năm',
  texts: 'Nội dung báo cáo',
};

/** The label of a field; undefined when it has none (the unit test keeps that from happening). */
export function fieldLabel(key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;
}

/** "Thành phần hồ sơ thứ 2 › Số lượng" rather than "documents.1.count". */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') {
      const last = parts.pop() ?? 'Mục';
      parts.push(`${last} thứ ${key + 1}`);
    } else {
      const label = fieldLabel(String(key)) ?? 'Thông tin';
      // "Ngày nghỉ thứ 1 › ngày": a part inside another reads in lower case.
      parts.push(parts.length > 0 ? label.charAt(0).toLowerCase() + label.slice(1) : label);
    }
  }
  return parts.join(' › ');
}

type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'phải là số',
  int: 'phải là số nguyên',
  boolean: 'phải là có hoặc không',
  string: 'phải là chữ',
  array: 'phải là một danh sách',
  object: 'không đúng dạng',
  date: 'phải là ngày',
};

const count = (n: unknown) => Number(n).toLocaleString('vi-VN');

function sizeText(issue: Issue, big: boolean): string {
  const i = issue;
  const origin = (issue as { origin?: unknown }).origin;
  const n = big ? i.maximum : i.minimum;
  if (origin === 'string') {
    if (!big && Number(n) === 1) return 'không được để trống';
    return big ? `quá dài (tối đa ${count(n)} ký tự)` : `phải có ít nhất ${count(n)} ký tự`;
  }
  if (origin === 'array' || origin === 'set') {
    if (!big && Number(n) === 1) return 'phải có ít nhất một mục';
    return big ? `có nhiều nhất ${count(n)} mục` : `phải có ít nhất ${count(n)} mục`;
  }
  if (big)
    return i.inclusive === false ? `phải nhỏ hơn ${count(n)}` : `không được lớn hơn ${count(n)}`;
  return i.inclusive === false ? `phải lớn hơn ${count(n)}` : `không được nhỏ hơn ${count(n)}`;
}

/**
 * Zod's own checks in Vietnamese, without type names or field keys: the per-parse `error`
 * option for every schema whose messages reach a person. Messages written on a schema win.
 */
export function vietnameseZodError(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null) return 'chưa nhập';
      const expected = (issue as Issue & { expected?: string }).expected ?? '';
      return TYPE_WORDS[expected] ?? 'không hợp lệ';
    }
    case 'too_small':
      return sizeText(issue, false);
    case 'too_big':
      return sizeText(issue, true);
    case 'invalid_format':
      return 'không đúng định dạng';
    case 'invalid_value':
      return 'không thuộc các giá trị được chọn';
    case 'unrecognized_keys': {
      const keys = (issue as Issue & { keys?: string[] }).keys ?? [];
      const named = keys.flatMap((k) => fieldLabel(k) ?? []);
      return named.length === keys.length && named.length > 0
        ? `không nhận thông tin: ${named.join(', ')}`
        : 'có thông tin không thuộc mẫu nhập';
    }
    case 'not_multiple_of':
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case undefined:
      return 'không hợp lệ';
  }
}

/** One line per problem: "Họ và tên: không được để trống". */
export function issueTexts(error: z.ZodError, limit = 20): string[] {
  return error.issues.slice(0, limit).map((i) => {
    if (i.path.length === 0) return i.message;
    const where = describePath(i.path);
    // Messages written on a schema often start with their field's label already.
    return i.message.startsWith(where) ? i.message : `${where}: ${i.message}`;
  });
}
