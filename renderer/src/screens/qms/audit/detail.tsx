// One internal audit: its plan (edited until the leader approves it), the moves the user may
// make now (approve, start, report, cancel), the checklist's progress with the way in to fill
// it, the dossier sample, the findings (a nonconformity links to its record), plan and report
// printed and as .docx.
import { Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { AuditDetail } from '../../../../../core/contract/audits';
import { checklistProgress } from '../../../../../core/qms/audit-checklist';
import type { AuditData } from '../../../../../core/qms/audit';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import {
  TransitionDialog,
  type TransitionOption,
  type TransitionWords,
} from '../transition-dialog';
import { Field } from '../../../components/field';
import { FindingDialog, type FindingPreset } from './finding-dialog';
import { FindingFiles } from './finding-files';
import { AuditOutputs } from './outputs';
import { PackCard } from './pack-card';
import { PlanFields } from './plan-fields';
import { PlanDialog } from './plan-dialog';
import { AUDIT_STATE_COLORS } from './programme';
import { SampleCard } from './sample-card';

const WORDS: Readonly<Record<string, TransitionWords>> = {
  approve: { title: 'Phê duyệt kế hoạch', comment: 'Ý kiến', color: 'green' },
  start: { title: 'Bắt đầu đánh giá', comment: 'Ghi chú' },
  report: { title: 'Lập báo cáo đánh giá', comment: 'Kết luận của đoàn đánh giá', color: 'green' },
  cancel: { title: 'Hủy cuộc đánh giá', comment: 'Lý do hủy', color: 'red' },
};

function Findings({
  audit,
  working,
  onChange,
}: {
  readonly audit: AuditDetail;
  readonly working: boolean;
  readonly onChange: () => void;
}) {
  const [, navigate] = useLocation();
  if (audit.findings.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Chưa có phát hiện.
      </Text>
    );
  return (
    <Table verticalSpacing={4} aria-label="Các phát hiện">
      <Table.Tbody>
        {audit.findings.map((f) => (
          <Table.Tr key={f.id} data-testid="finding-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm">{f.code}</Text>
              <Badge size="sm" variant="light" color={f.nonconformity ? 'red' : 'blue'}>
                {f.typeLabel}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                Điều {f.clause}: {f.description}
              </Text>
              {f.evidence ? (
                <Text size="xs" c="dimmed">
                  Bằng chứng: {f.evidence}
                </Text>
              ) : null}
              <FindingFiles finding={f} working={working} onChange={onChange} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {f.nonconformity ? (
                <Anchor
                  size="sm"
                  href={`#/qms/nonconformities/${f.nonconformity.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/qms/nonconformities/${f.nonconformity?.id ?? ''}`);
                  }}
                  data-testid="finding-nc"
                >
                  {f.nonconformity.code}
                </Anchor>
              ) : null}
              {f.nonconformity ? (
                <Text size="xs" c="dimmed">
                  {f.nonconformity.stateLabel}
                </Text>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AuditDetailScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const {
    data: audit,
    error,
    setData,
    reload,
  } = useLoad(useCallback(() => api.audits.get({ id }), [id]));
  const [moving, setMoving] = useState<TransitionOption | null>(null);
  const [editing, setEditing] = useState(false);
  const [finding, setFinding] = useState<FindingPreset | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!audit) return null;
  const record = audit.record;
  const data = record.data as AuditData;
  const p = checklistProgress(data.checklist);
  const name = (uid: string | null) => (uid ? (audit.people[uid] ?? '') : '');
  const working = audit.onTeam && ['approved', 'in_progress'].includes(record.state);
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="audit-code">
                {record.code}
              </Title>
              <Badge
                size="lg"
                variant="light"
                color={AUDIT_STATE_COLORS[record.state] ?? 'gray'}
                data-testid="audit-state"
              >
                {record.stateLabel}
              </Badge>
            </Group>
            <Text fw={600}>{data.area}</Text>
            <Text size="sm" c="dimmed">
              Chương trình năm {data.year}, tháng {data.month}
            </Text>
          </Stack>
          <Group gap="xs">
            {audit.mayEditPlan ? (
              <Button variant="light" onClick={() => setEditing(true)}>
                Sửa kế hoạch
              </Button>
            ) : null}
            {record.transitions.map((t) => (
              <Button
                key={t.name}
                color={WORDS[t.name]?.color ?? 'indigo'}
                variant={t.name === 'cancel' ? 'light' : 'filled'}
                onClick={() => setMoving(t)}
              >
                {WORDS[t.name]?.title ?? t.label}
              </Button>
            ))}
          </Group>
        </Group>
        <Group gap="md" mt="sm">
          <AuditOutputs which="plan" id={record.id} label="In kế hoạch" />
          {record.state === 'in_progress' || record.state === 'reported' ? (
            <AuditOutputs which="report" id={record.id} label="In báo cáo" />
          ) : null}
        </Group>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder>
            <Text fw={600} mb="xs">
              Kế hoạch đánh giá
            </Text>
            <Stack gap="xs">
              <PlanFields
                date={data.date}
                lead={name(data.leadAuditorId)}
                auditors={data.auditorIds.map(name)}
                auditees={data.auditeeIds.map(name)}
                scope={data.scope}
                documents={audit.documents}
                criteria={data.criteria}
              />
              {data.approved ? (
                <Field label="Phê duyệt">
                  {data.approved.name}, {formatCivilDate(data.approved.on)}
                </Field>
              ) : null}
              {data.conclusion ? <Field label="Kết luận">{data.conclusion}</Field> : null}
              {data.cancelReason ? <Field label="Lý do hủy">{data.cancelReason}</Field> : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Card withBorder>
              <Group justify="space-between">
                <Text fw={600}>
                  Danh mục kiểm tra: {p.answered}/{p.total} câu hỏi
                </Text>
                <Button
                  variant={working ? 'filled' : 'light'}
                  onClick={() => navigate(`/qms/audits/${record.id}/checklist`)}
                >
                  {working ? 'Thực hiện danh mục kiểm tra' : 'Xem danh mục kiểm tra'}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {p.conform} phù hợp · {p.nc} không phù hợp · {p.observation} cần lưu ý · {p.na}{' '}
                không áp dụng
              </Text>
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>Các phát hiện</Text>
                {working ? (
                  <Button size="xs" color="red" variant="light" onClick={() => setFinding({})}>
                    Ghi phát hiện
                  </Button>
                ) : null}
              </Group>
              <Findings audit={audit} working={working} onChange={reload} />
            </Card>
            {working ? <PackCard auditId={record.id} onDone={reload} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
      <SampleCard
        key={record.rev}
        audit={audit}
        onChange={setData}
        onFinding={(s) =>
          setFinding({
            ...(data.checklist.some((i) => i.clause === '8.5') ? { clause: '8.5' } : {}),
            dossierId: s.dossierId,
            description: `Hồ sơ ${s.code}: `,
          })
        }
      />
      {editing ? (
        <PlanDialog
          year={data.year}
          audit={audit}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
      {finding ? (
        <FindingDialog
          audit={audit}
          preset={finding}
          onClose={() => setFinding(null)}
          onDone={() => {
            setFinding(null);
            reload();
          }}
        />
      ) : null}
      {moving ? (
        <TransitionDialog
          record={record}
          transition={moving}
          words={WORDS[moving.name] ?? {}}
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            reload();
          }}
        />
      ) : null}
    </Stack>
  );
}
