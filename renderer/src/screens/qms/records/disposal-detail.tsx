// One disposal decision (quyết định hủy hồ sơ hết thời hạn lưu): what it lists, its basis and
// method; a leader decides it with the decision's number, after a warning that the citizens'
// personal data of every listed dossier is erased for good; a proposal can be withdrawn.
import { Alert, Button, Card, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import { disposalData } from '../../../../../core/qms/disposal';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { Field } from '../../../components/field';
import { TextField } from '../../../components/fields';
import { GuardedForm } from '../../../components/guarded-form';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate, formatDate } from '../../../format';
import { RecordHeader, RecordSubtitle } from '../record-header';
import { RecordHistory } from '../record-history';
import { TransitionButtons } from '../transition-buttons';
import { retentionText } from './retention';

function DecideDialog({
  record,
  total,
  onClose,
  onDone,
}: {
  readonly record: RecordView;
  readonly total: number;
  readonly onClose: () => void;
  readonly onDone: (next: RecordView) => void;
}) {
  const [number, setNumber] = useState('');
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const next = await api.qms.transition({
        id: record.id,
        transition: 'decide',
        rev: record.rev,
        fields: { number },
      });
      notifyDone(`Đã quyết định hủy ${total.toLocaleString('vi-VN')} hồ sơ.`);
      onDone(next);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Quyết định hủy hồ sơ" size="md">
      <GuardedForm onSubmit={submit} aria-label="Quyết định hủy hồ sơ">
        <Stack gap="sm">
          <Alert color="red" title="Không thể hoàn tác">
            Thông tin cá nhân của người dân trong {total.toLocaleString('vi-VN')} hồ sơ (họ tên, số
            giấy tờ, địa chỉ, điện thoại, tệp scan) sẽ bị xóa vĩnh viễn trên máy này và trên máy chủ
            của tỉnh. Số liệu thống kê được giữ nguyên.
          </Alert>
          <ErrorAlert error={action.error} />
          <TextField
            label="Số quyết định"
            placeholder="VD: 15/QĐ-UBND"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              Quyết định hủy
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

export function DisposalDetailScreen({ id }: { readonly id: string }) {
  const { data: record, error, setData } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const [deciding, setDeciding] = useState(false);
  const [version, setVersion] = useState(0);
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const data = disposalData.parse(record.data);
  const done = (next: RecordView) => {
    setDeciding(false);
    setData(next);
    setVersion((v) => v + 1);
  };
  return (
    <Stack>
      <RecordHeader
        title={data.number ? `Quyết định hủy hồ sơ số ${data.number}` : 'Đề nghị hủy hồ sơ'}
        state={record.stateLabel}
        stateTestId="disposal-state"
        actions={
          <Group gap="xs">
            {record.transitions.some((t) => t.name === 'decide') ? (
              <Button color="red" onClick={() => setDeciding(true)}>
                Quyết định hủy
              </Button>
            ) : null}
            <TransitionButtons
              record={record}
              hide={['decide']}
              words={{ cancel: { title: 'Rút đề nghị hủy', comment: 'Lý do', color: 'gray' } }}
              onDone={done}
            />
          </Group>
        }
      >
        <RecordSubtitle>
          Đề nghị ngày {formatDate(record.createdAt)} · {data.total.toLocaleString('vi-VN')} hồ sơ
        </RecordSubtitle>
      </RecordHeader>
      <Card withBorder>
        <Stack gap="sm">
          <Field label="Căn cứ">{data.basis}</Field>
          <Field label="Phương pháp hủy">{data.method}</Field>
          {data.decided ? (
            <Field label="Quyết định">
              Số {data.number}, {data.decided.name} ký ngày {formatCivilDate(data.decided.on)}; đã
              xóa thông tin cá nhân của {data.erased.toLocaleString('vi-VN')} hồ sơ.
            </Field>
          ) : null}
        </Stack>
      </Card>
      <Table striped withTableBorder aria-label="Danh sách hồ sơ hủy">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Thủ tục</Table.Th>
            <Table.Th>Năm kết thúc</Table.Th>
            <Table.Th>Thời hạn lưu</Table.Th>
            <Table.Th>Số hồ sơ</Table.Th>
            <Table.Th>Từ mã — đến mã</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.groups.map((g) => (
            <Table.Tr key={`${g.procedureId}/${g.closedYear}`}>
              <Table.Td>
                {g.procedureName}
                <Text size="xs" c="dimmed">
                  {g.procedureCode}
                </Text>
              </Table.Td>
              <Table.Td>{g.closedYear}</Table.Td>
              <Table.Td>{retentionText(g.retentionYears)}</Table.Td>
              <Table.Td>{g.count.toLocaleString('vi-VN')}</Table.Td>
              <Table.Td>
                {g.firstCode} — {g.lastCode}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <RecordHistory id={record.id} version={version} />
      {deciding ? (
        <DecideDialog
          record={record}
          total={data.total}
          onClose={() => setDeciding(false)}
          onDone={done}
        />
      ) : null}
    </Stack>
  );
}
