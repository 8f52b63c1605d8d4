// One quality-system record of an office as synced, read-only: its fields (the kind's own
// labels from core/qms for states, types and sources) and its history (who moved it, when,
// from which state to which, with what comment). No action: the province only reads.
import { Alert, Badge, Drawer, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { kindOf } from '../../core/qms';
import { DOC_TYPE_LABELS } from '../../core/qms/document';
import { FINDING_TYPE_LABELS } from '../../core/qms/finding';
import { NC_CATEGORY_LABELS, NC_SOURCE_LABELS } from '../../core/qms/nonconformity';
import { FREQUENCY_LABELS } from '../../core/qms/objective';
import { RISK_TYPE_LABELS, TREATMENT_LABELS } from '../../core/qms/risk';
import type { OfficeRecordView, RecordHistoryLine } from '../../core/sync/admin-qms-records';
import { useLoad } from '../src/components/use-load';
import { errorText, provinceApi } from './api';
import { formatCivilDate, formatDateTime } from './format';

/** Captions of the kinds' own fields shown on a record's page, in this order. */
const FIELDS: readonly (readonly [string, string])[] = [
  ['docType', 'Loại tài liệu'],
  ['issueNo', 'Lần ban hành'],
  ['effectiveDate', 'Ngày hiệu lực'],
  ['reviewMonths', 'Chu kỳ rà soát (tháng)'],
  ['changeSummary', 'Nội dung sửa đổi'],
  ['year', 'Năm'],
  ['statement', 'Mục tiêu'],
  ['target', 'Chỉ tiêu'],
  ['unit', 'Đơn vị'],
  ['frequency', 'Tần suất theo dõi'],
  ['lastValue', 'Kết quả đo gần nhất'],
  ['label', 'Kỳ đo'],
  ['value', 'Giá trị'],
  ['measuredOn', 'Ngày đo'],
  ['conclusion', 'Kết luận'],
  ['source', 'Nguồn phát hiện'],
  ['type', 'Loại'],
  ['clause', 'Điều khoản'],
  ['description', 'Mô tả'],
  ['evidence', 'Bằng chứng'],
  ['detectedOn', 'Ngày phát hiện'],
  ['deadline', 'Hạn khắc phục'],
  ['correction', 'Khắc phục tức thời'],
  ['rootCause', 'Nguyên nhân gốc rễ'],
  ['category', 'Nhóm nguyên nhân'],
  ['verifyOn', 'Ngày kiểm tra hiệu lực'],
  ['verification', 'Kết quả kiểm tra hiệu lực'],
  ['closedOn', 'Ngày đóng'],
  ['processName', 'Quá trình'],
  ['cause', 'Nguyên nhân'],
  ['consequence', 'Hậu quả'],
  ['likelihood', 'Khả năng xảy ra (1–5)'],
  ['impact', 'Mức độ ảnh hưởng (1–5)'],
  ['treatment', 'Biện pháp xử lý'],
  ['treatmentPlan', 'Kế hoạch xử lý'],
  ['residualLikelihood', 'Khả năng sau xử lý'],
  ['residualImpact', 'Ảnh hưởng sau xử lý'],
  ['reviewOn', 'Ngày xem xét lại'],
  ['month', 'Tháng'],
  ['area', 'Lĩnh vực được đánh giá'],
  ['scope', 'Phạm vi'],
  ['criteria', 'Chuẩn mực đánh giá'],
  ['date', 'Ngày'],
  ['periodFrom', 'Kỳ xem xét từ ngày'],
  ['periodTo', 'Kỳ xem xét đến ngày'],
  ['guests', 'Thành phần khác'],
  ['resources', 'Nguồn lực'],
  ['decisions', 'Kết luận, quyết định'],
  ['decisionNo', 'Số quyết định'],
  ['signedOn', 'Ngày ký'],
  ['signerTitle', 'Chức danh người ký'],
  ['note', 'Ghi chú'],
  ['drafted', 'Soạn thảo'],
  ['reviewed', 'Xem xét'],
  ['analysed', 'Phân tích nguyên nhân'],
  ['evaluated', 'Đánh giá'],
  ['approved', 'Phê duyệt'],
  ['reported', 'Báo cáo'],
  ['verified', 'Xác nhận hiệu lực'],
  ['concluded', 'Kết luận'],
  ['sent', 'Gửi Sở KH&CN'],
  ['cancelReason', 'Lý do hủy'],
];

/** Fields whose values are codes, worded by the kind's own labels. */
const CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  docType: DOC_TYPE_LABELS,
  source: NC_SOURCE_LABELS,
  category: NC_CATEGORY_LABELS,
  frequency: FREQUENCY_LABELS,
  treatment: TREATMENT_LABELS,
};
const TYPE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  finding: FINDING_TYPE_LABELS,
  risk: RISK_TYPE_LABELS,
};

/** Numbers read as names (2026, not 2.026). */
const PLAIN_NUMBERS = new Set(['year', 'month', 'issueNo']);
const CIVIL = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value as read on the page, or null when there is nothing to show. */
function shown(kind: string, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number')
    return PLAIN_NUMBERS.has(key) ? String(value) : value.toLocaleString('vi-VN');
  if (typeof value === 'string') {
    const words = key === 'type' ? TYPE_LABELS[kind] : CODES[key];
    if (words) return words[value] ?? value;
    return CIVIL.test(value) ? formatCivilDate(value) : value;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    // A sign-off: who and on which day.
    const v = value as { name?: unknown; on?: unknown };
    if (typeof v.name === 'string' && typeof v.on === 'string')
      return `${v.name}, ${formatCivilDate(v.on)}`;
  }
  return null;
}

export const stateLabel = (kind: string, state: string): string =>
  kindOf(kind)?.stateLabels[state] ?? state;

const transitionLabel = (kind: string, name: string): string => {
  if (name === 'create') return 'Tạo mới';
  const label = kindOf(kind)?.transitions[name]?.label ?? name;
  return label.charAt(0).toUpperCase() + label.slice(1);
};

export const recordHeading = (r: OfficeRecordView): string =>
  [r.code, r.title].filter((x) => x !== '').join(' — ') || (kindOf(r.kind)?.label ?? r.kind);

function History({
  kind,
  lines,
}: {
  readonly kind: string;
  readonly lines: readonly RecordHistoryLine[];
}) {
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Chưa có lịch sử xử lý nào được đồng bộ.
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={4} data-testid="record-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Thời điểm</Table.Th>
          <Table.Th>Người thực hiện</Table.Th>
          <Table.Th>Thao tác</Table.Th>
          <Table.Th>Trạng thái</Table.Th>
          <Table.Th>Ý kiến</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((h, i) => (
          <Table.Tr key={`${h.at}-${i}`}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
            <Table.Td>{h.userName}</Table.Td>
            <Table.Td>{transitionLabel(kind, h.transition)}</Table.Td>
            <Table.Td>
              {h.fromState === null
                ? stateLabel(kind, h.toState)
                : `${stateLabel(kind, h.fromState)} → ${stateLabel(kind, h.toState)}`}
            </Table.Td>
            <Table.Td>{h.comment}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RecordBody({
  officeId,
  recordId,
}: {
  readonly officeId: string;
  readonly recordId: string;
}) {
  const loader = useCallback(
    () => provinceApi.officeRecord(officeId, recordId),
    [officeId, recordId],
  );
  const { data, error } = useLoad(loader, errorText);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return <Loader size="sm" aria-label="Đang tải" />;
  const { record, history } = data;
  const rows = FIELDS.flatMap(([key, caption]) => {
    const value = shown(record.kind, key, record.data[key]);
    return value === null ? [] : [{ key, caption, value }];
  });
  if (record.dueDate && !('deadline' in record.data))
    rows.push({ key: 'dueDate', caption: 'Hạn tiếp theo', value: formatCivilDate(record.dueDate) });
  return (
    <Stack data-testid="record-detail">
      <Text size="sm" c="dimmed">
        {kindOf(record.kind)?.label ?? record.kind}
      </Text>
      <Title order={4}>{recordHeading(record)}</Title>
      <Badge variant="light" size="lg">
        {stateLabel(record.kind, record.state)}
      </Badge>
      <Table fz="sm" verticalSpacing={4} data-testid="record-fields">
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th w={220} fw={600}>
                {r.caption}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.value}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th fw={600}>Cập nhật lần cuối</Table.Th>
            <Table.Td>{formatDateTime(record.updatedAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Title order={5}>Lịch sử xử lý</Title>
      <History kind={record.kind} lines={history} />
    </Stack>
  );
}

/** The drawer a record opens in; read-only, closed with Esc or its close button. */
export function RecordDrawer({
  officeId,
  recordId,
  onClose,
}: {
  readonly officeId: string;
  readonly recordId: string | null;
  readonly onClose: () => void;
}) {
  return (
    <Drawer
      opened={recordId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title="Chi tiết hồ sơ (chỉ xem)"
      closeButtonProps={{ 'aria-label': 'Đóng' }}
    >
      {recordId !== null ? <RecordBody officeId={officeId} recordId={recordId} /> : null}
    </Drawer>
  );
}
