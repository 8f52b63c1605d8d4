// Công bố HTQLCL: the decision in force (number, signing date, signer, scope), the draft being
// prepared (its clauses not applicable, printed as a draft, signed by the chairman), whether a
// new announcement is due and what changed, and the earlier decisions.
import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { OpOutput } from '../../../../../core/contract';
import type { RecordView } from '../../../../../core/contract/qms';
import { announcementData } from '../../../../../core/qms/announcement';
import { api } from '../../../api/client';
import { DocOutputs } from '../../../components/doc-outputs';
import { TextField } from '../../../components/fields';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { ExclusionsEditor } from './exclusions';

type Overview = OpOutput<'announcements.overview'>;
type Scope = Overview['current'];

function ScopeTables({ scope }: { readonly scope: Scope }) {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Điều khoản không áp dụng
      </Text>
      {scope.notApplicable.length === 0 ? (
        <Text size="sm" c="dimmed">
          Áp dụng mọi điều khoản.
        </Text>
      ) : (
        <List size="sm">
          {scope.notApplicable.map((e) => (
            <List.Item key={e.clause}>
              {e.clause} {e.title}: {e.reason}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm" fw={600}>
        {scope.procedures.length} thủ tục hành chính trong phạm vi
      </Text>
      <Table striped withTableBorder verticalSpacing={4} aria-label="Thủ tục trong phạm vi">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>STT</Table.Th>
            <Table.Th w={120}>Mã thủ tục</Table.Th>
            <Table.Th>Tên thủ tục</Table.Th>
            <Table.Th>Lĩnh vực</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scope.procedures.map((p, i) => (
            <Table.Tr key={p.code}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{p.code}</Table.Td>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.field}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const outputs = (r: RecordView, label: string) => (
  <DocOutputs
    label={label}
    print={() => api.announcements.print({ id: r.id })}
    word={() => api.announcements.exportDocx({ id: r.id })}
  />
);

function InForce({ record }: { readonly record: RecordView }) {
  const d = announcementData.parse(record.data);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={4}>
          Quyết định số {d.decisionNo} ngày {d.signedOn ? formatCivilDate(d.signedOn) : ''}
        </Title>
        <Badge color="teal" data-testid="announcement-state">
          {record.stateLabel}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {d.signerTitle || 'Chủ tịch'} {d.approved?.name ?? ''} ký ban hành
        {d.replaces
          ? `; thay thế Quyết định số ${d.replaces.decisionNo} ngày ${formatCivilDate(d.replaces.signedOn)}`
          : ''}
      </Text>
      <Group mb="sm">{outputs(record, 'In quyết định')}</Group>
      <ScopeTables scope={d.scope} />
    </Card>
  );
}

/** The chairman signs with the decision's number and date (not after today: the services
 * refuse a later one); the draft is cancelled with a reason. */
const WORDS: Readonly<Record<string, TransitionWords>> = {
  approve: {
    title: 'Ký ban hành quyết định công bố',
    date: 'Ngày ký',
    comment: 'Ghi chú',
    color: 'teal',
    fields: {
      initial: { decisionNo: '' },
      render: (v, set) => (
        <TextField
          label="Số quyết định"
          placeholder="VD: 125/QĐ-UBND"
          value={typeof v['decisionNo'] === 'string' ? v['decisionNo'] : ''}
          onChange={(e) => set({ ...v, decisionNo: e.currentTarget.value })}
          required
        />
      ),
    },
  },
  cancel: { title: 'Hủy dự thảo', comment: 'Lý do', color: 'gray' },
};

function Draft({
  record,
  overview,
  onChange,
}: {
  readonly record: RecordView;
  readonly overview: Overview;
  readonly onChange: () => void;
}) {
  const d = announcementData.parse(record.data);
  const mayEdit =
    overview.excludable.length > 0 && record.transitions.some((t) => t.name === 'cancel');
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={4}>Dự thảo quyết định công bố {record.code}</Title>
        <TransitionButtons record={record} words={WORDS} onDone={onChange} />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Soạn ngày {d.drafted ? formatCivilDate(d.drafted.on) : ''} bởi {d.drafted?.name ?? ''}
      </Text>
      <Group mb="sm">{outputs(record, 'In dự thảo')}</Group>
      {mayEdit ? (
        <ExclusionsEditor
          draft={record}
          excludable={overview.excludable}
          current={d.scope.notApplicable}
          onDone={onChange}
        />
      ) : null}
      <ScopeTables scope={d.scope} />
    </Card>
  );
}

export function AnnouncementScreen() {
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad(
    useCallback(() => api.announcements.overview({}), [version]), // eslint-disable-line react-hooks/exhaustive-deps
  );
  const action = useAction();
  const reload = () => setVersion((v) => v + 1);
  const draft = () =>
    void action.run(async () => {
      await api.announcements.draft({
        notApplicable: (data?.current.notApplicable ?? []).map((e) => ({
          clause: e.clause,
          reason: e.reason,
        })),
        note: '',
      });
      notifyDone('Đã lập dự thảo quyết định công bố từ danh mục thủ tục hiện tại.');
      reload();
    });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Công bố HTQLCL phù hợp TCVN ISO 9001:2015</Title>
        {data.mayDraft ? (
          <Button onClick={draft} loading={action.busy}>
            Lập dự thảo quyết định công bố
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={action.error} />
      {data.due ? (
        <Alert
          color="orange"
          title={data.inForce ? 'Cần công bố lại' : 'Chưa có quyết định công bố'}
        >
          {data.changes.length ? (
            <List size="sm">
              {data.changes.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          ) : (
            'Cơ quan chưa công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015.'
          )}
        </Alert>
      ) : null}
      {data.draft ? <Draft record={data.draft} overview={data} onChange={reload} /> : null}
      {data.inForce ? <InForce record={data.inForce} /> : null}
      {data.earlier.length ? (
        <Card withBorder>
          <Text fw={600} mb="xs">
            Các quyết định trước
          </Text>
          <List size="sm">
            {data.earlier.map((r) => {
              const d = announcementData.parse(r.data);
              return (
                <List.Item key={r.id}>
                  {d.decisionNo ? `Quyết định số ${d.decisionNo}` : `Dự thảo ${r.code}`}
                  {d.signedOn ? ` ngày ${formatCivilDate(d.signedOn)}` : ''} · {r.stateLabel}
                </List.Item>
              );
            })}
          </List>
        </Card>
      ) : null}
    </Stack>
  );
}
