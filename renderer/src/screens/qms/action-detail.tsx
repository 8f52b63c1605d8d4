// One action of any source (a nonconformity's corrective action, a risk treatment, a review
// decision...): what, who, by when, what was done and its check; the moves the user may make.
import { Anchor, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { actionData } from '../../../../core/qms/action';
import { api } from '../../api/client';
import { Field } from '../../components/field';
import { ErrorAlert } from '../../components/error-alert';
import { useLoad } from '../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../format';
import { RecordHeader, RecordSubtitle } from './record-header';
import { RecordHistory } from './record-history';
import { TransitionButtons } from './transition-buttons';
import type { TransitionWords } from './transition-dialog';

/** The screen of each source kind an action can come from. */
const SOURCES: Readonly<Record<string, readonly [string, (id: string) => string]>> = {
  nonconformity: ['Sự không phù hợp', (id) => `/qms/nonconformities/${id}`],
  document: ['Tài liệu', (id) => `/qms/documents/${id}`],
  dossier: ['Hồ sơ', (id) => `/dossiers/${id}`],
};

const WORDS: Readonly<Record<string, TransitionWords>> = {
  complete: { title: 'Báo cáo đã thực hiện', comment: 'Kết quả thực hiện', color: 'green' },
  verify: { title: 'Xác nhận hiệu lực', comment: 'Kết quả kiểm tra hiệu lực', color: 'green' },
  reopen: { title: 'Yêu cầu thực hiện lại', comment: 'Vì sao chưa đạt', color: 'orange' },
  reschedule: { title: 'Gia hạn', date: 'Hạn mới', comment: 'Lý do gia hạn' },
  cancel: { title: 'Hủy hành động', comment: 'Lý do hủy', color: 'red' },
};

export function ActionDetailScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const { data: record, error, setData } = useLoad(useCallback(() => api.qms.get({ id }), [id]));
  const [version, setVersion] = useState(0);
  if (error) return <ErrorAlert error={error} />;
  if (!record) return null;
  const data = actionData.parse(record.data);
  const source = record.sourceKind ? SOURCES[record.sourceKind] : undefined;
  const overdue =
    record.state === 'open' && record.dueDate !== null && record.dueDate < civilDateOf(Date.now());
  return (
    <Stack>
      <RecordHeader
        title={record.title}
        state={record.stateLabel}
        stateTestId="action-state"
        actions={
          <TransitionButtons
            record={record}
            words={WORDS}
            onDone={(next) => {
              setData(next);
              setVersion((v) => v + 1);
            }}
          />
        }
      >
        <RecordSubtitle>
          {record.kindLabel} {record.code}
        </RecordSubtitle>
      </RecordHeader>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Field label="Nội dung thực hiện">{data.description}</Field>
              <Field label="Kết quả thực hiện">
                {data.result}
                {data.completed
                  ? ` (${data.completed.name}, ${formatCivilDate(data.completed.on)})`
                  : ''}
              </Field>
              <Field label="Kiểm tra hiệu lực">
                {data.verification}
                {data.verified
                  ? ` (${data.verified.name}, ${formatCivilDate(data.verified.on)})`
                  : ''}
              </Field>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Field label="Người thực hiện">{record.ownerName}</Field>
              <Field label="Thời hạn">
                {record.dueDate ? (
                  <Text span c={overdue ? 'red' : 'dark'} fw={overdue ? 700 : 400} size="sm">
                    {formatCivilDate(record.dueDate)}
                    {overdue ? ' (quá hạn)' : ''}
                  </Text>
                ) : null}
              </Field>
              <Field label="Nguồn">
                {source && record.sourceId ? (
                  <Anchor
                    size="sm"
                    href={`#${source[1](record.sourceId)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(source[1](record.sourceId ?? ''));
                    }}
                  >
                    {source[0]}
                  </Anchor>
                ) : null}
              </Field>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder>
        <Title order={4} mb="xs">
          Lịch sử
        </Title>
        <RecordHistory id={record.id} version={version} />
      </Card>
    </Stack>
  );
}
