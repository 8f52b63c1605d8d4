// Editing a year's official announcements: days off (holiday or substitute), swapped working
// days, and whether they replace the law's defaults. The desktop's Settings and the
// province's publishing page both use it.
import {
  ActionIcon,
  Button,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { YearOverrides } from '../../../core/calendar/calendar-schema';
import { VnDateInput } from './inputs';
import { formatCivilDate, WEEKDAY_LABELS, weekdayOfCivil } from '../format';

const KIND_LABELS = { holiday: 'Ngày lễ, Tết', substitute: 'Nghỉ bù' } as const;
type Kind = keyof typeof KIND_LABELS;

/** Labels of every kind of day off a calendar shows, the weekly rest included. */
export const DAY_OFF_KINDS: Readonly<Record<string, string>> = {
  ...KIND_LABELS,
  weekend: 'Nghỉ hằng tuần',
};
interface Row {
  readonly date: string;
  readonly name: string;
  readonly kind?: Kind;
}

function DateList({
  title,
  rows,
  withKind,
  onChange,
}: {
  readonly title: string;
  readonly rows: readonly Row[];
  readonly withKind: boolean;
  readonly onChange: (rows: Row[]) => void;
}) {
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('holiday');
  const add = () => {
    if (!date || !name.trim()) return;
    const row: Row = withKind ? { date, name: name.trim(), kind } : { date, name: name.trim() };
    onChange(
      [...rows.filter((r) => r.date !== date), row].sort((a, b) => a.date.localeCompare(b.date)),
    );
    setDate(null);
    setName('');
  };
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          Chưa có.
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={2} aria-label={title}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.date}>
                <Table.Td style={{ whiteSpace: 'nowrap' }} w={130}>
                  {formatCivilDate(r.date)}
                  <Text size="xs" c="dimmed">
                    {WEEKDAY_LABELS[weekdayOfCivil(r.date)]}
                  </Text>
                </Table.Td>
                <Table.Td>{r.name}</Table.Td>
                {withKind ? (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {KIND_LABELS[r.kind ?? 'holiday']}
                  </Table.Td>
                ) : null}
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Xóa ${formatCivilDate(r.date)}`}
                    onClick={() => onChange(rows.filter((x) => x.date !== r.date))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <VnDateInput
          size="xs"
          value={date}
          onChange={setDate}
          w={130}
          aria-label={`Ngày — ${title}`}
        />
        <TextInput
          size="xs"
          placeholder="Tên ngày"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
          aria-label={`Tên ngày — ${title}`}
        />
        {withKind ? (
          <Select
            size="xs"
            data={[
              { value: 'holiday', label: KIND_LABELS.holiday },
              { value: 'substitute', label: KIND_LABELS.substitute },
            ]}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(v === 'substitute' ? 'substitute' : 'holiday')}
            w={130}
            aria-label="Loại ngày nghỉ"
          />
        ) : null}
        <Button size="xs" variant="light" onClick={add} disabled={!date || !name.trim()}>
          Thêm
        </Button>
      </Group>
    </Stack>
  );
}

export function CalendarEditor({
  value,
  onChange,
}: {
  readonly value: YearOverrides;
  readonly onChange: (value: YearOverrides) => void;
}) {
  return (
    <Stack>
      <Switch
        label="Thay thế toàn bộ ngày nghỉ mặc định theo luật (chỉ dùng danh sách dưới đây)"
        checked={value.replaceDefaults}
        onChange={(e) => onChange({ ...value, replaceDefaults: e.currentTarget.checked })}
      />
      <DateList
        title="Ngày nghỉ theo thông báo"
        rows={value.daysOff}
        withKind
        onChange={(rows) =>
          onChange({ ...value, daysOff: rows.map((r) => ({ ...r, kind: r.kind ?? 'holiday' })) })
        }
      />
      <DateList
        title="Ngày làm bù (làm việc dù là ngày nghỉ)"
        rows={value.workingDays}
        withKind={false}
        onChange={(rows) =>
          onChange({ ...value, workingDays: rows.map((r) => ({ date: r.date, name: r.name })) })
        }
      />
    </Stack>
  );
}
