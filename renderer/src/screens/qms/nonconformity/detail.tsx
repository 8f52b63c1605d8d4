// One nonconformity: what and where from (linked back to its dossier), the analysis by 5 whys,
// its corrective actions, the check of effectiveness, its history; the moves the user may make
// now (qms.transition) and the printed report.
import { Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { RecordView } from '../../../../../core/contract/qms';
import {
  NC_CATEGORY_LABELS,
  NC_SOURCE_LABELS,
  nonconformityData,
  type NonconformityData,
} from '../../../../../core/qms/nonconformity';
import { api } from '../../../api/client';
import { Field } from '../../../components/field';
import { ErrorAlert } from '../../../components/error-alert';
import { PrintPreview, type PrintDoc } from '../../../components/print-preview';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate, formatDateTime } from '../../../format';
import {
  TransitionDialog,
  type TransitionOption,
  type TransitionWords,
} from '../transition-dialog';
import { ActionsCard, CORRECTIVE_WORDS } from '../actions-card';
import { AnalysisDialog } from './analysis-dialog';
import { overdueStyle } from './register';

/** How each move of a nonconformity is asked for on screen. */
const WORDS: Readonly<Record<string, TransitionWords>> = {
  plan: {
    title: 'Hoàn tất kế hoạch khắc phục',
    date: 'Ngày kiểm tra hiệu lực (không sớm hơn)',
    comment: 'Ghi chú',
  },
  verify: {
    title: 'Xác nhận có hiệu lực',
    comment: 'Kết quả kiểm tra hiệu lực',
    color: 'green',
  },
  ineffective: {
    title: 'Chưa có hiệu lực, mở lại',
    comment: 'Vì sao chưa có hiệu lực',
    color: 'orange',
  },
  close: { title: 'Đóng sự không phù hợp', comment: 'Ghi chú', color: 'green' },
  cancel: { title: 'Hủy sự không phù hợp', comment: 'Lý do hủy', color: 'red' },
};

function History({ id }: { readonly id: string }) {
  const { data } = useLoad(useCallback(() => api.qms.history({ id }), [id]));
  return (
    <Table verticalSpacing={4} aria-label="Lịch sử xử lý">
      <Table.Tbody>
        {(data ?? []).map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
            <Table.Td>{h.userName}</Table.Td>
            <Table.Td>
              {h.label}
              {h.comment ? ` — ${h.comment}` : ''}
            </Table.Td>
            <Table.Td>{h.toLabel}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SourceLink({
  record,
  data,
}: {
  readonly record: RecordView;
  readonly data: NonconformityData;
}) {
  const [, navigate] = useLocation();
  const label = NC_SOURCE_LABELS[data.source];
  if (record.sourceKind !== 'dossier' || !record.sourceId) return <>{label}</>;
  const to = `/dossiers/${record.sourceId}`;
  return (
    <>
      {label} —{' '}
      <Anchor
        href={`#${to}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(to);
        }}
        data-testid="nc-source-link"
      >
        xem hồ sơ
      </Anchor>
    </>
  );
}

export function NonconformityDetailScreen({ id }: { readonly id: string }) {
  const { data: record, error, setData } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const [version, setVersion] = useState(0);
  const [moving, setMoving] = useState<TransitionOption | null>(null);
  const [analysing, setAnalysing] = useState(false);
  const [doc, setDoc] = useState<PrintDoc | null>(null);
  const printing = useAction();
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const data = nonconformityData.parse(record.data);
  const changed = (next: RecordView) => {
    setData(next);
    setVersion((v) => v + 1);
  };
  const refresh = () => void api.qms.get({ id }).then(changed);
  const overdue = record.dueDate !== null && record.dueDate < civilDateOf(Date.now());
  const moves = record.transitions.filter((t) => t.name !== 'analyse');
  const canAnalyse = record.transitions.some((t) => t.name === 'analyse');
  const open = !['closed', 'cancelled'].includes(record.state);
  const print = () =>
    void printing.run(async () => setDoc(await api.nonconformities.print({ id })));
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="nc-code">
                {record.code}
              </Title>
              <Badge
                size="lg"
                variant="light"
                data-testid="nc-state"
                color={
                  record.state === 'closed'
                    ? 'green'
                    : record.state === 'cancelled'
                      ? 'gray'
                      : 'orange'
                }
              >
                {record.stateLabel}
              </Badge>
              {overdue && open ? (
                <Badge size="lg" color="red" data-testid="nc-overdue">
                  Quá hạn
                </Badge>
              ) : null}
            </Group>
            <Text fw={600}>{record.title}</Text>
            <Text size="sm" c="dimmed">
              Nguồn: <SourceLink record={record} data={data} />
            </Text>
          </Stack>
          <Group gap="xs">
            {canAnalyse ? (
              <Button variant="light" onClick={() => setAnalysing(true)}>
                Phân tích nguyên nhân
              </Button>
            ) : null}
            {moves.map((t) => (
              <Button
                key={t.name}
                color={WORDS[t.name]?.color ?? 'indigo'}
                variant={t.name === 'cancel' ? 'light' : 'filled'}
                onClick={() => setMoving(t)}
              >
                {WORDS[t.name]?.title ?? t.label}
              </Button>
            ))}
            <Button variant="default" onClick={print} loading={printing.busy}>
              In phiếu
            </Button>
          </Group>
        </Group>
      </Card>
      <ErrorAlert error={printing.error} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Sự không phù hợp
              </Text>
              <Stack gap="xs">
                <Field label="Mô tả">{data.description}</Field>
                <Group grow>
                  <Field label="Ngày phát hiện">{formatCivilDate(data.detectedOn)}</Field>
                  <Field label="Hạn khắc phục">
                    <Text span {...overdueStyle(overdue && open)}>
                      {formatCivilDate(data.deadline)}
                    </Text>
                  </Field>
                  <Field label="Người phụ trách">{record.ownerName}</Field>
                </Group>
                <Field label="Khắc phục tức thời">{data.correction}</Field>
              </Stack>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Phân tích nguyên nhân (5 tại sao)
              </Text>
              <Stack gap="xs">
                {data.whys.map((w, i) => (
                  <Field key={i} label={`Tại sao ${i + 1}?`}>
                    {w}
                  </Field>
                ))}
                <Field label="Nguyên nhân gốc rễ">{data.rootCause}</Field>
                <Field label="Nhóm nguyên nhân">
                  {data.category ? NC_CATEGORY_LABELS[data.category] : ''}
                </Field>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <ActionsCard
              key={version}
              sourceKind="nonconformity"
              sourceId={record.id}
              words={CORRECTIVE_WORDS}
              canAdd={open && canAnalyse}
              onChange={refresh}
            />
            <Card withBorder>
              <Text fw={600} mb="xs">
                Kiểm tra hiệu lực
              </Text>
              <Group grow>
                <Field label="Ngày kiểm tra (không sớm hơn)">
                  {data.verifyOn ? formatCivilDate(data.verifyOn) : ''}
                </Field>
                <Field label="Người kiểm tra">
                  {data.verified
                    ? `${data.verified.name}, ${formatCivilDate(data.verified.on)}`
                    : ''}
                </Field>
              </Group>
              <Field label="Kết quả">{data.verification}</Field>
              {data.cancelReason ? <Field label="Lý do hủy">{data.cancelReason}</Field> : null}
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Lịch sử xử lý
              </Text>
              <History key={version} id={record.id} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      {analysing ? (
        <AnalysisDialog
          record={record}
          data={data}
          onClose={() => setAnalysing(false)}
          onDone={(next) => {
            setAnalysing(false);
            changed(next);
          }}
        />
      ) : null}
      {moving ? (
        <TransitionDialog
          record={record}
          transition={moving}
          words={WORDS[moving.name] ?? {}}
          onClose={() => setMoving(null)}
          onDone={(next) => {
            setMoving(null);
            changed(next);
          }}
        />
      ) : null}
      <PrintPreview doc={doc} onClose={() => setDoc(null)} />
    </Stack>
  );
}
