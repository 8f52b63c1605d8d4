// A dossier's history: the ISO step table (plan against what happened, with each step's
// early / on-time / late result) and the timeline of events.
import { Table, Text, Timeline } from '@mantine/core';
import { STEP_ROLE_LABELS } from '../../../../core/catalog/schema';
import type { DossierDetail } from '../../../../core/contract/dossiers';
import { EVENT_LABELS, STATUS_LABELS } from '../../../../core/desk/types';
import { OutcomeBadge } from '../../components/badges';
import { formatDateTime } from '../../format';
import { isStepRole } from './receive-hooks';

export function roleLabel(role: string): string {
  return isStepRole(role) ? STEP_ROLE_LABELS[role] : role;
}

export function formatHours(hours: number): string {
  return `${hours.toLocaleString('vi-VN')} giờ`;
}

function dash(value: string | null | undefined) {
  return value ? value : <Text c="dimmed">—</Text>;
}

export function StepTable({ detail }: { readonly detail: DossierDetail }) {
  return (
    <Table withTableBorder striped verticalSpacing={6} aria-label="Quá trình giải quyết">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>Bước</Table.Th>
          <Table.Th>Nội dung công việc (theo quy trình)</Table.Th>
          <Table.Th>Người giao → người thực hiện</Table.Th>
          <Table.Th>Bắt đầu</Table.Th>
          <Table.Th>Hạn</Table.Th>
          <Table.Th>Hoàn thành</Table.Th>
          <Table.Th w={100}>Kết quả</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.plan.map((p) => {
          const done = detail.steps.filter((s) => s.stepNo === p.no);
          const open = detail.dossier.status === 'processing' || detail.dossier.status === 'ready';
          const current = open && detail.dossier.currentStep === p.no;
          const head = (
            <>
              <Text size="sm" fw={current ? 600 : 400}>
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                {roleLabel(p.role)} · {formatHours(p.hours)} · {p.output}
              </Text>
            </>
          );
          if (done.length === 0) {
            return (
              <Table.Tr key={p.no} data-step={p.no}>
                <Table.Td>{p.no}</Table.Td>
                <Table.Td>{head}</Table.Td>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    Chưa thực hiện
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          }
          return done.map((s, i) => (
            <Table.Tr
              key={`${p.no}-${i}`}
              data-step={p.no}
              {...(current && !s.finishedAt ? { bg: 'indigo.0' } : {})}
            >
              <Table.Td>{p.no}</Table.Td>
              <Table.Td>{head}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {s.fromName ? `${s.fromName} → ` : ''}
                  {s.assigneeName ?? roleLabel(s.role)}
                </Text>
                {s.note ? (
                  <Text size="xs" c="dimmed">
                    {s.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.startedAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.dueAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {dash(s.finishedAt ? formatDateTime(s.finishedAt) : null)}
              </Table.Td>
              <Table.Td>{s.outcome ? <OutcomeBadge outcome={s.outcome} /> : dash(null)}</Table.Td>
            </Table.Tr>
          ));
        })}
      </Table.Tbody>
    </Table>
  );
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}

/** One or two lines saying what the event carried: to whom, why, what is missing, new date. */
function eventDetails(kind: string, data: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const to = str(data['to']);
  if (kind === 'forwarded' && to) out.push(`${str(data['toStep']) ?? ''} → ${to}`);
  if (Array.isArray(data['items']))
    out.push(`Cần bổ sung: ${data['items'].map(String).join('; ')}`);
  const reason = str(data['reason']);
  if (reason) out.push(`Lý do: ${reason}`);
  const due = data['dueAt'];
  if (typeof due === 'number') {
    out.push(`${kind === 'received' ? 'Hẹn trả' : 'Hẹn trả mới'}: ${formatDateTime(due)}`);
  }
  const note = str(data['note']);
  if (note) out.push(`Ghi chú: ${note}`);
  return out;
}

export function EventTimeline({ detail }: { readonly detail: DossierDetail }) {
  return (
    <Timeline active={detail.events.length - 1} bulletSize={14} lineWidth={2}>
      {detail.events.map((e, i) => (
        <Timeline.Item
          key={`${e.at}-${i}`}
          title={EVENT_LABELS[e.kind as keyof typeof EVENT_LABELS] ?? e.kind}
          data-event={e.kind}
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
            {e.userName ? ` · ${e.userName}` : ''}
          </Text>
          {eventDetails(e.kind, e.data).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Timeline.Item>
      ))}
      {detail.events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {STATUS_LABELS[detail.dossier.status]}
        </Text>
      ) : null}
    </Timeline>
  );
}
