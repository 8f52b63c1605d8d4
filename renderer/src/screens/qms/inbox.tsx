// "Việc cần làm": the landing screen of every role. What waits on this user across the app —
// dossier steps held, documents to review, approve or acknowledge, periodic reviews, actions —
// overdue first, then by due time; each line opens the screen where it is done.
import { Alert, Anchor, Badge, Button, Group, SegmentedControl, Stack, Table } from '@mantine/core';
import { Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import type { InboxItem } from '../../../../core/contract/qms';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime } from '../../format';
import { useInbox } from '../../shell/inbox-counts';
import { sourceLabel } from './inbox-labels';

function Due({ item }: { readonly item: InboxItem }) {
  if (item.dueAt === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const text = item.source === 'dossier_step' ? formatDateTime(item.dueAt) : formatDate(item.dueAt);
  return (
    <Text size="sm" c={item.overdue ? 'red' : 'dark'} fw={item.overdue ? 700 : 400}>
      {text}
      {item.overdue ? ' (quá hạn)' : ''}
    </Text>
  );
}

export function InboxScreen() {
  const [, navigate] = useLocation();
  const { data, error, reload } = useInbox();
  const [only, setOnly] = useState<'all' | 'overdue'>('all');
  // Opening the screen shows what waits now, not what waited at login.
  useEffect(reload, [reload]);
  const items = (data?.items ?? []).filter((i) => only === 'all' || i.overdue);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Việc cần làm</Title>
        <Group gap="xs">
          {data ? (
            <>
              <Badge size="lg" variant="light" data-testid="inbox-total">
                {data.total} việc
              </Badge>
              {data.overdue > 0 ? (
                <Badge size="lg" color="red" data-testid="inbox-overdue">
                  {data.overdue} quá hạn
                </Badge>
              ) : null}
            </>
          ) : null}
          <SegmentedControl
            size="xs"
            value={only}
            onChange={(v) => setOnly(v === 'overdue' ? 'overdue' : 'all')}
            data={[
              { value: 'all', label: 'Tất cả' },
              { value: 'overdue', label: 'Quá hạn' },
            ]}
          />
          <Button variant="default" size="xs" onClick={reload}>
            Tải lại
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {data && items.length === 0 ? (
        <Alert color="green" title="Không có việc nào đang chờ bạn">
          Hồ sơ được chuyển đến bạn, tài liệu cần xem xét, phê duyệt hoặc xác nhận đã đọc, và các
          hành động được giao cho bạn sẽ hiện ở đây.
        </Alert>
      ) : null}
      {items.length > 0 ? (
        <Table striped highlightOnHover withTableBorder aria-label="Việc cần làm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Hạn</Table.Th>
              <Table.Th w={160}>Loại</Table.Th>
              <Table.Th>Việc cần làm</Table.Th>
              <Table.Th>Nội dung</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const [label, color] = sourceLabel(item.source);
              return (
                <Table.Tr
                  key={`${item.source}-${item.id}-${item.task}`}
                  data-source={item.source}
                  data-overdue={item.overdue}
                  onClick={() => navigate(item.link)}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <Due item={item} />
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={color}>
                      {label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      size="sm"
                      fw={600}
                      href={`#${item.link}`}
                      onClick={(e) => {
                        e.preventDefault();
                        e.stopPropagation();
                        navigate(item.link);
                      }}
                    >
                      {item.task}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {item.code ? <b>{item.code} </b> : null}
                      {item.title}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
