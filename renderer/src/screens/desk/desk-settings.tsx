// Cấu hình một cửa: dossier code template, supplement clock rule, where results are
// collected, office hours (working weekdays and sessions).
import '@mantine/dates/styles.css';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { TimePicker } from '@mantine/dates';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OpOutput } from '../../../../core/contract';
import { checkCodeFormat, formatCode } from '../../../../core/desk/code-format';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorText, notifyDone } from '../../components/errors';
import { useLoad } from '../../components/use-load';
import { civilDateOf, WEEKDAY_LABELS } from '../../format';
import { ErrorAlert } from '../../components/error-alert';
import { GuardedForm } from '../../components/guarded-form';
import { TextField, TextareaField } from '../../components/fields';

type Settings = OpOutput<'desk.getSettings'>;

function SettingsForm({ initial }: { readonly initial: Settings }) {
  const { session } = useSession();
  const [form, setForm] = useState<Settings>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(initial), [initial]);
  const codeError = checkCodeFormat(form.codeFormat);
  const sample = codeError
    ? null
    : formatCode(form.codeFormat, {
        agency: session?.office.agencyCode ?? '000.00.00.H00',
        date: civilDateOf(Date.now()),
        seq: 7,
      });
  const sessions = form.officeHours.sessions;
  const setSessions = (list: Settings['officeHours']['sessions']) =>
    setForm({ ...form, officeHours: { ...form.officeHours, sessions: list } });

  const setSession = (i: number, patch: Partial<Settings['officeHours']['sessions'][number]>) =>
    setSessions(sessions.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setForm(await api.desk.updateSettings(form));
      notifyDone('Đã lưu cấu hình một cửa.');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <GuardedForm onSubmit={(e) => void submit(e)} aria-label="Cấu hình một cửa">
      <Stack>
        <ErrorAlert error={error} />
        <Card withBorder>
          <TextField
            label="Mẫu mã hồ sơ"
            value={form.codeFormat}
            onChange={(e) => setForm({ ...form, codeFormat: e.currentTarget.value })}
            error={codeError}
            required
          />
          <Text size="xs" c="dimmed" mt={4}>
            Ký hiệu: <Code>{'{agency}'}</Code> mã định danh cơ quan, <Code>{'{yyyy}'}</Code> năm,{' '}
            <Code>{'{yy}'}</Code> năm (2 số), <Code>{'{mm}'}</Code> tháng, <Code>{'{dd}'}</Code>{' '}
            ngày, <Code>{'{seq:4}'}</Code> số thứ tự (4 chữ số; đánh lại theo ngày, tháng hoặc năm
            tùy ký hiệu ngày có trong mẫu).
          </Text>
          {sample ? (
            <Text size="sm" mt="xs">
              Ví dụ: <b data-testid="code-sample">{sample}</b>
            </Text>
          ) : null}
        </Card>
        <Card withBorder>
          <Radio.Group
            label="Khi yêu cầu bổ sung hồ sơ"
            value={form.supplementRule}
            onChange={(v) =>
              setForm({ ...form, supplementRule: v === 'restart' ? 'restart' : 'pause' })
            }
          >
            <Stack gap={6} mt={6}>
              <Radio
                value="pause"
                label="Tạm dừng tính thời gian (cộng thêm thời gian chờ bổ sung)"
              />
              <Radio
                value="restart"
                label="Tính lại từ đầu (thời hạn mới tính từ khi nhận đủ hồ sơ)"
              />
            </Stack>
          </Radio.Group>
        </Card>
        <Card withBorder>
          <TextareaField
            label="Nơi trả kết quả"
            autosize
            minRows={2}
            value={form.collectPlace}
            onChange={(e) => setForm({ ...form, collectPlace: e.currentTarget.value })}
          />
        </Card>
        <Card withBorder>
          <Checkbox.Group
            label="Ngày làm việc trong tuần"
            value={form.officeHours.workdays.map(String)}
            onChange={(v) =>
              setForm({
                ...form,
                officeHours: { ...form.officeHours, workdays: v.map(Number).sort((a, b) => a - b) },
              })
            }
          >
            <Group mt={6}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <Checkbox key={d} value={String(d)} label={WEEKDAY_LABELS[d]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Text size="sm" fw={500} mt="md" mb={4}>
            Buổi làm việc
          </Text>
          <Stack gap="xs">
            {sessions.map((s, i) => (
              <Group key={i} gap="xs">
                <TimePicker
                  format="24h"
                  value={s.start}
                  onChange={(v) => setSession(i, { start: v })}
                  aria-label={`Buổi ${i + 1}: bắt đầu`}
                  w={110}
                />
                <Text>–</Text>
                <TimePicker
                  format="24h"
                  value={s.end}
                  onChange={(v) => setSession(i, { end: v })}
                  aria-label={`Buổi ${i + 1}: kết thúc`}
                  w={110}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={sessions.length <= 1}
                  onClick={() => setSessions(sessions.filter((_, j) => j !== i))}
                  aria-label={`Xóa buổi ${i + 1}`}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {sessions.length < 4 ? (
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                onClick={() => setSessions([...sessions, { start: '13:30', end: '17:00' }])}
              >
                Thêm buổi
              </Button>
            ) : null}
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={codeError !== null}>
            Lưu cấu hình
          </Button>
        </Group>
      </Stack>
    </GuardedForm>
  );
}

export function DeskSettingsScreen() {
  const { data, error } = useLoad(useCallback(() => api.desk.getSettings({}), []));
  return (
    <Stack maw={760}>
      <Title order={2}>Cấu hình một cửa</Title>
      {error ? <Alert color="red">{error}</Alert> : null}
      {data ? <SettingsForm initial={data} /> : null}
    </Stack>
  );
}
