// Saving a year's official announcements (the shared CalendarEditor) as one document per year.
import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { YearOverrides } from '../../../../core/calendar/calendar-schema';
import { api } from '../../api/client';
import { errorText, notifyDone } from '../../components/errors';
import { CalendarEditor } from '../../components/calendar-overrides';
import { ErrorAlert } from '../../components/error-alert';

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
      <CalendarEditor value={value} onChange={setValue} />
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={busy}>
          Lưu lịch năm {value.year}
        </Button>
      </Group>
    </Stack>
  );
}
