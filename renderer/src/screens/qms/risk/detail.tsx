// One risk or opportunity: its process, what it is, cause and consequence (or benefit), the
// score before treatment and the residual one after, the treatment and its actions (the shared
// actions card), the review date (red when due), every move its kind allows the user (with the
// scale pickers where a move re-assesses it), and its history.
import { Badge, Card, Grid, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import {
  ACTIVE_TREATMENTS,
  RISK_OPEN_STATES,
  RISK_TYPE_LABELS,
  riskData,
  TREATMENT_LABELS,
  type RiskData,
} from '../../../../../core/qms/risk';
import { api } from '../../../api/client';
import { useSession } from '../../../auth/session';
import { AppLink } from '../../../components/app-link';
import { ErrorAlert } from '../../../components/error-alert';
import { Field } from '../../../components/field';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../../format';
import { ActionsCard, type ActionWords } from '../actions-card';
import { overdueStyle } from '../nonconformity/register';
import { RecordHeader, RecordSubtitle } from '../record-header';
import { RecordHistory } from '../record-history';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { PersonSelect } from './create-dialog';
import { LevelBadge, scoreFields } from './scale';

export const TREATMENT_WORDS: ActionWords = {
  title: 'Hành động xử lý',
  add: 'Thêm hành động xử lý',
  empty: 'Chưa có hành động xử lý.',
  done: 'Đã giao hành động xử lý.',
  rowId: 'risk-action',
};

const MANAGERS = ['leader', 'iso_coordinator'];
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

function words(d: RiskData): Readonly<Record<string, TransitionWords>> {
  const residual = d.residualLikelihood !== null && d.residualImpact !== null;
  const treatments = ACTIVE_TREATMENTS[d.type];
  return {
    treat: {
      title: 'Quyết định biện pháp xử lý',
      comment: 'Ghi chú',
      fields: {
        initial: { treatment: treatments[0], plan: d.treatmentPlan },
        render: (v, set) => (
          <>
            <Select
              label="Biện pháp xử lý"
              data={treatments.map((t) => ({ value: t, label: TREATMENT_LABELS[t] }))}
              value={str(v['treatment'])}
              onChange={(t) => t && set({ ...v, treatment: t })}
              allowDeselect={false}
            />
            <Textarea
              label="Kế hoạch xử lý"
              autosize
              minRows={2}
              value={str(v['plan'])}
              onChange={(e) => set({ ...v, plan: e.currentTarget.value })}
            />
          </>
        ),
      },
    },
    accept: {
      title: 'Chấp nhận và theo dõi',
      comment: 'Lý do chấp nhận',
      date: 'Ngày xem xét lại',
    },
    evaluate: {
      title: 'Đánh giá lại sau xử lý',
      comment: 'Nhận xét về hiệu lực của các hành động',
      date: 'Ngày xem xét lại tiếp theo',
      color: 'green',
      fields: scoreFields(d.likelihood, d.impact, {
        likelihood: 'Khả năng xảy ra sau xử lý',
        impact: 'Mức độ ảnh hưởng sau xử lý',
      }),
    },
    review: {
      title: 'Xem xét định kỳ',
      comment: 'Kết quả xem xét',
      date: 'Ngày xem xét lại tiếp theo',
      fields: residual
        ? scoreFields(d.residualLikelihood ?? 1, d.residualImpact ?? 1)
        : scoreFields(d.likelihood, d.impact),
    },
    assign: {
      title: 'Giao người phụ trách',
      comment: 'Ghi chú',
      color: 'gray',
      fields: {
        initial: { ownerId: '' },
        render: (v, set) => (
          <PersonSelect
            label="Người phụ trách"
            value={str(v['ownerId']) || null}
            onChange={(id) => set({ ownerId: id ?? '' })}
          />
        ),
      },
    },
    close: { title: 'Đóng', comment: 'Lý do đóng', color: 'gray' },
    cancel: { title: 'Hủy', comment: 'Lý do hủy', color: 'red' },
  };
}

export function RiskDetailScreen({ id }: { readonly id: string }) {
  const { session } = useSession();
  const {
    data: record,
    error,
    setData,
    reload,
  } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const [version, setVersion] = useState(0);
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const d = riskData.parse(record.data);
  const changed = (next: RecordView) => {
    setData(next);
    setVersion((v) => v + 1);
  };
  const live = RISK_OPEN_STATES.includes(record.state as 'identified');
  const due = live && d.reviewOn <= civilDateOf(Date.now());
  const manager = session?.user.roles.some((r) => MANAGERS.includes(r)) ?? false;
  const risk = d.type === 'risk';
  const residual =
    d.residualLikelihood !== null && d.residualImpact !== null
      ? d.residualLikelihood * d.residualImpact
      : null;
  return (
    <Stack>
      <RecordHeader
        title={`${record.code} ${record.title}`}
        state={record.stateLabel}
        stateTestId="risk-state"
        actions={<TransitionButtons record={record} onDone={changed} words={words(d)} />}
      >
        <RecordSubtitle>
          <AppLink to="/qms/risks">Sổ đăng ký rủi ro và cơ hội</AppLink> ·{' '}
          {RISK_TYPE_LABELS[d.type]} · {d.processName}
          {d.processCode ? ` (${d.processCode})` : ''}
        </RecordSubtitle>
      </RecordHeader>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Card withBorder>
              <Stack gap="xs">
                <Field label="Mô tả">{d.description}</Field>
                <Field label="Nguyên nhân">{d.cause}</Field>
                <Field label={risk ? 'Hậu quả' : 'Lợi ích'}>
                  {risk ? d.consequence : d.benefit}
                </Field>
                <Group grow>
                  <Field label="Ngày nhận diện">{formatCivilDate(d.identifiedOn)}</Field>
                  <Field label="Ngày xem xét lại">
                    <Text span size="sm" {...overdueStyle(due)} data-testid="risk-review-on">
                      {formatCivilDate(d.reviewOn)}
                      {due ? ' (đến hạn)' : ''}
                    </Text>
                  </Field>
                  <Field label="Người phụ trách">{record.ownerName ?? 'Chưa giao'}</Field>
                </Group>
              </Stack>
            </Card>
            <Card withBorder>
              <Text fw={600} mb="xs">
                Đánh giá {risk ? 'rủi ro' : 'cơ hội'}
              </Text>
              <Group grow align="flex-start">
                <Field label="Trước xử lý (khả năng × ảnh hưởng)">
                  <Group gap="xs" data-testid="risk-score">
                    <Text size="sm">
                      {d.likelihood} × {d.impact}
                    </Text>
                    <LevelBadge score={d.likelihood * d.impact} />
                  </Group>
                </Field>
                <Field label="Sau xử lý">
                  {residual !== null ? (
                    <Group gap="xs" data-testid="risk-residual">
                      <Text size="sm">
                        {d.residualLikelihood} × {d.residualImpact}
                      </Text>
                      <LevelBadge score={residual} />
                    </Group>
                  ) : (
                    'Chưa đánh giá lại'
                  )}
                </Field>
              </Group>
              <Stack gap="xs" mt="sm">
                <Field label="Biện pháp xử lý">
                  {d.treatment ? (
                    <Badge variant="light">{TREATMENT_LABELS[d.treatment]}</Badge>
                  ) : (
                    'Chưa quyết định'
                  )}
                </Field>
                {d.treatmentPlan ? <Field label="Kế hoạch, lý do">{d.treatmentPlan}</Field> : null}
                {d.evaluated ? (
                  <Field label="Đánh giá lại">
                    {`${d.evaluated.name}, ${formatCivilDate(d.evaluated.on)}`}
                  </Field>
                ) : null}
                {d.closeReason ? <Field label="Lý do đóng, hủy">{d.closeReason}</Field> : null}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <ActionsCard
              key={version}
              sourceKind="risk"
              sourceId={record.id}
              words={TREATMENT_WORDS}
              canAdd={live && manager}
              onChange={reload}
            />
            <Card withBorder>
              <Text fw={600} mb="xs">
                Lịch sử
              </Text>
              <RecordHistory id={record.id} version={version} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
