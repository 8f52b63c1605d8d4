// Editing a year's official announcements: extra days off, swapped working days, and whether
// they replace the law's defaults. Saved as one document per year.
import {
  ActionIcon,
  Alert,
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
import type { YearOverrides } from '../../../../core/calendar/calendar-schema';
import { api } from '../../api/client';
import { errorText, notifyDone } from '../../components/errors';
import { VnDateInput } from '../../components/inputs';
import { formatCivilDate, WEEKDAY_LABELS, weekdayOfCivil } from '../../format';

export const DAY_OFF_KINDS: Readonly<Record<string, string>> = {
  holiday: 'Ngày lễ, Tết',
  substitute: 'Nghỉ bù',
  weekend: 'Nghỉ hằng tuần',
};

type Kind = 'holiday' | 'substitute';
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
      <Table withTableBorder verticalSpacing={2} aria-label={title}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.date}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatCivilDate(r.date)}
                <Text size="xs" c="dimmed">
                  {WEEKDAY_LABELS[weekdayOfCivil(r.date)]}
                </Text>
              </Table.Td>
              <Table.Td>{r.name}</Table.Td>
              {withKind ? (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {DAY_OFF_KINDS[r.kind ?? 'holiday']}
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
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          Chưa có.
        </Text>
      ) : null}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <VnDateInput size="xs" value={date} onChange={setDate} w={120} aria-label="Ngày" />
        <TextInput
          size="xs"
          placeholder="Tên ngày"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: 1 }}
          aria-label="Tên ngày"
        />
        {withKind ? (
          <Select
            size="xs"
            data={[
              { value: 'holiday', label: DAY_OFF_KINDS['holiday'] ?? '' },
              { value: 'substitute', label: DAY_OFF_KINDS['substitute'] ?? '' },
            ]}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(v === 'substitute' ? 'substitute' : 'holiday')}
            w={120}
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

export function OverridesEditor({
  initial,
  onSaved,
}: {
  readonly initial: YearOverrides;
  readonly onSaved: () => void;
}) {
  const [value, setValue] = useState<YearOverrides>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.calendar.update({ overrides: value });
      notifyDone(`Đã lưu lịch năm ${value.year}.`);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Switch
        label="Thay thế toàn bộ ngày nghỉ mặc định theo luật (chỉ dùng danh sách dưới đây)"
        checked={value.replaceDefaults}
        onChange={(e) => setValue({ ...value, replaceDefaults: e.currentTarget.checked })}
      />
      <DateList
        title="Ngày nghỉ theo thông báo"
        rows={value.daysOff}
        withKind
        onChange={(rows) =>
          setValue({ ...value, daysOff: rows.map((r) => ({ ...r, kind: r.kind ?? 'holiday' })) })
        }
      />
      <DateList
        title="Ngày làm bù (làm việc dù là ngày nghỉ)"
        rows={value.workingDays}
        withKind={false}
        onChange={(rows) => setValue({ ...value, workingDays: rows })}
      />
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy}>
          Lưu lịch năm {value.year}
        </Button>
      </Group>
    </Stack>
  );
}
