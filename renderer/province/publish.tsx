// Công bố: the procedure catalog (a JSON catalog file, one feed entry per procedure), a
// year's holiday calendar, an app update (publish-update.tsx), notices (publish-notice.tsx) and
// form notes (publish-form-notes.tsx), each at the next version; offices pull them at their next
// sync.
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { checkYearOverrides, type YearOverrides } from '../../core/calendar/calendar-schema';
import { procedureCatalogSchema, type ProcedureCatalog } from '../../core/catalog/schema';
import { CalendarEditor } from '../src/components/calendar-overrides';
import { errorText, provinceApi } from './api';
import { formatCount, formatDateTime, viCollator } from './format';
import { JsonFileRow } from './json-file-row';
import { issueList, useJsonPublish } from './json-publish';
import { FormNotesPanel } from './publish-form-notes';
import { ChecklistPanel } from './publish-checklist';
import { SatisfactionPanel } from './publish-qms';
import { NoticePanel } from './publish-notice';
import { UpdatePanel } from './publish-update';
import { useLoad } from '../src/components/use-load';
import { ErrorAlert } from '../src/components/error-alert';

const KIND_LABELS: Readonly<Record<string, string>> = {
  catalog: 'Danh mục thủ tục',
  calendar: 'Lịch nghỉ lễ',
  form_template: 'Biểu mẫu',
  notice: 'Thông báo',
  app_update: 'Bản cập nhật',
  model_document: 'Tài liệu mẫu',
  rating_scale: 'Thang đánh giá',
  survey_set: 'Bộ câu hỏi khảo sát',
  report_template: 'Mẫu báo cáo năm',
  audit_checklist: 'Danh mục kiểm tra',
};

function CatalogPanel({ onPublished }: { readonly onPublished: () => void }) {
  const state = useJsonPublish(
    (json): ProcedureCatalog | string => {
      const parsed = procedureCatalogSchema.safeParse(json);
      return parsed.success
        ? parsed.data
        : `Danh mục không hợp lệ: ${issueList(parsed.error.issues)}`;
    },
    async (c) => {
      const { published } = await provinceApi.publishCatalog(c);
      return `Đã công bố ${formatCount(published.length)} thủ tục.`;
    },
    onPublished,
  );
  const catalog = state.chosen;
  const names = catalog
    ? [...catalog.procedures].sort((a, b) => viCollator.compare(a.name, b.name))
    : [];
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Danh mục thủ tục hành chính</Title>
        <Text size="sm" c="dimmed">
          Tải lên tệp danh mục thủ tục (.json) theo mẫu danh mục của ISO Xã, như tệp danh mục cài
          sẵn kèm phần mềm. Mỗi thủ tục được công bố thành một phiên bản mới; các xã nhận ở lần đồng
          bộ tiếp theo.
        </Text>
        <JsonFileRow
          label="Tệp danh mục (.json)"
          button={
            catalog
              ? `Công bố ${formatCount(catalog.procedures.length)} thủ tục`
              : 'Công bố danh mục'
          }
          state={state}
        />
        {catalog ? (
          <Text size="sm" data-testid="catalog-preview">
            {names.map((p) => `${p.name} (${p.code})`).join(' · ')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

const emptyYear = (year: number): YearOverrides => ({
  year,
  daysOff: [],
  workingDays: [],
  replaceDefaults: false,
});

function CalendarPanel({ onPublished }: { readonly onPublished: () => void }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [value, setValue] = useState<YearOverrides>(emptyYear(thisYear));
  const [published, setPublished] = useState<{ version: number | null; at: number | null }>({
    version: null,
    at: null,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    provinceApi.calendar(year).then(
      (c) => {
        if (!live) return;
        setValue(c.body ?? emptyYear(year));
        setPublished({ version: c.version, at: c.publishedAt });
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [year, tick]);

  const publish = async () => {
    const checked = checkYearOverrides(value);
    if (!checked.ok) {
      setError(checked.errors.join('; '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await provinceApi.publishCalendar(checked.value);
      notifications.show({
        color: 'green',
        message: `Đã công bố lịch năm ${year} (phiên bản ${r.version}).`,
      });
      setTick((t) => t + 1);
      onPublished();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map(String);
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Lịch nghỉ lễ, làm bù theo năm</Title>
          <Select
            data={years}
            value={String(year)}
            allowDeselect={false}
            onChange={(v) => v && setYear(Number(v))}
            w={110}
            aria-label="Năm"
          />
        </Group>
        <Text size="sm" c="dimmed">
          {published.version === null || published.at === null
            ? `Chưa công bố lịch năm ${year}. Các xã đang dùng lịch mặc định theo Bộ luật Lao động.`
            : `Đã công bố phiên bản ${published.version} lúc ${formatDateTime(published.at)}.`}
        </Text>
        <CalendarEditor value={value} onChange={setValue} />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={() => void publish()} loading={busy}>
            Công bố lịch năm {year}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function History({ tick }: { readonly tick: number }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- tick asks for a reload
  const loader = useCallback(() => provinceApi.feed(), [tick]);
  const { data, error } = useLoad(loader, errorText);
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Lịch sử công bố</Title>
        {error ? <Alert color="red">{error}</Alert> : null}
        {data && data.entries.length === 0 ? (
          <Text c="dimmed" size="sm">
            Chưa công bố gì.
          </Text>
        ) : (
          <Table verticalSpacing={4} aria-label="Lịch sử công bố" data-testid="feed-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Loại</Table.Th>
                <Table.Th>Khóa</Table.Th>
                <Table.Th ta="right">Phiên bản</Table.Th>
                <Table.Th>Công bố lúc</Table.Th>
                <Table.Th>Người công bố</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.entries ?? []).map((e) => (
                <Table.Tr key={e.serverSeq}>
                  <Table.Td>
                    <Badge variant="light" color={e.kind === 'calendar' ? 'teal' : 'indigo'}>
                      {KIND_LABELS[e.kind] ?? e.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">{e.key}</Table.Td>
                  <Table.Td ta="right">{formatCount(e.version)}</Table.Td>
                  <Table.Td>{formatDateTime(e.publishedAt)}</Table.Td>
                  <Table.Td>{e.publishedBy ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

export function PublishScreen() {
  const [tick, setTick] = useState(0);
  const published = useCallback(() => setTick((t) => t + 1), []);
  return (
    <Stack maw={1000}>
      <Title order={2}>Công bố cho các xã</Title>
      <CatalogPanel onPublished={published} />
      <CalendarPanel onPublished={published} />
      <UpdatePanel onPublished={published} />
      <NoticePanel onPublished={published} />
      <FormNotesPanel onPublished={published} />
      <ChecklistPanel onPublished={published} />
      <SatisfactionPanel onPublished={published} />
      <History tick={tick} />
    </Stack>
  );
}
