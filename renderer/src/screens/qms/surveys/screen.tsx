// Satisfaction surveys: the list (period, question set, forms entered) with "Tạo cuộc khảo sát"
// for the ISO secretary and the chairman; one survey with its life (open, close, reopen), the
// keyboard data-entry of its paper forms while it is open, and its results with charts.
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { surveyData } from '../../../../../core/qms/survey';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { AppLink } from '../../../components/app-link';
import { ErrorAlert } from '../../../components/error-alert';
import { TextField } from '../../../components/fields';
import { GuardedForm } from '../../../components/guarded-form';
import { VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate, formatCount } from '../../../format';
import { RecordHistory } from '../record-history';
import { TransitionButtons } from '../transition-buttons';
import { SurveyEntry } from './entry';
import { SurveyForms } from './forms';
import { SurveyResults } from './results';

const MANAGERS = ['iso_coordinator', 'leader'];

function CreateSurveyDialog({ onClose }: { readonly onClose: () => void }) {
  const [, navigate] = useLocation();
  const today = civilDateOf(Date.now());
  const sets = useLoad(useCallback(() => api.surveys.sets({}), []));
  const [title, setTitle] = useState('');
  const [setKey, setSetKey] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState<string | null>(today);
  const action = useAction();
  const chosen = setKey ?? sets.data?.[0]?.key ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return action.setError('Hãy chọn bộ câu hỏi.');
    if (!from || !to) return action.setError('Hãy nhập thời gian khảo sát.');
    void action.run(async () => {
      const created = await api.surveys.create({ title, setKey: chosen, from, to });
      navigate(`/qms/surveys/${created.id}`);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Tạo cuộc khảo sát" size="lg">
      <GuardedForm onSubmit={submit} aria-label="Tạo cuộc khảo sát">
        <Stack gap="sm">
          <ErrorAlert error={action.error ?? sets.error} />
          <TextField
            label="Tên cuộc khảo sát"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            placeholder="VD: Khảo sát sự hài lòng quý IV"
            required
            data-autofocus
          />
          <Select
            label="Bộ câu hỏi"
            data={(sets.data ?? []).map((s) => ({
              value: s.key,
              label: `${s.title} (${s.fromProvince ? `của tỉnh, phiên bản ${s.version}` : 'mặc định'}, ${s.questions.length} câu)`,
            }))}
            value={chosen}
            onChange={setSetKey}
            allowDeselect={false}
          />
          <Group grow>
            <VnDateInput label="Từ ngày" value={from} onChange={setFrom} required />
            <VnDateInput label="Đến ngày" value={to} onChange={setTo} required />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              Tạo
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </Modal>
  );
}

export function SurveysScreen() {
  const { session } = useSession();
  const [creating, setCreating] = useState(false);
  const { data, error } = useLoad(useCallback(() => api.surveys.list({}), []));
  const mayCreate = session?.user.roles.some((r) => MANAGERS.includes(r)) ?? false;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Khảo sát sự hài lòng của người dân</Title>
        {mayCreate ? <Button onClick={() => setCreating(true)}>Tạo cuộc khảo sát</Button> : null}
      </Group>
      <ErrorAlert error={error} />
      <Card withBorder p={0}>
        <Table striped highlightOnHover aria-label="Các cuộc khảo sát">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Số</Table.Th>
              <Table.Th>Tên cuộc khảo sát</Table.Th>
              <Table.Th>Thời gian</Table.Th>
              <Table.Th>Bộ câu hỏi</Table.Th>
              <Table.Th ta="right">Số phiếu</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="survey-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <AppLink to={`/qms/surveys/${r.id}`}>{r.code}</AppLink>
                </Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatCivilDate(r.from)} – {formatCivilDate(r.to)}
                </Table.Td>
                <Table.Td>{r.setTitle}</Table.Td>
                <Table.Td ta="right">{formatCount(r.forms)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" style={{ minWidth: 'max-content' }}>
                    {r.stateLabel}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.length === 0 ? (
          <Text c="dimmed" p="md">
            Chưa có cuộc khảo sát nào.
          </Text>
        ) : null}
      </Card>
      {creating ? <CreateSurveyDialog onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}

const WORDS = {
  open: { title: 'Mở nhập phiếu', color: 'indigo' },
  close: { title: 'Kết thúc khảo sát', color: 'gray' },
  reopen: { title: 'Mở lại để nhập thêm', comment: 'Lý do mở lại', color: 'indigo' },
};

export function SurveyDetailScreen({ id }: { readonly id: string }) {
  const { session } = useSession();
  const { data, error, setData, reload } = useLoad(
    useCallback(() => api.surveys.get({ id }), [id]),
  );
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState<string | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const { survey, forms } = data;
  const d = surveyData.parse(survey.data);
  const open = survey.state === 'open';
  const current = tab ?? (open ? 'entry' : 'results');
  const mayVoid = session?.user.roles.some((r) => MANAGERS.includes(r)) ?? false;
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2}>{survey.title}</Title>
              <Badge size="lg" variant="light" data-testid="survey-state">
                {survey.stateLabel}
              </Badge>
            </Group>
            <Text c="dimmed" size="sm">
              {survey.code} · {formatCivilDate(d.from)} – {formatCivilDate(d.to)} · {d.setTitle} (
              {d.setVersion === 0 ? 'bộ câu hỏi mặc định' : `phiên bản ${d.setVersion} của tỉnh`},{' '}
              {d.questions.length} câu)
            </Text>
          </Stack>
          <TransitionButtons
            record={survey}
            words={WORDS}
            onDone={(next) => {
              setData({ ...data, survey: next });
              setVersion((v) => v + 1);
            }}
          />
        </Group>
      </Card>
      <Tabs value={current} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {open ? <Tabs.Tab value="entry">Nhập phiếu</Tabs.Tab> : null}
          <Tabs.Tab value="forms">Các phiếu ({formatCount(forms.length)})</Tabs.Tab>
          <Tabs.Tab value="results">Kết quả</Tabs.Tab>
          <Tabs.Tab value="history">Lịch sử</Tabs.Tab>
        </Tabs.List>
        {open ? (
          <Tabs.Panel value="entry" pt="sm">
            <SurveyEntry
              surveyId={survey.id}
              questions={d.questions}
              forms={forms}
              series={data.series}
              onSaved={(form) => {
                const others = forms.filter((f) => f.id !== form.id);
                const sorted = [...others, form].sort(
                  (a, b) => a.series - b.series || a.formNo - b.formNo,
                );
                setData({ ...data, forms: sorted });
                setVersion((v) => v + 1);
              }}
            />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="forms" pt="sm">
          <SurveyForms
            forms={forms}
            questions={d.questions}
            mayVoid={mayVoid}
            onVoided={() => {
              reload();
              setVersion((v) => v + 1);
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="sm">
          <SurveyResults id={survey.id} version={version} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <RecordHistory id={survey.id} version={version} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
