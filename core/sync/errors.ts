// Error codes of the sync server with the Vietnamese message the desktop and dashboard show.
import { z } from 'zod';

export const SYNC_ERRORS = {
  INVALID_REQUEST: 'Yêu cầu không hợp lệ.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn. Hãy chia nhỏ lô đồng bộ.',
  UNSUPPORTED_MEDIA: 'Định dạng dữ liệu không được hỗ trợ.',
  UNAUTHENTICATED: 'Thiết bị chưa được xác thực hoặc phiên đã hết hạn. Vui lòng xác thực lại.',
  DEVICE_REVOKED:
    'Máy này đã bị thu hồi quyền đồng bộ. Liên hệ Sở Khoa học và Công nghệ để được cấp mã đăng ký mới.',
  FORBIDDEN: 'Không có quyền thực hiện thao tác này.',
  ENROLL_CODE_INVALID: 'Mã đăng ký không đúng hoặc đã được sử dụng.',
  ENROLL_CODE_EXPIRED: 'Mã đăng ký đã hết hạn. Đề nghị Sở cấp mã mới.',
  KEY_ALREADY_ENROLLED: 'Khóa của máy này đã được đăng ký.',
  OFFICE_MISMATCH:
    'Mã đăng ký này được cấp cho một đơn vị khác với đơn vị của máy này. Mã vẫn còn hiệu lực cho đúng đơn vị.',
  UPGRADE_REQUIRED:
    'Phiên bản ISO Xã trên máy này đã quá cũ. Vui lòng cập nhật phần mềm rồi đồng bộ lại.',
  SERVER_OUTDATED: 'Máy chủ tỉnh chưa hỗ trợ phiên bản phần mềm này. Vui lòng liên hệ Sở.',
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  NOT_FOUND: 'Không tìm thấy dữ liệu.',
  CONFLICT: 'Dữ liệu đã tồn tại.',
  RATE_LIMITED: 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  BUSY: 'Máy chủ đang quá tải. Phần mềm sẽ tự thử lại sau.',
  SYNC_FILE_INVALID: 'Tệp đồng bộ không hợp lệ, bị hỏng hoặc chữ ký không đúng.',
  SYNC_FILE_SEALED:
    'Tệp đồng bộ không mở được bằng khóa của máy chủ tỉnh này: tệp được mã hóa cho một máy chủ tỉnh khác hoặc đã bị thay đổi. Không có dữ liệu nào được ghi.',
  FILE_OFFSET_MISMATCH:
    'Vị trí phần tệp gửi lên không khớp với phần máy chủ đã nhận; phần mềm sẽ gửi tiếp từ vị trí máy chủ báo.',
  FILE_HASH_MISMATCH:
    'Nội dung tệp gửi lên không khớp mã kiểm tra sha256; máy chủ đã bỏ phần đã nhận để gửi lại từ đầu.',
  SEAL_KEY_REQUIRED:
    'Máy này chưa gửi khóa mã hóa của máy cho máy chủ tỉnh, nên tỉnh chưa gửi được dữ liệu có thông tin cá nhân về máy. Hãy cập nhật ISO Xã rồi đồng bộ lại.',
  ESCROW_INVALID: 'Bản lưu ký khóa dữ liệu không mở được bằng khóa của máy chủ tỉnh.',
  INTERNAL: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
} as const;

export type SyncErrorCode = keyof typeof SYNC_ERRORS;

/** Body of every non-2xx response. */
export const syncError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type SyncErrorBody = z.infer<typeof syncError>;

/** Per-op rejection reasons (2xx push results, shown in the app as is). */
export const REJECT_REASONS = {
  unknownEntity: (entity: string) => `Loại dữ liệu "${entity}" không được máy chủ tiếp nhận.`,
  invalidRow: (fields: string) => `Dữ liệu không hợp lệ: ${fields}.`,
  idMismatch: 'Mã bản ghi không khớp với mã trong dữ liệu.',
  opIdTaken: 'Mã thao tác đã được một máy khác sử dụng.',
  seqReused:
    'Số thứ tự thao tác đã được dùng cho một thao tác khác (máy có thể vừa khôi phục từ bản sao lưu cũ).',
  badData: 'Dữ liệu có giá trị máy chủ không lưu được.',
  appendOnly: 'Dòng nhật ký hệ thống không được xóa.',
  officeMismatch: (claimed: string, enrolled: string) =>
    `Dữ liệu của đơn vị có mã ${claimed}, nhưng máy này được đăng ký cho đơn vị có mã ${enrolled}: máy chủ tỉnh không nhận. Liên hệ Sở để đăng ký lại máy cho đúng đơn vị.`,
  /** With status 'deferred': the op is sent again once its file is verified. */
  fileNotVerified:
    'Tệp đính kèm chưa được tải đủ lên máy chủ tỉnh; thao tác sẽ được gửi lại sau khi tệp được xác nhận.',
} as const;
