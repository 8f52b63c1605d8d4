// electron-updater's failures in the words an office official can act on.

const has = (error: unknown, text: string): boolean => {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : ''} ${error.message}`.includes(text);
};

export const UPDATE_MESSAGES = {
  signature:
    'Bộ cài tải về không mang chữ ký số hợp lệ của đơn vị phát hành nên đã bị bỏ, không cài. Hãy báo Sở.',
  checksum:
    'Bộ cài tải về không khớp mã kiểm tra SHA-512 của tỉnh nên đã bị bỏ; phần mềm sẽ tải lại ở lần sau.',
  network:
    'Không tải được bản cập nhật vì mất kết nối với máy chủ tỉnh; phần mềm sẽ tự thử lại sau lần đồng bộ tới.',
  unauthenticated:
    'Máy chủ tỉnh không nhận xác thực của máy này khi tải bản cập nhật; hãy đồng bộ lại.',
  other: 'Không kiểm tra hoặc tải được bản cập nhật; phần mềm sẽ tự thử lại sau.',
  notHere:
    'Chỉ cài được bản cập nhật trong ứng dụng ISO Xã trên máy tính Windows; ở chế độ trình duyệt hãy chạy bộ cài trong thư mục cập nhật.',
  nothing: 'Chưa có bản cập nhật nào đã tải xong để cài.',
} as const;

/** null: not a failure worth showing (nothing published yet). */
export const updateErrorMessage = (error: unknown): string | null => {
  if (has(error, 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND')) return null;
  if (has(error, 'ERR_UPDATER_INVALID_SIGNATURE')) return UPDATE_MESSAGES.signature;
  if (has(error, 'sha512 checksum mismatch') || has(error, 'ERR_CHECKSUM_MISMATCH'))
    return UPDATE_MESSAGES.checksum;
  if (has(error, '401') || has(error, '403')) return UPDATE_MESSAGES.unauthenticated;
  if (/ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket|net::|timeout/i.test(String(error)))
    return UPDATE_MESSAGES.network;
  return UPDATE_MESSAGES.other;
};
