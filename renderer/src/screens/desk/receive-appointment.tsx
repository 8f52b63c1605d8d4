// The appointment the citizen will get, shown large while the desk fills the form.
import { Card, Text } from '@mantine/core';
import type { Channel } from '../../../../core/catalog/schema';
import { formatDateTime } from '../../format';
import type { Preview } from './receive-hooks';

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  direct: 'Trực tiếp',
  postal: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến',
};

export function AppointmentCard({
  preview,
  error,
}: {
  readonly preview: Preview | null;
  readonly error: string | null;
}) {
  return (
    <Card withBorder bg="indigo.0">
      <Text size="sm" c="dimmed">
        Hẹn trả kết quả
      </Text>
      <Text fz={26} fw={700} c="indigo.9" data-testid="appointment">
        {preview ? `Hẹn trả: ${formatDateTime(preview.dueAt)}` : '—'}
      </Text>
      {preview ? (
        <Text size="sm" c="dimmed">
          Tiếp nhận lúc {formatDateTime(preview.receivedAt)}
        </Text>
      ) : null}
      {error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : null}
    </Card>
  );
}
