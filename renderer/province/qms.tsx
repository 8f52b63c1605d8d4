// Hệ thống chất lượng các xã: every office's quality system for the year (announcement, audit,
// management review, objectives, nonconformities, high risks, satisfaction and the QĐ 766
// ratio, documents overdue for review, the yearly report), ranked by a score whose criteria
// are shown (core/qms/office-score.ts), sortable by any column, with the province-wide line
// and the Excel export of the same table.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { SCORE_CRITERIA } from '../../core/qms/office-score';
import type { OfficeQmsRow, QmsOverview } from '../../core/sync/admin-qms';
import { fold } from '../../core/text/fold';
import { useLoad } from '../src/components/use-load';
import { errorText, provinceApi } from './api';
import { formatCivilDate, formatCount, formatPercent, viCollator } from './format';
import { ScoreHelp } from './qms-help';

type Measure = OfficeQmsRow['status']['qd766'];
const pct = (m: Measure) => formatPercent(m.value === null ? null : m.value / 100);
const day = (d: string | null) => (d === null ? '—' : formatCivilDate(d));

interface Column {
  readonly key: string;
  readonly label: string;
  readonly title: string;
  /** Sort key: numbers sort high first, text in Vietnamese order. */
  readonly sort: (o: OfficeQmsRow) => number | string;
  readonly cell: (o: OfficeQmsRow) => React.ReactNode;
  readonly right?: boolean;
}

const red = (n: number) => (n > 0 ? 'red' : 'inherit');

/** How many this year (orange when none), and the day of the latest one. */
function Held({ count, last }: { readonly count: number; readonly last: string | null }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} c={count === 0 ? 'orange.8' : 'inherit'}>
        {count === 0 ? 'Chưa' : `${count} lần`}
      </Text>
      <Text size="xs" c="dimmed">
        {last === null ? '—' : `gần nhất ${day(last)}`}
      </Text>
    </Stack>
  );
}

/** A rate and how many it is out of, on two lines. */
function Rate({ m, unit }: { readonly m: Measure; readonly unit: string }) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600}>
        {pct(m)}
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatCount(m.denominator)} {unit}
      </Text>
    </Stack>
  );
}

const COLUMNS: readonly Column[] = [
  {
    key: 'rank',
    label: 'Hạng',
    title: 'Xếp hạng theo điểm',
    sort: (o) => -o.rank,
    cell: (o) => o.rank,
    right: true,
  },
  {
    key: 'name',
    label: 'Xã, phường',
    title: 'Tên cơ quan',
    sort: (o) => o.name,
    cell: (o) => (
      <Anchor href={`#/qms/${o.id}`} fw={600}>
        {o.name}
      </Anchor>
    ),
  },
  {
    key: 'score',
    label: 'Điểm',
    title: 'Điểm xếp hạng trên 100 (xem cách tính)',
    sort: (o) => o.score.total,
    cell: (o) => (
      <Tooltip
        multiline
        w={260}
        label={SCORE_CRITERIA.map(
          (c) => `${c.label}: ${o.score.parts[c.key] ?? 0}/${c.weight}`,
        ).join(' · ')}
      >
        <Text fw={700} span>
          {o.score.total.toLocaleString('vi-VN')}
        </Text>
      </Tooltip>
    ),
    right: true,
  },
  {
    key: 'announcement',
    label: 'Công bố HTQLCL',
    title:
      'Quyết định công bố còn hiệu lực; cần công bố lại khi chưa có hoặc xã đã lập dự thảo mới',
    sort: (o) => (o.status.announcement.inForce ? 1 : 0) - (o.status.announcement.due ? 0.5 : 0),
    cell: ({ status: { announcement: a } }) => (
      <Stack gap={0}>
        <Text size="sm" span>
          {a.inForce ? (a.decisionNo ?? '') : 'Chưa có'}
        </Text>
        {a.inForce ? (
          <Text size="xs" c="dimmed">
            {day(a.signedOn)}, {formatCount(a.procedures)} thủ tục
          </Text>
        ) : null}
        {a.due ? (
          <Text size="xs" c="orange.8" fw={700}>
            Cần công bố lại
          </Text>
        ) : null}
      </Stack>
    ),
  },
  {
    key: 'audit',
    label: 'Đánh giá nội bộ',
    title: 'Số cuộc đánh giá nội bộ đã báo cáo trong năm; ngày cuộc gần nhất',
    sort: (o) => o.status.audits.heldThisYear,
    cell: ({ status: { audits } }) => <Held count={audits.heldThisYear} last={audits.lastOn} />,
  },
  {
    key: 'review',
    label: 'Xem xét lãnh đạo',
    title: 'Số cuộc họp xem xét của lãnh đạo trong năm; ngày cuộc gần nhất',
    sort: (o) => o.status.reviews.heldThisYear,
    cell: ({ status: { reviews } }) => <Held count={reviews.heldThisYear} last={reviews.lastOn} />,
  },
  {
    key: 'objectives',
    label: 'Mục tiêu đạt / không đạt',
    title: 'Mục tiêu chất lượng của năm: đạt / không đạt / tổng số',
    sort: (o) => o.status.objectives.met - o.status.objectives.missed / 1000,
    cell: ({ status: { objectives: x } }) => (
      <Stack gap={0}>
        <Text size="sm">
          <Text c="green.8" span fw={600}>
            {x.met}
          </Text>{' '}
          /{' '}
          <Text c={red(x.missed)} span fw={600}>
            {x.missed}
          </Text>
        </Text>
        <Text c="dimmed" size="xs">
          trong {x.total} mục tiêu
        </Text>
      </Stack>
    ),
  },
  {
    key: 'nc',
    label: 'KPH mở / quá hạn',
    title: 'Sự không phù hợp đang xử lý / quá hạn khắc phục',
    sort: (o) => o.status.nonconformities.overdue * 1000 + o.status.nonconformities.open,
    cell: ({ status: { nonconformities: n } }) => (
      <Text size="sm" span>
        {n.open} /{' '}
        <Text c={red(n.overdue)} fw={n.overdue > 0 ? 700 : 400} span>
          {n.overdue}
        </Text>
      </Text>
    ),
  },
  {
    key: 'risks',
    label: 'Rủi ro cao',
    title: 'Rủi ro đang theo dõi ở mức cao (theo điểm sau xử lý nếu đã đánh giá lại)',
    sort: (o) => o.status.highRisks,
    cell: (o) => <Text c={red(o.status.highRisks)}>{o.status.highRisks}</Text>,
    right: true,
  },
  {
    key: 'satisfaction',
    label: 'Hài lòng',
    title: 'Tỷ lệ người dân đánh giá hài lòng (số phiếu)',
    sort: (o) => o.status.satisfaction.value ?? -1,
    cell: ({ status: { satisfaction: s } }) => <Rate m={s} unit="phiếu" />,
    right: true,
  },
  {
    key: 'qd766',
    label: 'QĐ 766',
    title:
      'Tỷ lệ hài lòng theo QĐ 766/QĐ-TTg: (hồ sơ − bị đánh giá không hài lòng − bị phản ánh − trễ hạn) / hồ sơ giải quyết xong trong năm',
    sort: (o) => o.status.qd766.value ?? -1,
    cell: ({ status: { qd766: q } }) => <Rate m={q} unit="hồ sơ" />,
    right: true,
  },
  {
    key: 'documents',
    label: 'Tài liệu quá hạn rà soát',
    title: 'Tài liệu đang hiệu lực đã quá hạn rà soát định kỳ',
    sort: (o) => o.status.documents.reviewsOverdue,
    cell: (o) => (
      <Text c={red(o.status.documents.reviewsOverdue)}>{o.status.documents.reviewsOverdue}</Text>
    ),
    right: true,
  },
  {
    key: 'yearly',
    label: 'Báo cáo năm',
    title: 'Báo cáo năm đến hạn (năm nay từ 01/12, trước đó năm trước) đã gửi về tỉnh',
    sort: (o) => (o.status.yearlyReport.received ? 1 : 0),
    cell: ({ status: { yearlyReport: r } }) =>
      r.received ? (
        <Stack gap={0}>
          <Text size="sm" c="green.8" fw={600}>
            {r.year}: đã gửi
          </Text>
          <Text size="xs" c="dimmed">
            {day(r.sentOn)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="orange.8">
          {r.year}: chưa gửi
        </Text>
      ),
  },
];

function ProvinceLine({ data }: { readonly data: QmsOverview }) {
  const p = data.province;
  const stat = (label: string, value: string, color?: string) => (
    <Paper withBorder p="sm" key={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" {...(color ? { c: color } : {})}>
        {value}
      </Text>
    </Paper>
  );
  const of = (n: number) => `${formatCount(n)} / ${formatCount(p.offices)}`;
  return (
    <SimpleGrid cols={{ base: 2, md: 4, lg: 8 }} data-testid="qms-province">
      {stat('Đã công bố HTQLCL', of(p.announced))}
      {stat('Đã đánh giá nội bộ', of(p.audited))}
      {stat('Đã xem xét lãnh đạo', of(p.reviewed))}
      {stat('Mục tiêu đạt / không đạt', `${p.objectives.met} / ${p.objectives.missed}`)}
      {stat(
        'KPH quá hạn',
        formatCount(p.nonconformities.overdue),
        p.nonconformities.overdue > 0 ? 'red' : undefined,
      )}
      {stat('Rủi ro mức cao', formatCount(p.highRisks))}
      {stat('Hài lòng theo QĐ 766', pct(p.qd766))}
      {stat('Đã gửi báo cáo năm', of(p.yearlyReports))}
    </SimpleGrid>
  );
}

export function QmsScreen() {
  const loader = useCallback(() => provinceApi.qms(), []);
  const { data, error } = useLoad(loader, errorText);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'score', desc: true });
  const rows = useMemo(() => {
    const q = fold(query.trim());
    const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[2];
    const sign = sort.desc ? -1 : 1;
    return (data?.offices ?? [])
      .filter((o) => q === '' || fold(`${o.name} ${o.agencyCode}`).includes(q))
      .sort((a, b) => {
        const x = column ? column.sort(a) : 0;
        const y = column ? column.sort(b) : 0;
        const c =
          typeof x === 'string' || typeof y === 'string'
            ? viCollator.compare(String(x), String(y))
            : x - y;
        return sign * c || viCollator.compare(a.name, b.name);
      });
  }, [data, query, sort]);
  const sortBy = (key: string) =>
    setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }));

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>Hệ thống chất lượng các xã</Title>
          {data ? (
            <Text size="sm" c="dimmed">
              Năm {data.year}, số liệu đến ngày {formatCivilDate(data.asOf)}
            </Text>
          ) : null}
        </Stack>
        <Group>
          <TextInput
            placeholder="Tìm theo tên hoặc mã định danh"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={280}
            aria-label="Tìm xã"
          />
          <Button component="a" href={provinceApi.qmsExportUrl} download variant="light">
            Xuất Excel
          </Button>
        </Group>
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      {data ? <ProvinceLine data={data} /> : null}
      <ScoreHelp />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={1080}>
          <Table
            fz="sm"
            striped
            highlightOnHover
            verticalSpacing={6}
            horizontalSpacing={8}
            data-testid="qms-table"
          >
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((c) => (
                  <Table.Th
                    key={c.key}
                    {...(c.right ? { ta: 'right' as const } : {})}
                    aria-sort={
                      sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined
                    }
                  >
                    <Tooltip label={c.title} multiline w={260}>
                      <UnstyledButton onClick={() => sortBy(c.key)} fw={700} fz="sm">
                        {c.label}
                        {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                      </UnstyledButton>
                    </Tooltip>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id} data-testid={`qms-${o.agencyCode}`}>
                  {COLUMNS.map((c) => (
                    <Table.Td
                      key={c.key}
                      data-col={c.key}
                      {...(c.right ? { ta: 'right' as const } : {})}
                    >
                      {c.cell(o)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && rows.length === 0 ? (
          <Text c="dimmed" p="md">
            Không có xã nào.
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
