// One controlled document: its register facts (kind, owner, who must read it, review
// interval, "cần rà soát"), its revisions (lần ban hành) with the one in force, and the chosen
// revision's sign-off, content and acknowledgements (revision-panel.tsx). A document shows the
// laws it cites; an external document its number, issuer, dates, what replaced it and the
// documents citing it. "Sửa thông tin" edits these facts (edit-document.tsx).
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Title } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ROLE_LABELS, type Role } from '../../../../../core/auth/roles';
import type { DocumentDetail } from '../../../../../core/contract/qms-documents';
import { DOC_TYPE_LABELS, documentData } from '../../../../../core/qms/document';
import { api } from '../../../api/client';
import { Field } from '../../../components/field';
import { ErrorAlert } from '../../../components/error-alert';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import type { TransitionWords } from '../transition-dialog';
import { TransitionButtons } from '../transition-buttons';
import { leaveThen } from '../../../shell/leave-guard';
import { EditDocument } from './edit-document';
import { useDocumentManager } from './manager';
import { RevisionPanel, revisionData, stateColor } from './revision-panel';

const DOCUMENT_WORDS: Readonly<Record<string, TransitionWords>> = {
  review_no_change: {
    title: 'Rà soát: giữ nguyên',
    comment: 'Kết quả rà soát (vì sao không cần sửa đổi)',
    color: 'teal',
  },
  review_revise: {
    title: 'Rà soát: cần sửa đổi',
    comment: 'Nội dung cần sửa đổi (mở bản dự thảo mới)',
    color: 'orange',
  },
  withdraw: { title: 'Hủy bỏ tài liệu', comment: 'Lý do hủy bỏ', color: 'red' },
};

function Header({
  detail,
  onChange,
}: {
  readonly detail: DocumentDetail;
  readonly onChange: (next: DocumentDetail | null) => void;
}) {
  const { document: doc, row } = detail;
  const data = documentData.parse(doc.data);
  const opening = useAction();
  const manager = useDocumentManager();
  const canDraft =
    doc.state === 'active' && data.docType !== 'external' && row.pending === null && manager;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} data-testid="document-code">
                {doc.code}
              </Title>
              <Badge variant="light">{DOC_TYPE_LABELS[data.docType]}</Badge>
              <Badge variant="light" color={doc.state === 'active' ? 'green' : 'gray'}>
                {doc.stateLabel}
              </Badge>
              {row.flags.length > 0 ? <Badge color="red">Cần rà soát</Badge> : null}
            </Group>
            <Text fw={600}>{doc.title}</Text>
          </Stack>
          <Group gap="xs">
            {canDraft ? (
              <Button
                variant="light"
                loading={opening.busy}
                onClick={() =>
                  void opening.run(async () =>
                    onChange(await api.documents.newRevision({ documentId: doc.id })),
                  )
                }
              >
                Soạn bản sửa đổi
              </Button>
            ) : null}
            {manager && doc.state === 'active' ? (
              <EditDocument detail={detail} onSaved={onChange} />
            ) : null}
            <TransitionButtons record={doc} words={DOCUMENT_WORDS} onDone={() => onChange(null)} />
          </Group>
        </Group>
        <ErrorAlert error={opening.error} />
        {row.flags.map((f) => (
          <Text key={f} size="sm" c="red">
            Cần rà soát: {f}
          </Text>
        ))}
        {data.external ? (
          <SimpleGrid cols={5}>
            <Field label="Số hiệu">{data.external.number}</Field>
            <Field label="Cơ quan ban hành">{data.external.issuer}</Field>
            <Field label="Ngày có hiệu lực">{formatCivilDate(data.external.effectiveDate)}</Field>
            <Field label="Ngày hết hiệu lực">
              {data.external.expiryDate ? formatCivilDate(data.external.expiryDate) : ''}
            </Field>
            <Field label="Thay thế bởi">
              {detail.replacedBy ? (
                <DocumentLink id={detail.replacedBy.id} testId="replaced-by">
                  {detail.replacedBy.number}
                </DocumentLink>
              ) : (
                ''
              )}
            </Field>
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={4}>
            <Field label="Vai trò chủ trì">{ROLE_LABELS[data.ownerRole]}</Field>
            <Field label="Phải đọc và xác nhận">
              {data.concernedRoles.map((r: Role) => ROLE_LABELS[r]).join(', ')}
            </Field>
            <Field label="Chu kỳ rà soát">{`${data.reviewMonths} tháng`}</Field>
            <Field label="Rà soát tiếp theo">
              {row.nextReview ? (
                <Text
                  span
                  size="sm"
                  c={row.reviewOverdue ? 'red' : 'dark'}
                  fw={row.reviewOverdue ? 700 : 400}
                >
                  {formatCivilDate(row.nextReview)}
                  {row.reviewOverdue ? ' (quá hạn)' : ''}
                </Text>
              ) : null}
            </Field>
          </SimpleGrid>
        )}
        {data.lastReview ? (
          <Text size="sm" c="dimmed">
            Rà soát gần nhất: {formatCivilDate(data.lastReview.by.on)}, {data.lastReview.by.name}
            {data.lastReview.comment ? ` — ${data.lastReview.comment}` : ''}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function DocumentLink({
  id,
  testId,
  children,
}: {
  readonly id: string;
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  const [, navigate] = useLocation();
  return (
    <Anchor
      size="sm"
      href={`#/qms/documents/${id}`}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/qms/documents/${id}`);
      }}
    >
      {children}
    </Anchor>
  );
}

/** The laws a document cites (each still in force or not), or the documents citing a law. */
function References({ detail }: { readonly detail: DocumentDetail }) {
  const external = detail.row.docType === 'external';
  if (external ? detail.citedBy.length === 0 : detail.cited.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {external ? 'Tài liệu viện dẫn văn bản này' : 'Văn bản căn cứ'}
      </Title>
      <Stack gap={4} data-testid={external ? 'cited-by' : 'cited'}>
        {external
          ? detail.citedBy.map((d) => (
              <DocumentLink key={d.id} id={d.id}>
                {d.code} — {d.title}
              </DocumentLink>
            ))
          : detail.cited.map((d) => (
              <Group key={d.id} gap="xs">
                <DocumentLink id={d.id}>
                  {d.number} — {d.title}
                </DocumentLink>
                {d.lapsed ? (
                  <Badge size="sm" color="red" variant="light">
                    Không còn hiệu lực
                  </Badge>
                ) : null}
              </Group>
            ))}
      </Stack>
    </Card>
  );
}

function Revisions({
  detail,
  selected,
  onSelect,
}: {
  readonly detail: DocumentDetail;
  readonly selected: string | null;
  readonly onSelect: (id: string) => void;
}) {
  return (
    <Table withTableBorder highlightOnHover aria-label="Các lần ban hành">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>Lần BH</Table.Th>
          <Table.Th w={210}>Trạng thái</Table.Th>
          <Table.Th w={120}>Hiệu lực</Table.Th>
          <Table.Th>Nội dung sửa đổi</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.revisions.map((r) => {
          const d = revisionData(r);
          return (
            <Table.Tr
              key={r.id}
              onClick={() => onSelect(r.id)}
              style={{
                cursor: 'pointer',
                ...(r.id === selected ? { background: 'var(--mantine-color-indigo-0)' } : {}),
              }}
              aria-selected={r.id === selected}
              data-issue={d.issueNo}
            >
              <Table.Td>{String(d.issueNo).padStart(2, '0')}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={stateColor(r.state)}>
                  {r.stateLabel}
                </Badge>
              </Table.Td>
              <Table.Td>{d.effectiveDate ? formatCivilDate(d.effectiveDate) : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {d.changeSummary}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function DocumentDetailScreen({ id }: { readonly id: string }) {
  const wanted = new URLSearchParams(useSearch()).get('revision');
  const { data, error, setData, reload } = useLoad(
    useCallback(() => api.documents.get({ id }), [id]),
  );
  const [picked, setPicked] = useState<string | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const ids = data.revisions.map((r) => r.id);
  // The one asked for (an inbox line), else what is on its way, else the one in force.
  const selected =
    [picked, wanted].find((x) => x && ids.includes(x)) ??
    data.row.pending?.id ??
    data.row.inForce?.id ??
    ids[0] ??
    null;
  const revision = data.revisions.find((r) => r.id === selected) ?? null;
  const changed = (next: DocumentDetail | null) => (next ? setData(next) : reload());
  return (
    <Stack>
      <Header detail={data} onChange={changed} />
      <References detail={data} />
      {data.revisions.length > 0 ? (
        <Revisions
          detail={data}
          selected={selected}
          onSelect={(next) => {
            if (next !== selected) leaveThen(() => setPicked(next));
          }}
        />
      ) : data.document.kind === 'document' && data.row.docType !== 'external' ? (
        <Text c="dimmed">Chưa có lần ban hành nào đang có hiệu lực.</Text>
      ) : null}
      {revision ? (
        <RevisionPanel key={revision.id} detail={data} revision={revision} onChange={changed} />
      ) : null}
    </Stack>
  );
}
