// Turns any failure into the Vietnamese text the user sees.
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../core/contract/client';

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return error.details?.length ? `${error.message} ${error.details.join('; ')}` : error.message;
  }
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.';
}

export function notifyError(error: unknown): void {
  notifications.show({ color: 'red', title: 'Không thực hiện được', message: errorText(error) });
}

export function notifyDone(message: string): void {
  notifications.show({ color: 'green', title: 'Thành công', message });
}
