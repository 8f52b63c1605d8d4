// Hồ sơ HTQLCL của một xã: the office's quality-system records as synced to the province,
// read-only (issue #10 item 6): documents in force with their revision and next review,
// objectives with their measurements, nonconformities (overdue in red), risks with their
// level, internal audits with their findings, management reviews, the announcement and the
// yearly reports. Sections come from core/qms/office-records.ts; labels from core/qms.
import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { DOC_TYPE_LABELS, type DocType } from '../../core/qms/document';
import { FINDING_TYPE_LABELS, type FindingType } from '../../core/qms/finding';
import { NC_SOURCE_LABELS, type NcSource } from '../../core/qms/nonconformity';
import { officeRecordSections } from '../../core/qms/office-records';
import { RISK_TYPE_LABELS, type RiskType } from '../../core/qms/risk';
import { DEFAULT_RISK_SCALE, levelLabel } from '../../core/qms/risk-scale';
import type { OfficeRecordView } from '../../core/sync/admin-qms-records';
import { useLoad } from '../src/components/use-load';
import { errorText, provinceApi } from './api';
import { formatCivilDate, formatDateTime } from './format';
import { RecordDrawer, recordHeading, stateLabel } from './office-qms-record';

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const day = (d: string | null | undefined) => (d ? formatCivilDate(d) : '—');
const word = <K extends string>(labels: Readonly<Record<K, string>>, v: unknown) =>
  labels[s(v) as K] ?? s(v);

interface Col<T> {
  readonly label: string;
  readonly cell: (line: T) => ReactNode;
}

/** A section's table: one row per record, a click (or Enter) opens the record read-only. */
function RecordTable<T>({
  lines,
  columns,
  recordOf,
  onOpen,
  empty,
  testId,
}: {
  readonly lines: readonly T[];
  readonly columns: readonly Col<T>[];
  readonly recordOf: (line: T) => OfficeRecordView;
  readonly onOpen: (id: string) => void;
  readonly empty: string;
  readonly testId: string;
}) {
  if (lines.length === 0)
    return (
      <Text c="dimmed" size="sm" p="md">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table fz="sm" striped highlightOnHover verticalSpacing={6} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.label}>{c.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => {
            const r = recordOf(line);
            return (
              <Table.Tr
                key={r.id}
                tabIndex={0}
                style={{ cursor: 'pointer' }}
                aria-label={`Xem ${recordHeading(r)}`}
                onClick={() => onOpen(r.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(r.id);
                }}
              >
                {columns.map((c) => (
                  <Table.Td key={c.label}>{c.cell(line)}</Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const State = ({ r, color }: { readonly r: OfficeRecordView; readonly color?: string }) => (
  <Text size="sm" {...(color ? { c: color, fw: 600 } : {})}>
    {stateLabel(r.kind, r.state)}
  </Text>
);

const late = (overdue: boolean, text: string) => (
  <Text size="sm" c={overdue ? 'red.7' : 'inherit'} fw={overdue ? 700 : 400} span>
    {text}
    {overdue ? ' (quá hạn)' : ''}
  </Text>
);

/** A year or month as written (2026, not 2.026). */
const plain = (v: unknown) => (typeof v === 'number' ? String(v) : '—');
const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : '—');

export function OfficeQmsScreen({ id }: { readonly id: string }) {
  const loader = useCallback(() => provinceApi.officeRecords(id), [id]);
  const { data, error } = useLoad(loader, errorText);
  const [open, setOpen] = useState<string | null>(null);
  const sections = useMemo(
    () => (data ? officeRecordSections(data.records, data.asOf) : null),
    [data],
  );

  if (error) return <Alert color="red">{error}</Alert>;
  if (!data || !sections) return <Loader aria-label="Đang tải" />;
  const x = sections;
  const table = <T,>(
    testId: string,
    lines: readonly T[],
    recordOf: (l: T) => OfficeRecordView,
    empty: string,
    columns: readonly Col<T>[],
  ) => (
    <RecordTable
      lines={lines}
      columns={columns}
      recordOf={recordOf}
      onOpen={setOpen}
      empty={empty}
      testId={testId}
    />
  );
  const self = (r: OfficeRecordView) => r;
  const line = <T extends { readonly record: OfficeRecordView }>(l: T) => l.record;
  const tabs: readonly { key: string; label: string; count: number; body: ReactNode }[] = [
    {
      key: 'documents',
      label: 'Tài liệu đang hiệu lực',
      count: x.documents.length,
      body: table('qms-records-documents', x.documents, line, 'Xã chưa có tài liệu nào.', [
        { label: 'Mã', cell: (d) => d.record.code },
        { label: 'Tên tài liệu', cell: (d) => d.record.title },
        { label: 'Loại', cell: (d) => word<DocType>(DOC_TYPE_LABELS, d.record.data.docType) },
        { label: 'Lần ban hành', cell: (d) => (d.issueNo === null ? '—' : String(d.issueNo)) },
        { label: 'Ngày hiệu lực', cell: (d) => day(d.effectiveDate) },
        {
          label: 'Rà soát tiếp theo',
          cell: (d) => late(d.reviewOverdue, d.nextReview ? day(d.nextReview) : 'Không áp dụng'),
        },
      ]),
    },
    {
      key: 'objectives',
      label: 'Mục tiêu chất lượng',
      count: x.objectives.length,
      body: table('qms-records-objectives', x.objectives, line, 'Xã chưa có mục tiêu nào.', [
        { label: 'Năm', cell: (o) => (o.year === null ? '—' : String(o.year)) },
        { label: 'Mục tiêu', cell: (o) => s(o.record.data.statement) || o.record.title },
        {
          label: 'Chỉ tiêu',
          cell: (o) =>
            `${o.record.data.atMost === true ? '≤' : '≥'} ${number(o.record.data.target)} ${s(o.record.data.unit)}`,
        },
        {
          label: 'Kết quả đo lường',
          cell: (o) =>
            o.measurements.length === 0 ? (
              <Text size="sm" c="dimmed" span>
                Chưa đo
              </Text>
            ) : (
              <Stack gap={0}>
                {o.measurements.map((m) => (
                  <Text size="xs" key={m.id}>
                    {s(m.data.label)}: {number(m.data.value)} {s(o.record.data.unit)}
                  </Text>
                ))}
              </Stack>
            ),
        },
        {
          label: 'Kết quả',
          cell: (o) => (
            <State
              r={o.record}
              {...(o.record.state === 'met'
                ? { color: 'green.8' }
                : o.record.state === 'missed'
                  ? { color: 'red.7' }
                  : {})}
            />
          ),
        },
      ]),
    },
    {
      key: 'nonconformities',
      label: 'Sự không phù hợp',
      count: x.nonconformities.length,
      body: table(
        'qms-records-nonconformities',
        x.nonconformities,
        line,
        'Xã chưa ghi nhận sự không phù hợp nào.',
        [
          { label: 'Mô tả', cell: (n) => s(n.record.data.description) || n.record.title },
          { label: 'Nguồn', cell: (n) => word<NcSource>(NC_SOURCE_LABELS, n.record.data.source) },
          { label: 'Ngày phát hiện', cell: (n) => day(s(n.record.data.detectedOn)) },
          { label: 'Hạn khắc phục', cell: (n) => late(n.overdue, day(n.deadline)) },
          { label: 'Trạng thái', cell: (n) => <State r={n.record} /> },
        ],
      ),
    },
    {
      key: 'risks',
      label: 'Rủi ro, cơ hội',
      count: x.risks.length,
      body: table('qms-records-risks', x.risks, line, 'Xã chưa nhận diện rủi ro nào.', [
        { label: 'Mô tả', cell: (r) => s(r.record.data.description) || r.record.title },
        { label: 'Loại', cell: (r) => word<RiskType>(RISK_TYPE_LABELS, r.record.data.type) },
        { label: 'Quá trình', cell: (r) => s(r.record.data.processName) },
        { label: 'Điểm', cell: (r) => (r.score === null ? '—' : String(r.score)) },
        {
          label: 'Mức',
          cell: (r) =>
            r.level === null ? (
              '—'
            ) : (
              <Badge
                variant="light"
                color={DEFAULT_RISK_SCALE.levels.find((l) => l.key === r.level)?.color ?? 'gray'}
              >
                {levelLabel(r.level)}
              </Badge>
            ),
        },
        { label: 'Trạng thái', cell: (r) => <State r={r.record} /> },
      ]),
    },
    {
      key: 'audits',
      label: 'Đánh giá nội bộ',
      count: x.audits.length,
      body: table('qms-records-audits', x.audits, line, 'Xã chưa có cuộc đánh giá nội bộ nào.', [
        {
          label: 'Tháng',
          cell: (a) => `${plain(a.record.data.month)}/${plain(a.record.data.year)}`,
        },
        { label: 'Lĩnh vực', cell: (a) => s(a.record.data.area) || a.record.title },
        { label: 'Ngày đánh giá', cell: (a) => day(a.date) },
        {
          label: 'Phát hiện',
          cell: (a) =>
            a.findings.length === 0 ? (
              '—'
            ) : (
              <Stack gap={0}>
                {a.findings.map((f) => (
                  <Text size="xs" key={f.id}>
                    {s(f.data.clause)} · {word<FindingType>(FINDING_TYPE_LABELS, f.data.type)}
                  </Text>
                ))}
              </Stack>
            ),
        },
        { label: 'Trạng thái', cell: (a) => <State r={a.record} /> },
      ]),
    },
    {
      key: 'reviews',
      label: 'Xem xét của lãnh đạo',
      count: x.reviews.length,
      body: table('qms-records-reviews', x.reviews, self, 'Xã chưa họp xem xét của lãnh đạo.', [
        { label: 'Ngày họp', cell: (r) => day(s(r.data.date)) },
        {
          label: 'Kỳ xem xét',
          cell: (r) => `${day(s(r.data.periodFrom))} – ${day(s(r.data.periodTo))}`,
        },
        { label: 'Trạng thái', cell: (r) => <State r={r} /> },
      ]),
    },
    {
      key: 'announcements',
      label: 'Công bố HTQLCL',
      count: x.announcements.length,
      body: table('qms-records-announcements', x.announcements, self, 'Xã chưa công bố.', [
        { label: 'Số quyết định', cell: (r) => s(r.data.decisionNo) || '—' },
        { label: 'Ngày ký', cell: (r) => day(s(r.data.signedOn)) },
        { label: 'Số thủ tục áp dụng', cell: (r) => number(r.data.procedures) },
        { label: 'Trạng thái', cell: (r) => <State r={r} /> },
      ]),
    },
    {
      key: 'yearly',
      label: 'Báo cáo năm',
      count: x.yearlyReports.length,
      body: table('qms-records-yearly', x.yearlyReports, self, 'Xã chưa lập báo cáo năm.', [
        { label: 'Năm', cell: (r) => plain(r.data.year) },
        {
          label: 'Ngày gửi',
          cell: (r) => day(s((r.data.sent as { on?: unknown } | null)?.on)),
        },
        { label: 'Trạng thái', cell: (r) => <State r={r} /> },
      ]),
    },
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor href="#/qms" size="sm">
            ← Hệ thống chất lượng các xã
          </Anchor>
          <Title order={2}>Hồ sơ HTQLCL — {data.office.name}</Title>
          <Text size="sm" c="dimmed">
            Mã định danh {data.office.agencyCode} · đồng bộ lần cuối{' '}
            {data.lastSyncAt === null ? 'chưa có' : formatDateTime(data.lastSyncAt)} · quá hạn tính
            đến ngày {formatCivilDate(data.asOf)}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Badge variant="outline" color="gray">
            Chỉ xem
          </Badge>
          <Anchor href={`#/offices/${data.office.id}`} size="sm">
            Thiết bị và đồng bộ của xã
          </Anchor>
        </Stack>
      </Group>
      <Paper withBorder>
        <Tabs defaultValue="documents" keepMounted={false}>
          <Tabs.List>
            {tabs.map((t) => (
              <Tabs.Tab key={t.key} value={t.key}>
                {t.label} ({t.count})
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map((t) => (
            <Tabs.Panel key={t.key} value={t.key} p="xs">
              {t.body}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
      <RecordDrawer officeId={data.office.id} recordId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
