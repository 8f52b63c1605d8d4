// One record list (danh mục hồ sơ) of a procedure or internal process for a year: its lines,
// who drafted and approved it, the moves the user may make (submit, approve, send back, revise,
// cancel) and, while it is a draft, "Sửa danh mục".
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import { RECORD_PLACE_LABELS, recordListData } from '../../../../../core/qms/record-list';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { RecordHeader, RecordSubtitle } from '../record-header';
import { RecordHistory } from '../record-history';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { ListEditor } from './list-editor';
import { retentionText } from './retention';

const EDITORS = ['leader', 'iso_coordinator', 'records_clerk'];
const WORDS: Readonly<Record<string, TransitionWords>> = {
  submit: { title: 'Trình phê duyệt' },
  approve: { title: 'Phê duyệt', color: 'green' },
  reject: { title: 'Trả lại để sửa', comment: 'Nội dung cần sửa', color: 'orange' },
  revise: { title: 'Sửa đổi danh mục', comment: 'Lý do sửa đổi', color: 'gray' },
  cancel: { title: 'Hủy danh mục', comment: 'Lý do hủy', color: 'red' },
};

export function RecordListScreen({ id }: { readonly id: string }) {
  const { session } = useSession();
  const { data: record, error, setData } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const data = recordListData.parse(record.data);
  const mayEdit =
    record.state === 'draft' && (session?.user.roles.some((r) => EDITORS.includes(r)) ?? false);
  const done = (next: RecordView) => {
    setEditing(false);
    setData(next);
    setVersion((v) => v + 1);
  };
  return (
    <Stack>
      <RecordHeader
        title={record.code}
        state={record.stateLabel}
        stateTestId="record-list-state"
        actions={
          <Group gap="xs">
            {mayEdit ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                Sửa danh mục
              </Button>
            ) : null}
            <TransitionButtons record={record} words={WORDS} onDone={done} />
          </Group>
        }
      >
        <Text fw={600}>
          Danh mục hồ sơ năm {data.year}: {data.processName}
        </Text>
        <RecordSubtitle>
          {data.drafted
            ? `Lập: ${data.drafted.name}, ${formatCivilDate(data.drafted.on)}`
            : 'Chưa trình'}
          {data.approved
            ? ` · Phê duyệt: ${data.approved.name}, ${formatCivilDate(data.approved.on)}`
            : ''}
        </RecordSubtitle>
      </RecordHeader>
      {record.state === 'draft' && data.rejectComment ? (
        <Alert color="orange" title="Lãnh đạo trả lại để sửa">
          {data.rejectComment}
        </Alert>
      ) : null}
      <Table striped withTableBorder aria-label="Các loại hồ sơ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>TT</Table.Th>
            <Table.Th>Tên hồ sơ</Table.Th>
            <Table.Th>Người lưu giữ</Table.Th>
            <Table.Th>Hình thức, nơi lưu</Table.Th>
            <Table.Th>Thời hạn lưu</Table.Th>
            <Table.Th>Phương pháp hủy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((it, i) => (
            <Table.Tr key={i} data-testid="record-item">
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{it.name}</Table.Td>
              <Table.Td>{it.keeper}</Table.Td>
              <Table.Td>
                {RECORD_PLACE_LABELS[it.place]}
                {it.location ? ` — ${it.location}` : ''}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {retentionText(it.retentionYears)}
              </Table.Td>
              <Table.Td>{it.disposal}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <RecordHistory id={record.id} version={version} />
      {editing ? (
        <ListEditor record={record} data={data} onClose={() => setEditing(false)} onDone={done} />
      ) : null}
    </Stack>
  );
}
