// One feedback entry: what came in, from whom, about which dossier, the deadline (red when past),
// the answer and whether it was on time; "Trả lời" for its handler, "Tạo sự không phù hợp" in
// one click for the ISO secretary, and its history.
import { Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { RecordView } from '../../../../../core/contract/qms';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_TYPE_LABELS,
  feedbackData,
} from '../../../../../core/qms/feedback';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { ErrorAlert } from '../../../components/error-alert';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../../format';
import { CreateNonconformityDialog } from '../nonconformity/create-dialog';
import { NC_CREATORS, overdueStyle } from '../nonconformity/register';
import { Field } from '../../../components/field';
import { RecordHistory } from '../record-history';
import {
  TransitionDialog,
  type TransitionOption,
  type TransitionWords,
} from '../transition-dialog';
import { ResultBadge } from './register';

const WORDS: Readonly<Record<string, TransitionWords>> = {
  answer: {
    title: 'Trả lời phản ánh, kiến nghị',
    comment: 'Nội dung trả lời',
    date: 'Ngày trả lời',
    color: 'green',
  },
  cancel: { title: 'Hủy phản ánh, kiến nghị', comment: 'Lý do hủy', color: 'red' },
};

export function FeedbackDetailScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const { session } = useSession();
  const { data: record, error, setData } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const linked = useLoad(
    useCallback(
      () => api.nonconformities.list({ state: 'all', sourceKind: 'feedback', sourceId: id }),
      [id],
    ),
  );
  const [version, setVersion] = useState(0);
  const [moving, setMoving] = useState<TransitionOption | null>(null);
  const [opening, setOpening] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const data = feedbackData.parse(record.data);
  const changed = (next: RecordView) => {
    setData(next);
    setVersion((v) => v + 1);
  };
  const overdue = record.state === 'received' && data.deadline < civilDateOf(Date.now());
  const mayOpenNc =
    record.state !== 'cancelled' &&
    (session?.user.roles.some((r) => NC_CREATORS.includes(r)) ?? false);
  const dossierLink = record.sourceKind === 'dossier' && record.sourceId ? record.sourceId : null;
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="feedback-code">
                {record.code}
              </Title>
              <Badge size="lg" variant="light" data-testid="feedback-state">
                {record.stateLabel}
              </Badge>
              <ResultBadge row={{ state: record.state, onTime: data.onTime, overdue }} />
            </Group>
            <Text fw={600}>
              {FEEDBACK_TYPE_LABELS[data.type]} — {FEEDBACK_CHANNEL_LABELS[data.channel]}
            </Text>
          </Stack>
          <Group gap="xs">
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
            {mayOpenNc ? (
              <Button color="red" variant="light" onClick={() => setOpening(true)}>
                Tạo sự không phù hợp
              </Button>
            ) : null}
          </Group>
        </Group>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder>
            <Stack gap="xs">
              <Field label="Nội dung">{data.content}</Field>
              <Group grow>
                <Field label="Người phản ánh, kiến nghị">{data.senderName}</Field>
                <Field label="Liên hệ">{data.senderContact}</Field>
              </Group>
              <Group grow>
                <Field label="Ngày tiếp nhận">{formatCivilDate(data.receivedOn)}</Field>
                <Field label="Hạn xử lý">
                  <Text span {...overdueStyle(overdue)}>
                    {formatCivilDate(data.deadline)}
                  </Text>
                </Field>
                <Field label="Người xử lý">{record.ownerName}</Field>
              </Group>
              {dossierLink ? (
                <Field label="Hồ sơ liên quan">
                  <Anchor
                    href={`#/dossiers/${dossierLink}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/dossiers/${dossierLink}`);
                    }}
                  >
                    xem hồ sơ
                  </Anchor>
                </Field>
              ) : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Kết quả xử lý
              </Text>
              <Stack gap="xs">
                <Field label="Nội dung trả lời">{data.answer}</Field>
                <Field label="Ngày trả lời">
                  {data.answeredOn
                    ? `${formatCivilDate(data.answeredOn)} (${data.answered?.name ?? ''})`
                    : ''}
                </Field>
                {data.cancelReason ? <Field label="Lý do hủy">{data.cancelReason}</Field> : null}
                {(linked.data?.rows ?? []).map((r) => (
                  <Field key={r.id} label="Sự không phù hợp">
                    <Anchor
                      href={`#/qms/nonconformities/${r.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/qms/nonconformities/${r.id}`);
                      }}
                    >
                      {r.code}
                    </Anchor>{' '}
                    — {r.stateLabel}
                  </Field>
                ))}
              </Stack>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Lịch sử xử lý
              </Text>
              <RecordHistory id={record.id} version={version} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
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
      {opening ? (
        <CreateNonconformityDialog
          from={{ sourceKind: 'feedback', sourceId: record.id }}
          onClose={() => setOpening(false)}
        />
      ) : null}
    </Stack>
  );
}
