// Sổ theo dõi phản ánh, kiến nghị: search (diacritics optional), filter by state, deadlines
// past due in red, answered on time or late, Excel, and "Tiếp nhận" for a new entry.
import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import type { OpInput } from '../../../../../core/contract';
import type { FeedbackRow } from '../../../../../core/contract/satisfaction';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { AppLink } from '../../../components/app-link';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, XLSX_MIME } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate, formatCount } from '../../../format';
import { overdueStyle } from '../nonconformity/register';
import { CreateFeedbackDialog } from './create-dialog';

type StateFilter = NonNullable<OpInput<'feedback.list'>['state']>;

const FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'open', label: 'Đang xử lý' },
  { value: 'overdue', label: 'Quá hạn' },
  { value: 'answered', label: 'Đã trả lời' },
  { value: 'cancelled', label: 'Đã hủy' },
  { value: 'all', label: 'Tất cả' },
];

/** Roles that take in feedback (core/qms/feedback.ts createRoles). */
export const FEEDBACK_CREATORS = ['desk_officer', 'iso_coordinator', 'leader'];

/** A badge never shrinks below its words in a narrow column (no "TRẢ LỜI ĐÚN…"). */
const WHOLE = { minWidth: 'max-content' } as const;

export function ResultBadge({
  row,
}: {
  readonly row: Pick<FeedbackRow, 'state' | 'onTime' | 'overdue'>;
}) {
  if (row.state === 'cancelled')
    return (
      <Badge color="gray" variant="light" style={WHOLE}>
        Đã hủy
      </Badge>
    );
  if (row.onTime === true)
    return (
      <Badge color="green" variant="light" style={WHOLE}>
        Trả lời đúng hạn
      </Badge>
    );
  if (row.onTime === false)
    return (
      <Badge color="red" variant="light" style={WHOLE}>
        Trả lời trễ hạn
      </Badge>
    );
  return (
    <Badge color={row.overdue ? 'red' : 'orange'} variant="light" style={WHOLE}>
      {row.overdue ? 'Quá hạn, chưa trả lời' : 'Đang xử lý'}
    </Badge>
  );
}

export function FeedbackRegisterScreen() {
  const { session } = useSession();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('open');
  const [creating, setCreating] = useState(false);
  const { data, error } = useLoad(
    useCallback(() => api.feedback.list({ query, state }), [query, state]),
  );
  const exporting = useAction();
  const exportExcel = () =>
    void exporting.run(async () => {
      const file = await api.feedback.exportExcel({ query, state });
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
    });
  const mayCreate = session?.user.roles.some((r) => FEEDBACK_CREATORS.includes(r)) ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Phản ánh, kiến nghị của người dân</Title>
        <Group gap="xs">
          <Button variant="default" onClick={exportExcel} loading={exporting.busy}>
            Xuất Excel
          </Button>
          {mayCreate ? (
            <Button onClick={() => setCreating(true)}>Tiếp nhận phản ánh, kiến nghị</Button>
          ) : null}
        </Group>
      </Group>
      <Card withBorder>
        <Group align="flex-end">
          <TextInput
            label="Tìm theo số hoặc nội dung"
            placeholder="VD: PAKN-2026, thái độ"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
          />
          <SegmentedControl data={FILTERS} value={state} onChange={(v) => setState(v)} />
        </Group>
      </Card>
      <ErrorAlert error={error ?? exporting.error} />
      <Card withBorder p={0}>
        <Table striped highlightOnHover aria-label="Sổ theo dõi phản ánh, kiến nghị">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Ngày tiếp nhận</Table.Th>
              <Table.Th>Loại</Table.Th>
              <Table.Th>Nội dung</Table.Th>
              <Table.Th>Hồ sơ</Table.Th>
              <Table.Th>Người xử lý</Table.Th>
              <Table.Th>Hạn xử lý</Table.Th>
              <Table.Th>Kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.rows ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="feedback-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <AppLink to={`/qms/feedback/${r.id}`}>{r.code}</AppLink>
                </Table.Td>
                <Table.Td>{formatCivilDate(r.receivedOn)}</Table.Td>
                <Table.Td>{r.typeLabel}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {r.content}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[r.senderName, r.channelLabel].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.dossierCode ?? '—'}</Table.Td>
                <Table.Td>{r.ownerName ?? '—'}</Table.Td>
                <Table.Td {...overdueStyle(r.overdue)} style={{ whiteSpace: 'nowrap' }}>
                  {formatCivilDate(r.deadline)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <ResultBadge row={r} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.rows.length === 0 ? (
          <Text c="dimmed" p="md">
            Không có phản ánh, kiến nghị nào.
          </Text>
        ) : null}
      </Card>
      {data ? (
        <Text size="sm" c="dimmed">
          {formatCount(data.total)} phản ánh, kiến nghị
        </Text>
      ) : null}
      {creating ? <CreateFeedbackDialog onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
