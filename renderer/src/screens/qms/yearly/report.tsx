// One year's report: its state and moves (submit, return, approve, send), the print and Word
// buttons, the template's sections with their figures (frozen in the record) and the texts
// the office types while the report is a draft.
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { RecordView } from '../../../../../core/contract/qms';
import { yearlyReportData } from '../../../../../core/qms/yearly-report';
import { figureBlocks } from '../../../../../core/qms/yearly-report-print';
import { api } from '../../../api/client';
import { DocOutputs } from '../../../components/doc-outputs';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';
import { formatCivilDate } from '../../../format';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { Blocks } from './blocks';

const WORDS: Readonly<Record<string, TransitionWords>> = {
  submit: { title: 'Trình lãnh đạo duyệt', comment: 'Ghi chú' },
  return: { title: 'Trả lại để sửa', comment: 'Lý do trả lại', color: 'gray' },
  approve: { title: 'Duyệt báo cáo', comment: 'Ý kiến', color: 'teal' },
  send: { title: 'Gửi lên Sở KH&CN', comment: 'Ghi chú', color: 'teal' },
};

const STATE_COLOR: Readonly<Record<string, string>> = {
  draft: 'gray',
  in_review: 'orange',
  approved: 'blue',
  sent: 'teal',
};

export function YearlyReport({
  record,
  onChange,
}: {
  readonly record: RecordView;
  readonly onChange: () => void;
}) {
  const d = yearlyReportData.parse(record.data);
  const draft = record.state === 'draft';
  const mayEdit = draft && record.transitions.some((t) => t.name === 'submit');
  const [texts, setTexts] = useState<Record<string, string>>(d.texts);
  const dirty = Object.entries(texts).some(([k, v]) => (d.texts[k] ?? '') !== v);
  const action = useAction();
  const save = () =>
    void action.run(async () => {
      await api.yearly.saveTexts({ id: record.id, rev: record.rev, texts });
      notifyDone('Đã lưu nội dung báo cáo.');
      onChange();
    });
  const regenerate = () =>
    void action.run(async () => {
      await api.yearly.regenerate({ id: record.id, rev: record.rev });
      notifyDone('Đã lấy lại số liệu từ dữ liệu hiện tại.');
      onChange();
    });
  const f = d.figures;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="sm">
          <Title order={4}>
            {record.title} ({record.code})
          </Title>
          <Badge color={STATE_COLOR[record.state] ?? 'gray'} data-testid="yearly-state">
            {record.stateLabel}
          </Badge>
        </Group>
        {dirty ? null : <TransitionButtons record={record} words={WORDS} onDone={onChange} />}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Số liệu lấy ngày {formatCivilDate(f.asOf)} (kỳ báo cáo {formatCivilDate(f.from)} –{' '}
        {formatCivilDate(f.to)})
        {d.templateVersion ? ` · mẫu của tỉnh, phiên bản ${d.templateVersion}` : ' · mẫu mặc định'}
        {d.approved
          ? ` · ${d.signerTitle || 'Chủ tịch'} ${d.approved.name} duyệt ngày ${formatCivilDate(d.approved.on)}`
          : ''}
        {d.sent ? ` · gửi ngày ${formatCivilDate(d.sent.on)}` : ''}
      </Text>
      {d.returnReason && draft ? (
        <Alert color="orange" mb="sm" title="Lãnh đạo trả lại">
          {d.returnReason}
        </Alert>
      ) : null}
      {record.state === 'sent' ? (
        <Alert color="teal" mb="sm">
          Báo cáo đã gửi: lên Sở KH&CN ở lần đồng bộ tiếp theo, hoặc qua tệp USB (màn hình Đồng bộ).
        </Alert>
      ) : record.state !== 'draft' ? (
        <Alert color="blue" mb="sm">
          Số liệu đã chốt: báo cáo không còn thay đổi theo dữ liệu mới.
        </Alert>
      ) : null}
      <Group mb="sm">
        <DocOutputs
          label="In báo cáo"
          print={() => api.yearly.print({ id: record.id })}
          word={() => api.yearly.exportDocx({ id: record.id })}
        />
        {mayEdit ? (
          <Button variant="default" onClick={regenerate} loading={action.busy} disabled={dirty}>
            Lấy lại số liệu
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={action.error} />
      <Stack gap="sm">
        {d.template.sections.map((s) => (
          <Stack key={s.heading} gap={6}>
            <Text fw={700}>{s.heading}</Text>
            <Blocks blocks={s.figures.flatMap((k) => figureBlocks(k, f))} />
            {s.texts.map((x) =>
              mayEdit ? (
                <Textarea
                  key={x.key}
                  label={x.label}
                  autosize
                  minRows={2}
                  maxLength={10_000}
                  value={texts[x.key] ?? ''}
                  onChange={(e) => setTexts({ ...texts, [x.key]: e.currentTarget.value })}
                />
              ) : (
                <Text key={x.key} size="sm">
                  <b>{x.label}: </b>
                  {d.texts[x.key] || '…'}
                </Text>
              ),
            )}
          </Stack>
        ))}
      </Stack>
      {mayEdit ? (
        <Group mt="md">
          <Button onClick={save} loading={action.busy} disabled={!dirty}>
            Lưu nội dung
          </Button>
          {dirty ? (
            <Text size="sm" c="orange">
              Có nội dung chưa lưu.
            </Text>
          ) : null}
        </Group>
      ) : null}
    </Card>
  );
}
