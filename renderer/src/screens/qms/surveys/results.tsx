// A survey's results: per question, the forms choosing each option as horizontal bars (with
// the count and share), blanks, and the satisfied share of a satisfaction question; Excel.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { QuestionResultView } from '../../../../../core/contract/surveys';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, XLSX_MIME } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCount } from '../../../format';

const pct = (v: number | null) =>
  v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;

function QuestionCard({ q }: { readonly q: QuestionResultView }) {
  const data = q.options.map((o) => ({ option: `${o.label} (${pct(o.percent)})`, count: o.count }));
  return (
    <Card withBorder data-testid="survey-result" data-question={q.key}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Text size="sm" fw={600}>
          Câu {q.no}. {q.text}
        </Text>
        {q.satisfiedPercent !== null ? (
          <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
            Hài lòng {pct(q.satisfiedPercent)}
          </Badge>
        ) : null}
      </Group>
      <BarChart
        h={q.options.length * 34 + 40}
        data={data}
        dataKey="option"
        orientation="vertical"
        series={[{ name: 'count', label: 'Số phiếu', color: 'indigo.6' }]}
        valueFormatter={formatCount}
        xAxisProps={{ allowDecimals: false }}
        yAxisProps={{ width: 230, interval: 0, fontSize: 12 }}
        withBarValueLabel
        gridAxis="none"
        aria-label={`Biểu đồ câu ${q.no}`}
      />
      <Text size="xs" c="dimmed">
        {formatCount(q.answered)} phiếu trả lời, {formatCount(q.blank)} phiếu để trống
      </Text>
    </Card>
  );
}

export function SurveyResults({ id, version }: { readonly id: string; readonly version: number }) {
  const { data, error } = useLoad(
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: reload after an entry
    useCallback(() => api.surveys.results({ id }), [id, version]),
  );
  const exporting = useAction();
  const exportExcel = () =>
    void exporting.run(async () => {
      const file = await api.surveys.exportExcel({ id });
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
    });
  return (
    <Stack>
      <ErrorAlert error={error ?? exporting.error} />
      <Group justify="space-between">
        <Text fw={600} data-testid="survey-result-forms">
          {data ? `Kết quả trên ${formatCount(data.forms)} phiếu hợp lệ` : ''}
        </Text>
        <Button variant="default" onClick={exportExcel} loading={exporting.busy}>
          Xuất Excel
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {(data?.questions ?? []).map((q) => (
          <QuestionCard key={q.key} q={q} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
