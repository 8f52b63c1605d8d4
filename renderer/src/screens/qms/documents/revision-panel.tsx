// One revision (lần ban hành) of a document: the sign-off block (Soạn thảo / Xem xét / Phê
// duyệt with names and dates), the moves the user may make now, its content (edited while a
// draft), its attached file, the printed controlled document and .docx, who has read it.
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { STEP_ROLE_LABELS } from '../../../../../core/catalog/schema';
import type { RecordView } from '../../../../../core/contract/qms';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { hoursText } from '../../../../../core/qms/procedure-print';
import {
  revisionData as revisionSchema,
  SECTION_KEYS,
  SECTION_LABELS,
  type RevisionData,
} from '../../../../../core/qms/revision';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64 } from '../../../components/files';
import { PrintPreview, type PrintDoc } from '../../../components/print-preview';
import { useAction } from '../../../components/use-action';
import { formatCivilDate } from '../../../format';
import { RecordHistory } from '../record-history';
import { TransitionButtons } from '../transition-buttons';
import type { TransitionWords } from '../transition-dialog';
import { Acknowledgements } from './acknowledgements';
import { DraftEditor } from './draft-editor';
import { RevisionFile } from './revision-file';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const revisionData = (r: RecordView): RevisionData => revisionSchema.parse(r.data);

export function stateColor(state: string): string {
  switch (state) {
    case 'effective':
      return 'green';
    case 'approved':
      return 'teal';
    case 'in_review':
      return 'yellow';
    case 'draft':
      return 'blue';
    default:
      return 'gray';
  }
}

const REVISION_WORDS: Readonly<Record<string, TransitionWords>> = {
  submit: { title: 'Gửi xem xét', comment: 'Ghi chú cho người xem xét' },
  review: { title: 'Xác nhận đã xem xét', comment: 'Ý kiến xem xét', color: 'teal' },
  approve: {
    title: 'Phê duyệt ban hành',
    date: 'Ngày có hiệu lực',
    comment: 'Ghi chú',
    color: 'green',
  },
  reject: { title: 'Trả lại để sửa', comment: 'Nội dung cần sửa', color: 'orange' },
  cancel: { title: 'Hủy dự thảo', comment: 'Lý do hủy', color: 'red' },
};

function SignOff({ data }: { readonly data: RevisionData }) {
  const cols = [
    ['Soạn thảo', data.drafted],
    ['Xem xét', data.reviewed],
    ['Phê duyệt', data.approved],
  ] as const;
  return (
    <Table withTableBorder withColumnBorders aria-label="Ký duyệt">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110} />
          {cols.map(([label]) => (
            <Table.Th key={label} ta="center">
              {label.toUpperCase()}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td c="dimmed">Họ và tên</Table.Td>
          {cols.map(([label, s]) => (
            <Table.Td key={label} ta="center" data-testid={`signoff-${label}`}>
              {s?.name ?? '—'}
            </Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Td c="dimmed">Ngày</Table.Td>
          {cols.map(([label, s]) => (
            <Table.Td key={label} ta="center">
              {s ? formatCivilDate(s.on) : '—'}
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

export function StepTable({ steps }: { readonly steps: RevisionData['steps'] }) {
  if (!steps) return null;
  return (
    <Table withTableBorder striped aria-label="Các bước của quy trình">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>Bước</Table.Th>
          <Table.Th>Nội dung công việc</Table.Th>
          <Table.Th w={220}>Trách nhiệm</Table.Th>
          <Table.Th w={110}>Thời gian</Table.Th>
          <Table.Th>Biểu mẫu/Kết quả</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {steps.map((s) => (
          <Table.Tr key={s.no}>
            <Table.Td>B{s.no}</Table.Td>
            <Table.Td>{s.name}</Table.Td>
            <Table.Td>{STEP_ROLE_LABELS[s.role]}</Table.Td>
            <Table.Td>{hoursText(s.hours)}</Table.Td>
            <Table.Td>{s.output}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Content({ data }: { readonly data: RevisionData }) {
  const written = SECTION_KEYS.filter((k) => data.sections[k].trim() !== '');
  if (written.length === 0 && !data.steps)
    return (
      <Text size="sm" c="dimmed">
        Nội dung của bản này nằm trong tệp đính kèm.
      </Text>
    );
  return (
    <Stack gap="sm">
      {SECTION_KEYS.map((key, i) =>
        data.sections[key].trim() || (key === 'content' && data.steps) ? (
          <div key={key}>
            <Text fw={700} size="sm">
              {i + 1}. {SECTION_LABELS[key]}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {data.sections[key]}
            </Text>
            {key === 'content' ? <StepTable steps={data.steps} /> : null}
          </div>
        ) : null,
      )}
    </Stack>
  );
}

function Outputs({ revision }: { readonly revision: RecordView }) {
  const [doc, setDoc] = useState<PrintDoc | null>(null);
  const [loading, setLoading] = useState(false);
  const action = useAction();
  const docx = () =>
    void action.run(async () => {
      const file = await api.documents.exportDocx({ revisionId: revision.id });
      downloadBase64(file.fileName, file.base64, DOCX_MIME);
    });
  return (
    <>
      <Group gap="xs">
        <Button
          variant="default"
          onClick={() => {
            setLoading(true);
            void action
              .run(async () => setDoc(await api.documents.render({ revisionId: revision.id })))
              .finally(() => setLoading(false));
          }}
        >
          Xem bản in
        </Button>
        <Button variant="default" loading={action.busy && !loading} onClick={docx}>
          Tải về Word (.docx)
        </Button>
      </Group>
      <ErrorAlert error={action.error} />
      <PrintPreview
        doc={doc}
        loading={loading && !action.error}
        onClose={() => {
          setDoc(null);
          setLoading(false);
        }}
        actions={
          <Button variant="default" onClick={docx}>
            Tải về Word (.docx)
          </Button>
        }
      />
    </>
  );
}

export function RevisionPanel({
  detail,
  revision,
  onChange,
}: {
  readonly detail: DocumentDetail;
  readonly revision: RecordView;
  readonly onChange: (next: DocumentDetail | null) => void;
}) {
  const data = revisionData(revision);
  const editable =
    revision.state === 'draft' && revision.transitions.some((t) => t.name === 'submit');
  const acks = detail.acknowledgements?.revisionId === revision.id ? detail.acknowledgements : null;
  return (
    <Card withBorder>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={3}>Lần ban hành {String(data.issueNo).padStart(2, '0')}</Title>
            <Badge
              size="lg"
              variant="light"
              color={stateColor(revision.state)}
              data-testid="revision-state"
            >
              {revision.stateLabel}
            </Badge>
            {data.effectiveDate ? (
              <Text size="sm">Hiệu lực từ {formatCivilDate(data.effectiveDate)}</Text>
            ) : null}
          </Group>
          <TransitionButtons
            record={revision}
            words={REVISION_WORDS}
            onDone={() => onChange(null)}
          />
        </Group>
        {revision.state === 'draft' && data.rejectComment ? (
          <Alert color="orange" title="Bản dự thảo bị trả lại để sửa">
            {data.rejectComment}
          </Alert>
        ) : null}
        <SignOff data={data} />
        {data.changeSummary && !editable ? (
          <Text size="sm">
            <b>Nội dung sửa đổi:</b> {data.changeSummary}
          </Text>
        ) : null}
        <Group justify="space-between">
          <RevisionFile revision={revision} editable={editable} onChange={onChange} />
          <Outputs revision={revision} />
        </Group>
        {acks ? (
          <Acknowledgements
            acks={acks}
            mine={detail.mustAcknowledge}
            revisionId={revision.id}
            onChange={onChange}
          />
        ) : null}
        {editable ? (
          <DraftEditor key={revision.rev} detail={detail} revision={revision} onSaved={onChange} />
        ) : (
          <Content data={data} />
        )}
        <div>
          <Title order={4} mb="xs">
            Lịch sử
          </Title>
          <RecordHistory id={revision.id} version={revision.rev} />
        </div>
      </Stack>
    </Card>
  );
}
