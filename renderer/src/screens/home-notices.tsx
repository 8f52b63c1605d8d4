// The province's notices in force today (sync.notices), on the home screen: important ones
// first, in an orange frame; nothing at all when there is none.
import { Alert, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { NoticeView } from '../../../core/sync/notice';
import { api } from '../api/client';
import { ErrorAlert } from '../components/error-alert';
import { useLoad } from '../components/use-load';
import { formatCivilDate, formatDateTime } from '../format';

function NoticeItem({ notice }: { readonly notice: NoticeView }) {
  return (
    <Alert
      color={notice.important ? 'orange' : 'blue'}
      variant={notice.important ? 'light' : 'outline'}
      title={
        <Group gap="xs">
          <Text fw={600}>{notice.title}</Text>
          {notice.important && (
            <Badge color="orange" size="sm">
              Quan trọng
            </Badge>
          )}
        </Group>
      }
      data-testid="province-notice"
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {notice.body}
      </Text>
      <Text size="xs" c="dimmed" mt="xs">
        Công bố lúc {formatDateTime(notice.publishedAt)}
        {notice.showUntil && ` · hiển thị đến hết ngày ${formatCivilDate(notice.showUntil)}`}
      </Text>
    </Alert>
  );
}

export function ProvinceNotices() {
  const loader = useCallback(() => api.sync.notices({}), []);
  const { data, error } = useLoad(loader);
  if (error) return <ErrorAlert error={error} />;
  if (!data || data.notices.length === 0) return null;
  return (
    <Card withBorder data-testid="province-notices">
      <Text fw={600} mb="xs">
        Thông báo của tỉnh
      </Text>
      <Stack gap="sm">
        {data.notices.map((n) => (
          <NoticeItem key={n.key} notice={n} />
        ))}
      </Stack>
    </Card>
  );
}
