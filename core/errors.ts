// Stable error codes with the Vietnamese message the UI shows as is.

export const ERROR_MESSAGES = {
  UNKNOWN_OPERATION: 'Thao tác không tồn tại.',
  INVALID_INPUT: 'Dữ liệu nhập không hợp lệ.',
  NOT_AUTHENTICATED: 'Bạn cần đăng nhập để tiếp tục.',
  SESSION_EXPIRED: 'Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  BAD_CREDENTIALS:
    'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa vì nhập sai nhiều lần (thử lại sau ít phút).',
  ACCOUNT_LOCKED: 'Tài khoản tạm bị khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau.',
  ACCOUNT_DISABLED: 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.',
  ALREADY_SET_UP: 'Cơ quan đã được thiết lập.',
  NOT_SET_UP: 'Cơ quan chưa được thiết lập.',
  USERNAME_TAKEN: 'Tên đăng nhập đã tồn tại.',
  NOT_FOUND: 'Không tìm thấy dữ liệu.',
  CONFLICT: 'Dữ liệu đã bị thay đổi bởi thao tác khác. Vui lòng tải lại.',
  LAST_ADMIN: 'Không thể gỡ quyền hoặc khóa quản trị viên cuối cùng.',
  WRONG_PASSWORD: 'Mật khẩu hiện tại không đúng.',
  WEAK_PASSWORD: 'Mật khẩu quá dễ đoán. Hãy chọn mật khẩu khác.',
  SAME_PASSWORD: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
  PASSWORD_CHANGE_REQUIRED: 'Bạn cần đổi mật khẩu trước khi tiếp tục làm việc.',
  BACKUP_INVALID: 'Tệp sao lưu không hợp lệ hoặc bị hỏng; dữ liệu hiện tại được giữ nguyên.',
  BACKUP_FAILED: 'Không sao lưu được dữ liệu.',
  BACKUP_NOT_FOUND:
    'Không tìm thấy tệp sao lưu đã chọn. Kiểm tra lại USB hoặc thư mục rồi chọn lại tệp; dữ liệu hiện tại được giữ nguyên.',
  BACKUP_LOCKED:
    'Bản sao lưu này được mã hóa bằng khóa của máy khác. Hãy nhập mã khôi phục của cơ quan (bản in cất khi thiết lập) để mở; dữ liệu hiện tại được giữ nguyên.',
  ESCROW_NOT_RELEASED:
    'Tỉnh chưa cấp cho máy này khóa của bản sao lưu đã chọn. Hãy báo quản trị viên của tỉnh mã khóa của bản sao lưu để được cấp, rồi thử lại; dữ liệu hiện tại được giữ nguyên.',
  PROVINCE_UNREACHABLE:
    'Không liên lạc được máy chủ tỉnh. Kiểm tra kết nối mạng rồi thử lại; dữ liệu hiện tại được giữ nguyên.',
  RECOVERY_CODE_WRONG:
    'Mã khôi phục không đúng với bản sao lưu này. Kiểm tra lại từng ký tự; dữ liệu hiện tại được giữ nguyên.',
  DATA_KEY_MISSING:
    'Không tìm thấy khóa dữ liệu của máy này nên không mở được cơ sở dữ liệu. Hãy khôi phục từ bản sao lưu bằng mã khôi phục, hoặc khôi phục từ máy chủ tỉnh.',
  DATA_KEY_OTHER_ACCOUNT:
    'Dữ liệu của cơ quan trên máy này đang được mở bằng tài khoản Windows khác. Lần đầu dùng ISO Xã ở tài khoản này, hãy nhập mã khôi phục của cơ quan.',
  RECOVERY_CODE_NONE:
    'Cơ quan chưa có mã khôi phục nên tài khoản Windows này chưa mở được dữ liệu. Hãy mở ISO Xã bằng tài khoản Windows đã dùng trước đây, vào Sao lưu tạo mã khôi phục, in và cất giữ, rồi quay lại tài khoản này nhập mã.',
  REPLY_FILE_INVALID:
    'Tệp phản hồi bị hỏng hoặc không phải tệp phản hồi của ISO Xã; dữ liệu trên máy được giữ nguyên.',
  REPLY_FILE_SIGNATURE:
    'Chữ ký của tệp phản hồi không đúng: tệp đã bị sửa hoặc không do máy chủ tỉnh cấp. Dữ liệu trên máy được giữ nguyên.',
  REPLY_FILE_OTHER_OFFICE:
    'Tệp phản hồi này dành cho cơ quan hoặc máy khác; dữ liệu trên máy được giữ nguyên.',
  FILE_TOO_LARGE:
    'Tệp quá lớn: mỗi tệp đính kèm tối đa 20 MB. Hãy quét lại với độ phân giải thấp hơn.',
  FILE_TYPE: 'Chỉ đính kèm được tệp PDF hoặc ảnh JPEG, PNG.',
  FILE_MISSING:
    'Tệp đính kèm không còn trên máy này hoặc đã bị hỏng. Hãy đính kèm lại bản quét của giấy tờ.',
  SAVE_PATH_INVALID: 'Không lưu được vào nơi đã chọn. Hãy chọn thư mục hoặc tên tệp khác.',
  FILE_EXISTS: 'Tệp đã có ở nơi đã chọn. Chọn "Ghi đè" để thay bằng bản mới, hoặc đặt tên khác.',
  FILE_SAVE_FAILED: 'Không lưu được tệp đính kèm vào máy. Kiểm tra dung lượng ổ đĩa rồi thử lại.',
  AUDIT_FILE_INVALID:
    'Tệp không phải gói đánh giá hoặc tệp kết quả đánh giá của ISO Xã, hoặc bị hỏng; không có gì được ghi.',
  AUDIT_FILE_TAMPERED:
    'Tệp đánh giá đã bị thay đổi sau khi xuất (chữ ký hoặc mã hóa không khớp); không có gì được ghi.',
  AUDIT_FILE_PASSPHRASE:
    'Mật khẩu gói đánh giá không đúng (hoặc tệp đã bị thay đổi). Kiểm tra lại từng ký tự; không có gì được ghi.',
  AUDIT_FILE_OTHER: 'Tệp đánh giá này thuộc cuộc đánh giá hoặc cơ quan khác; không có gì được ghi.',
  AUDIT_FILE_STALE:
    'Tệp kết quả này đã được nhập hoặc cũ hơn lần nhập trước; không có gì thay đổi.',
  DB_LOCKED:
    'Cơ sở dữ liệu đang được một chương trình khác sử dụng. Hãy đóng cửa sổ ISO Xã khác rồi mở lại.',
  DB_NEWER: 'Cơ sở dữ liệu được tạo bởi phiên bản ISO Xã mới hơn. Vui lòng cập nhật phần mềm.',
  DB_CORRUPT: 'Cơ sở dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất.',
  INTERNAL: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ bộ phận kỹ thuật.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** BACKUP_LOCKED naming the backup's key, so the province can release that key to this PC. */
export const backupLocked = (keyName: string): string =>
  `Bản sao lưu này được mã hóa bằng khóa của máy khác (mã khóa ${keyName}). Hãy nhập mã khôi phục của cơ quan (bản in cất khi thiết lập), hoặc đề nghị quản trị viên của tỉnh cấp khóa ${keyName} cho máy này rồi chọn "Dùng khóa do tỉnh cấp"; dữ liệu hiện tại được giữ nguyên.`;

/** ESCROW_NOT_RELEASED naming the key the province has to release. */
export const escrowNotReleased = (keyName: string): string =>
  `Tỉnh chưa cấp cho máy này khóa ${keyName} của bản sao lưu đã chọn. Hãy báo quản trị viên của tỉnh mã khóa này để được cấp (trang của xã, mục "Khóa dữ liệu tỉnh giữ"), rồi thử lại; dữ liệu hiện tại được giữ nguyên.`;

export interface AppErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly string[];
}

/** Thrown by services; the binding turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[] | undefined;
  constructor(code: ErrorCode, message?: string, details?: readonly string[]) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): AppErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
