// The actions (shared action kind) that follow up one quality-system record: a nonconformity's
// corrective actions, a management review's decided actions. Managers add them (owner, due
// date) while the record takes actions; each owner reports done or is given more time here.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import type { RecordView } from '../../../../core/contract/qms';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { notifyDone } from '../../components/errors';
import { VnDateInput } from '../../components/inputs';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../format';
import { overdueStyle } from './nonconformity/register';
import { TransitionDialog, type TransitionOption } from './transition-dialog';

/** What the card calls the actions of its record. */
export interface ActionWords {
  /** The card's title ('Hành động khắc phục'). */
  readonly title: string;
  /** The add dialog's title ('Thêm hành động khắc phục'). */
  readonly add: string;
  readonly empty: string;
  readonly done: string;
  /** data-testid of each row, for the tests. */
  readonly rowId: string;
}

export const CORRECTIVE_WORDS: ActionWords = {
  title: 'Hành động khắc phục',
  add: 'Thêm hành động khắc phục',
  empty: 'Chưa có hành động khắc phục.',
  done: 'Đã giao hành động khắc phục.',
  rowId: 'nc-action',
};

function AddActionDialog({
  sourceKind,
  sourceId,
  words,
  onClose,
  onDone,
}: {
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly words: ActionWords;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const people = useLoad(useCallback(() => api.qms.people({}), []));
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ownerId) return action.setError('Hãy chọn người thực hiện.');
    if (!dueDate) return action.setError('Hãy chọn thời hạn.');
    void action.run(async () => {
      await api.actions.create({
        title,
        description,
        ownerId,
        dueDate,
        sourceKind,
        sourceId,
      });
      notifyDone(words.done);
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} title={words.add} size="lg">
      <form onSubmit={submit} aria-label={words.add}>
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <TextInput
            label="Hành động"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Textarea
            label="Nội dung thực hiện"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            required
          />
          <Group grow>
            <Select
              label="Người thực hiện"
              data={(people.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.fullName} — ${p.title}`,
              }))}
              value={ownerId}
              onChange={setOwnerId}
              searchable
              required
            />
            <VnDateInput
              label="Thời hạn"
              value={dueDate}
              onChange={setDueDate}
              minDate={civilDateOf(Date.now())}
              required
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Giao hành động
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const STATE_COLORS: Readonly<Record<string, string>> = {
  open: 'orange',
  done: 'blue',
  verified: 'green',
  cancelled: 'gray',
};

/** The parent remounts it (key) when its record moved, since that may move its actions. */
export function ActionsCard({
  sourceKind,
  sourceId,
  words,
  canAdd,
  onChange,
}: {
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly words: ActionWords;
  readonly canAdd: boolean;
  readonly onChange: () => void;
}) {
  const load = useCallback(
    () => api.actions.list({ sourceKind, sourceId }),
    [sourceKind, sourceId],
  );
  const { data, error, reload } = useLoad(load);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<{ record: RecordView; t: TransitionOption } | null>(null);
  const today = civilDateOf(Date.now());
  const changed = () => {
    reload();
    onChange();
  };
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{words.title}</Text>
        {canAdd ? (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Thêm hành động
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={error} />
      {data && data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {words.empty}
        </Text>
      ) : null}
      {data && data.length > 0 ? (
        <Table verticalSpacing={6} aria-label={words.title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Hành động</Table.Th>
              <Table.Th>Người thực hiện</Table.Th>
              <Table.Th>Thời hạn</Table.Th>
              <Table.Th>Kết quả</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((a) => {
              const late = a.dueDate !== null && a.dueDate < today && a.state === 'open';
              return (
                <Table.Tr key={a.id} data-testid={words.rowId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {a.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {text(a.data.description)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.ownerName ?? '—'}</Table.Td>
                  <Table.Td {...overdueStyle(late)}>
                    {a.dueDate ? formatCivilDate(a.dueDate) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge variant="light" color={STATE_COLORS[a.state] ?? 'gray'}>
                        {a.stateLabel}
                      </Badge>
                      <Text size="xs">{text(a.data.result)}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end">
                      {a.transitions
                        .filter((t) => t.name === 'complete' || t.name === 'reschedule')
                        .map((t) => (
                          <Button
                            key={t.name}
                            size="xs"
                            variant={t.name === 'complete' ? 'filled' : 'default'}
                            onClick={() => setMoving({ record: a, t })}
                          >
                            {t.name === 'complete' ? 'Báo cáo đã thực hiện' : 'Gia hạn'}
                          </Button>
                        ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      {adding ? (
        <AddActionDialog
          sourceKind={sourceKind}
          sourceId={sourceId}
          words={words}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            changed();
          }}
        />
      ) : null}
      {moving ? (
        <TransitionDialog
          record={moving.record}
          transition={moving.t}
          words={
            moving.t.name === 'complete'
              ? { title: 'Báo cáo đã thực hiện', comment: 'Kết quả thực hiện', color: 'green' }
              : { date: 'Hạn mới', comment: 'Lý do gia hạn' }
          }
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            changed();
          }}
        />
      ) : null}
    </Card>
  );
}
