// Báo cáo năm: the yearly report to the province's Sở KH&CN, by year. The years from this one
// back (and any with a report) with each report's state; the chosen year's report, or the
// button that generates it from the year's data.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { YearlyReport } from './report';

const SHOWN_YEARS = 4;

export function YearlyReportScreen({ year: asked }: { readonly year?: string | undefined }) {
  const [version, setVersion] = useState(0);
  const [, navigate] = useLocation();
  const { data, error } = useLoad(
    useCallback(() => api.yearly.list({}), [version]), // eslint-disable-line react-hooks/exhaustive-deps
  );
  const action = useAction();
  const reload = () => setVersion((v) => v + 1);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const byYear = new Map(data.reports.map((r) => [Number(r.data['year']), r]));
  const years = [
    ...new Set([
      ...Array.from({ length: SHOWN_YEARS }, (_, i) => data.maxYear - i),
      ...byYear.keys(),
    ]),
  ].sort((a, b) => b - a);
  const year = asked && /^\d{4}$/.test(asked) ? Number(asked) : data.dueYear;
  const report = byYear.get(year) ?? null;
  const generate = () =>
    void action.run(async () => {
      await api.yearly.generate({ year });
      notifyDone(`Đã lập báo cáo năm ${year} từ số liệu của năm.`);
      reload();
    });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Báo cáo năm về HTQLCL gửi Sở KH&CN</Title>
      </Group>
      <Group gap="sm">
        <Text size="sm">Năm báo cáo:</Text>
        <SegmentedControl
          aria-label="Năm báo cáo"
          value={String(year)}
          onChange={(v) => navigate(`/qms/yearly-report/${v}`)}
          data={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Group gap={6}>
          {years.map((y) => {
            const r = byYear.get(y);
            return r ? (
              <Badge key={y} variant="light" color={r.state === 'sent' ? 'teal' : 'gray'}>
                {y}: {r.stateLabel}
              </Badge>
            ) : null;
          })}
        </Group>
      </Group>
      <ErrorAlert error={action.error} />
      {report ? (
        <YearlyReport key={`${report.id}:${report.rev}`} record={report} onChange={reload} />
      ) : year > data.maxYear ? (
        <Alert color="orange">Năm {year} chưa đến: chưa lập được báo cáo.</Alert>
      ) : (
        <Card withBorder>
          <Stack gap="sm" align="flex-start">
            <Text>
              Chưa có báo cáo năm {year}.
              {year === data.dueYear ? ' Báo cáo năm này đang đến hạn gửi Sở KH&CN.' : ''}
            </Text>
            <Text size="sm" c="dimmed">
              Số liệu (tài liệu, đánh giá nội bộ, xem xét của lãnh đạo, mục tiêu, sự không phù hợp,
              sự hài lòng, kết quả giải quyết hồ sơ) được lấy từ dữ liệu của năm; các mục khó khăn,
              đề xuất do Thư ký ISO nhập. Mẫu báo cáo:{' '}
              {data.templateVersion ? `của tỉnh, phiên bản ${data.templateVersion}` : 'mặc định'}.
            </Text>
            {data.mayGenerate ? (
              <Button onClick={generate} loading={action.busy}>
                Lập báo cáo năm {year}
              </Button>
            ) : null}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
