// The notices the province published, each at its newest version: title and text, when,
// until when, whether offices still show it, and a "Thu hồi" button for the shown ones.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { noticeShown, type NoticeView } from '../../core/sync/notice';
import { formatCivilDate, formatDateTime } from './format';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

function NoticeStatus({ notice, today }: { readonly notice: NoticeView; readonly today: string }) {
  if (notice.withdrawn) {
    return (
      <Badge color="red" variant="light" miw="max-content">
        Đã thu hồi
      </Badge>
    );
  }
  return noticeShown(notice, today) ? (
    <Badge color="green" variant="light" miw="max-content">
      Đang hiển thị
    </Badge>
  ) : (
    <Badge color="gray" variant="light" miw="max-content">
      Đã hết hạn
    </Badge>
  );
}

export function NoticeList({
  notices,
  today,
  onWithdraw,
}: {
  readonly notices: readonly NoticeView[];
  readonly today: string;
  readonly onWithdraw: (notice: NoticeView) => void;
}) {
  if (notices.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Chưa có thông báo nào.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} aria-label="Thông báo đã công bố" data-testid="notice-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Thông báo</Table.Th>
          <Table.Th style={NOWRAP}>Công bố lúc</Table.Th>
          <Table.Th style={NOWRAP}>Hiển thị đến</Table.Th>
          <Table.Th style={NOWRAP}>Trạng thái</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {notices.map((n) => (
          <Table.Tr key={n.key} data-testid={`notice-${n.key}`}>
            <Table.Td>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {n.title}
                </Text>
                {n.important ? (
                  <Badge color="orange" size="sm" variant="filled" style={{ flexShrink: 0 }}>
                    Quan trọng
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {n.body}
              </Text>
            </Table.Td>
            <Table.Td style={NOWRAP}>{formatDateTime(n.publishedAt)}</Table.Td>
            <Table.Td style={NOWRAP}>
              {n.showUntil ? formatCivilDate(n.showUntil) : 'Đến khi thu hồi'}
            </Table.Td>
            <Table.Td>
              <NoticeStatus notice={n} today={today} />
            </Table.Td>
            <Table.Td ta="right" style={NOWRAP}>
              {noticeShown(n, today) ? (
                <Button size="xs" variant="light" color="red" onClick={() => onWithdraw(n)}>
                  Thu hồi
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
