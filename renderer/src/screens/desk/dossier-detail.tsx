// Chi tiết hồ sơ: header with status and appointment, applicant and documents, the actions
// this user may take, the forms to print, the step table and the timeline.
import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useSearch } from 'wouter';
import type { DossierDetail } from '../../../../core/contract/dossiers';
import { ID_KIND_LABELS, ID_KINDS } from '../../../../core/desk/identity';
import { OutcomeBadge, StatusBadge } from '../../components/badges';
import { useFormPrint, type FormKind } from '../../components/form-print';
import { useLoad } from '../../components/use-load';
import { api } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { DossierNonconformities } from '../qms/nonconformity/dossier-card';
import { DossierRating } from '../qms/satisfaction/dossier-rating';
import { DossierAccessLog } from './dossier-access';
import { DossierActions } from './dossier-actions';
import { DossierAttachments } from './dossier-attachments';
import { EventTimeline, StepTable } from './dossier-history';
import { DOC_KIND_LABELS } from './receive-documents';
import { CHANNEL_LABELS } from './receive-appointment';

const EVENT_FORMS: readonly { event: string; kind: FormKind; label: string }[] = [
  { event: 'supplement_requested', kind: 'supplement', label: 'Phiếu yêu cầu bổ sung (Mẫu 02)' },
  { event: 'refused', kind: 'refusal', label: 'Phiếu từ chối (Mẫu 03)' },
  { event: 'apology', kind: 'apology', label: 'Văn bản xin lỗi, gia hạn (Mẫu 04)' },
  { event: 'stopped', kind: 'stop', label: 'Thông báo dừng giải quyết (Mẫu 05)' },
];

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </div>
  );
}

function idKindLabel(kind: string): string {
  return ID_KINDS.find((k) => k === kind)
    ? ID_KIND_LABELS[kind as (typeof ID_KINDS)[number]]
    : kind;
}

function Header({ d }: { readonly d: DossierDetail['dossier'] }) {
  return (
    <Card withBorder>
      {/* A long procedure name wraps in its own column; the appointment stays top right. */}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm">
            <Title order={2} data-testid="dossier-code">
              {d.code}
            </Title>
            <StatusBadge status={d.status} overdue={d.overdue} />
            <OutcomeBadge outcome={d.outcome} />
          </Group>
          <Text>
            {d.procedureCode} — {d.procedureName}
          </Text>
          <Text size="sm" c="dimmed">
            Tiếp nhận lúc {formatDateTime(d.receivedAt)} · {d.receivedByName} · Sổ năm {d.bookYear},
            số thứ tự {d.bookLine}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }} data-testid="due-block">
          <Text size="sm" c="dimmed">
            Hẹn trả kết quả
          </Text>
          <Text fz={24} fw={700} c={d.overdue ? 'red.7' : 'indigo.9'} data-testid="due">
            {formatDateTime(d.dueAt)}
          </Text>
          {d.extended || d.originalDueAt !== d.dueAt ? (
            <Text size="sm" c="dimmed" data-testid="original-due">
              Hẹn ban đầu: {formatDateTime(d.originalDueAt)}
            </Text>
          ) : null}
          {d.returnedAt ? (
            <Text size="sm" c="green.8" data-testid="returned-at">
              Đã trả lúc {formatDateTime(d.returnedAt)}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

export function DossierDetailScreen({ id }: { readonly id: string }) {
  const isNew = new URLSearchParams(useSearch()).get('new') === '1';
  const { data, error, setData } = useLoad(useCallback(() => api.dossiers.get({ id }), [id]));
  const { open, preview } = useFormPrint();
  // "Tiếp nhận và in giấy hẹn": a new dossier opens its receipt (Mẫu 01) ready to print, once.
  const opened = useRef(false);
  useEffect(() => {
    if (!isNew || opened.current) return;
    opened.current = true;
    void open(id, 'receipt');
  }, [isNew, id, open]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return null;
  const d = data.dossier;
  const kinds = new Set(data.events.map((e) => e.kind));
  const print = (kind: FormKind) => void open(d.id, kind);
  return (
    <Stack>
      {isNew ? (
        <Alert color="green" title="Đã tiếp nhận hồ sơ">
          <Group justify="space-between">
            <Text size="sm">
              Hồ sơ {d.code} đã được lưu và chuyển cho {d.assigneeName ?? 'người xử lý'}. In giấy
              tiếp nhận và hẹn trả kết quả để giao cho người nộp.
            </Text>
            <Button onClick={() => print('receipt')}>In giấy tiếp nhận (Mẫu 01)</Button>
          </Group>
        </Alert>
      ) : null}
      <Header d={d} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder>
            <Text fw={600} mb="xs">
              Người nộp hồ sơ
            </Text>
            <SimpleGrid cols={2} mb="md">
              <Field label="Họ và tên">{d.applicantName}</Field>
              <Field label={idKindLabel(d.applicantIdKind)}>{d.applicantIdNumber}</Field>
              <Field label="Địa chỉ">{d.applicantAddress}</Field>
              <Field label="Điện thoại · Email">
                {[d.applicantPhone, d.applicantEmail].filter(Boolean).join(' · ')}
              </Field>
              <Field label="Số bộ · Hình thức nộp">
                {d.sets} bộ ·{' '}
                {CHANNEL_LABELS[d.channel as keyof typeof CHANNEL_LABELS] ?? d.channel}
              </Field>
              <Field label="Phí, lệ phí">{formatVnd(d.feeVnd)}</Field>
            </SimpleGrid>
            <Table withTableBorder verticalSpacing={4} aria-label="Giấy tờ đã nhận">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Giấy tờ đã nhận</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>Loại bản</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    Số lượng
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.documents.map((doc, i) => (
                  <Table.Tr key={`${i}-${doc.name}`}>
                    <Table.Td>{doc.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {DOC_KIND_LABELS[doc.kind]}
                    </Table.Td>
                    <Table.Td ta="right">{doc.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {d.note ? (
              <Text size="sm" mt="sm">
                Ghi chú: {d.note}
              </Text>
            ) : null}
          </Card>
          <Card withBorder mt="md">
            <Text fw={600} mb="xs">
              Tài liệu đính kèm
            </Text>
            <DossierAttachments dossierId={d.id} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Xử lý hồ sơ
              </Text>
              {d.currentStepName && data.nextStep ? (
                <Text size="sm" c="dimmed" mb="xs">
                  Đang ở bước {d.currentStep}: {d.currentStepName}
                  {d.assigneeName ? ` (${d.assigneeName})` : ''}
                </Text>
              ) : null}
              <DossierActions detail={data} onChange={setData} />
            </Card>
            <DossierRating dossierId={d.id} returned={d.status === 'returned'} />
            <DossierNonconformities dossierId={d.id} late={d.outcome === 'late' || d.overdue} />
            <Card withBorder>
              <Text fw={600} mb="xs">
                In biểu mẫu
              </Text>
              <Group gap="xs">
                <Button variant="default" onClick={() => print('receipt')}>
                  In giấy tiếp nhận (Mẫu 01)
                </Button>
                <Button variant="default" onClick={() => print('control_slip')}>
                  Phiếu kiểm soát (Mẫu 06)
                </Button>
                {EVENT_FORMS.filter((f) => kinds.has(f.event)).map((f) => (
                  <Button key={f.kind} variant="default" onClick={() => print(f.kind)}>
                    {f.label}
                  </Button>
                ))}
              </Group>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="sm">
                Diễn biến hồ sơ
              </Text>
              <EventTimeline detail={data} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Quá trình giải quyết (Phiếu kiểm soát)
        </Text>
        <StepTable detail={data} />
      </Card>
      <DossierAccessLog dossierId={d.id} />
      {preview}
    </Stack>
  );
}
