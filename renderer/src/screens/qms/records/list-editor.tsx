// Editing a draft record list: one line per kind of record (name, keeper, paper or electronic,
// where, how long, how destroyed). "Vĩnh viễn" keeps a record for ever (civil status).
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import {
  RECORD_PLACE_LABELS,
  RECORD_PLACES,
  type RecordItem,
  type RecordListData,
} from '../../../../../core/qms/record-list';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { GuardedForm } from '../../../components/guarded-form';
import { VnNumberInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';

const BLANK: RecordItem = {
  name: '',
  keeper: '',
  place: 'shelf',
  location: '',
  retentionYears: 5,
  disposal: 'Hủy bằng máy hủy tài liệu',
};

export function ListEditor({
  record,
  data,
  onClose,
  onDone,
}: {
  readonly record: RecordView;
  readonly data: RecordListData;
  readonly onClose: () => void;
  readonly onDone: (next: RecordView) => void;
}) {
  const [items, setItems] = useState<RecordItem[]>(data.items.map((i) => ({ ...i })));
  const action = useAction();
  const set = (i: number, change: Partial<RecordItem>) =>
    setItems(items.map((it, j) => (j === i ? { ...it, ...change } : it)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const next = await api.records.saveList({
        id: record.id,
        rev: record.rev,
        year: data.year,
        processName: data.processName,
        procedureCode: data.procedureCode,
        code: record.code,
        items,
      });
      notifyDone(`Đã lưu danh mục ${next.code}.`);
      onDone(next);
    });
  };
  return (
    <Modal opened onClose={onClose} title={`Sửa danh mục hồ sơ: ${data.processName}`} size="100%">
      <GuardedForm onSubmit={submit} aria-label="Sửa danh mục hồ sơ">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tên hồ sơ</Table.Th>
                <Table.Th w={170}>Người lưu giữ</Table.Th>
                <Table.Th w={170}>Hình thức</Table.Th>
                <Table.Th w={150}>Nơi lưu</Table.Th>
                <Table.Th w={150}>Thời hạn lưu (năm)</Table.Th>
                <Table.Th w={200}>Phương pháp hủy</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((it, i) => (
                <Table.Tr key={i} data-testid="record-item-edit">
                  <Table.Td>
                    <TextInput
                      aria-label={`Tên hồ sơ dòng ${i + 1}`}
                      value={it.name}
                      onChange={(e) => set(i, { name: e.currentTarget.value })}
                      required
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Người lưu giữ dòng ${i + 1}`}
                      value={it.keeper}
                      onChange={(e) => set(i, { keeper: e.currentTarget.value })}
                      required
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Hình thức dòng ${i + 1}`}
                      data={RECORD_PLACES.map((p) => ({ value: p, label: RECORD_PLACE_LABELS[p] }))}
                      value={it.place}
                      onChange={(e) =>
                        set(i, { place: e.currentTarget.value as RecordItem['place'] })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Nơi lưu dòng ${i + 1}`}
                      value={it.location}
                      onChange={(e) => set(i, { location: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {it.retentionYears === null ? null : (
                        <VnNumberInput
                          aria-label={`Thời hạn lưu dòng ${i + 1}`}
                          w={64}
                          value={it.retentionYears}
                          onChange={(v) => set(i, { retentionYears: v })}
                          min={1}
                          max={100}
                          required
                        />
                      )}
                      <Checkbox
                        label="Vĩnh viễn"
                        checked={it.retentionYears === null}
                        onChange={(e) =>
                          set(i, { retentionYears: e.currentTarget.checked ? null : 5 })
                        }
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Phương pháp hủy dòng ${i + 1}`}
                      value={it.disposal}
                      onChange={(e) => set(i, { disposal: e.currentTarget.value })}
                      required
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Bỏ dòng ${i + 1}`}
                      disabled={items.length === 1}
                      onClick={() => setItems(items.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Button variant="light" onClick={() => setItems([...items, { ...BLANK }])}>
              Thêm loại hồ sơ
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Hủy
              </Button>
              <Button type="submit" loading={action.busy}>
                Lưu danh mục
              </Button>
            </Group>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}
