// Lịch làm việc: a year's days off and swapped working days as the deadline arithmetic sees
// them, the office hours, and the year's official announcements to edit.
import { Alert, Anchor, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../auth/session';
import { VnNumberInput } from '../../components/inputs';
import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import { useLoad } from '../../components/use-load';
import { civilDateOf, formatCivilDate, WEEKDAY_LABELS, weekdayOfCivil } from '../../format';
import { DAY_OFF_KINDS } from '../../components/calendar-overrides';
import { OverridesEditor } from './calendar-edit';

const NOWRAP = { whiteSpace: 'nowrap' } as const;
const SOURCE_LABELS: Readonly<Record<string, string>> = {
  law: 'tính theo Bộ luật Lao động (chưa có thông báo của năm)',
  seed: 'thông báo chính thức cài sẵn',
  office: 'cơ quan cập nhật',
  province: 'tỉnh công bố',
};

export function describeHours(hours: {
  workdays: readonly number[];
  sessions: readonly { start: string; end: string }[];
}): string {
  const days = [...hours.workdays].sort((a, b) => a - b).map((d) => WEEKDAY_LABELS[d]);
  return `${days.join(', ')}; ${hours.sessions.map((s) => `${s.start}–${s.end}`).join(', ')}`;
}

export function CalendarScreen() {
  const { can } = useSession();
  const [year, setYear] = useState(() => Number(civilDateOf(Date.now()).slice(0, 4)));
  const { data, error, reload } = useLoad(useCallback(() => api.calendar.get({ year }), [year]));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Lịch làm việc</Title>
        <VnNumberInput
          label="Năm"
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v !== null && setYear(v)}
          w={160}
        />
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      {data && data.year === year ? (
        <Grid>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack>
              <Card withBorder>
                <Text fw={600} mb={4}>
                  Giờ làm việc
                </Text>
                <Text size="sm">{describeHours(data.officeHours)}</Text>
                <Text size="xs" c="dimmed" data-testid="hours-hint">
                  {can('office.manage') ? (
                    <>
                      Sửa tại{' '}
                      <Anchor href="#/desk-settings" size="xs">
                        Cấu hình một cửa
                      </Anchor>
                      .
                    </>
                  ) : (
                    'Giờ làm việc do quản trị hệ thống cập nhật (Cấu hình một cửa).'
                  )}
                </Text>
              </Card>
              <Card withBorder>
                <Text fw={600} mb={4}>
                  Ngày nghỉ năm {data.year}
                </Text>
                <Text size="xs" c="dimmed" mb="xs">
                  Nguồn: {SOURCE_LABELS[data.source] ?? data.source}
                </Text>
                <Table striped withTableBorder verticalSpacing={4} aria-label="Ngày nghỉ">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Ngày</Table.Th>
                      <Table.Th>Thứ</Table.Th>
                      <Table.Th>Tên</Table.Th>
                      <Table.Th>Loại</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.daysOff.map((d) => (
                      <Table.Tr key={d.date} data-date={d.date}>
                        <Table.Td style={NOWRAP}>{formatCivilDate(d.date)}</Table.Td>
                        <Table.Td style={NOWRAP}>{WEEKDAY_LABELS[weekdayOfCivil(d.date)]}</Table.Td>
                        <Table.Td>{d.name}</Table.Td>
                        <Table.Td style={NOWRAP}>{DAY_OFF_KINDS[d.kind] ?? d.kind}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
              <Card withBorder>
                <Text fw={600} mb="xs">
                  Ngày làm bù
                </Text>
                {data.workingDays.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Không có ngày làm bù.
                  </Text>
                ) : null}
                {data.workingDays.map((d) => (
                  <Text size="sm" key={d.date}>
                    {formatCivilDate(d.date)} ({WEEKDAY_LABELS[weekdayOfCivil(d.date)]}): {d.name}
                  </Text>
                ))}
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Điều chỉnh theo thông báo chính thức năm {data.year}
              </Text>
              <OverridesEditor
                key={`${data.year}-${JSON.stringify(data.overrides)}`}
                initial={data.overrides}
                onSaved={reload}
              />
            </Card>
          </Grid.Col>
        </Grid>
      ) : null}
    </Stack>
  );
}
