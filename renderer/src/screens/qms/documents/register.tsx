// Danh mục tài liệu: the office's controlled documents and external documents, searched
// without diacritics, with the revision in force, what is on its way, the next periodic
// review and the "cần rà soát" flags; export to Excel; new documents and the province's model
// documents for those who manage them.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { DocumentRow } from '../../../../../core/contract/qms-documents';
import { DOC_TYPE_LABELS, DOC_TYPES, type DocType } from '../../../../../core/qms/document';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { downloadBase64, XLSX_MIME } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatCivilDate } from '../../../format';
import { CreateDocument } from './create-document';
import { useDocumentManager } from './manager';
import { ModelDocuments } from './model-documents';

/** The register's "tình trạng" filter, applied to the rows the service returned. */
const STATUS_FILTERS: Readonly<Record<string, readonly [string, (r: DocumentRow) => boolean]>> = {
  in_force: ['Đang có hiệu lực', (r) => r.inForce !== null || r.external !== null],
  pending: ['Đang soạn thảo, xem xét', (r) => r.pending !== null],
  needs_review: ['Cần rà soát', (r) => r.flags.length > 0 || r.reviewOverdue],
  obsolete: ['Đã hủy bỏ', (r) => r.state === 'obsolete'],
};

function StatusCell({ row }: { readonly row: DocumentRow }) {
  return (
    <Group gap={4}>
      {row.state === 'obsolete' ? <Badge color="gray">Đã hủy bỏ</Badge> : null}
      {row.external && (row.external.replacedById || row.external.expiryDate) ? (
        <Badge color="gray">
          {row.external.replacedById ? 'Đã được thay thế' : 'Có ngày hết hiệu lực'}
        </Badge>
      ) : null}
      {row.pending ? (
        <Badge color="yellow" variant="light">
          Lần {row.pending.issueNo}: {row.pending.stateLabel}
        </Badge>
      ) : null}
      {row.flags.length > 0 ? (
        <Badge color="red" title={row.flags.join('\n')}>
          Cần rà soát
        </Badge>
      ) : null}
    </Group>
  );
}

export function DocumentRegisterScreen() {
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [docType, setDocType] = useState<DocType | null>(null);
  const [includeObsolete, setIncludeObsolete] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const { data, error } = useLoad(
    useCallback(
      () =>
        api.documents.list({
          query: debounced,
          includeObsolete: includeObsolete || status === 'obsolete',
          ...(docType ? { docType } : {}),
        }),
      [debounced, docType, includeObsolete, status],
    ),
  );
  const keep = status ? STATUS_FILTERS[status]?.[1] : undefined;
  const rows = (data ?? []).filter((r) => !keep || keep(r));
  const excel = useAction();
  const manager = useDocumentManager();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Tài liệu hệ thống quản lý chất lượng</Title>
        <Group gap="xs">
          <Button
            variant="default"
            loading={excel.busy}
            onClick={() =>
              void excel.run(async () => {
                const file = await api.documents.exportExcel({});
                downloadBase64(file.fileName, file.base64, XLSX_MIME);
              })
            }
          >
            Xuất Excel
          </Button>
          {manager ? <ModelDocuments /> : null}
          {manager ? <CreateDocument onCreated={(id) => navigate(`/qms/documents/${id}`)} /> : null}
        </Group>
      </Group>
      <Group>
        <TextInput
          placeholder="Tìm theo mã hoặc tên tài liệu…"
          aria-label="Tìm tài liệu"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={320}
        />
        <Select
          placeholder="Tất cả loại tài liệu"
          aria-label="Loại tài liệu"
          data={DOC_TYPES.map((t) => ({ value: t, label: DOC_TYPE_LABELS[t] }))}
          value={docType}
          onChange={(v) => setDocType(v)}
          clearable
          w={220}
        />
        <Select
          placeholder="Mọi tình trạng"
          aria-label="Tình trạng"
          data={Object.entries(STATUS_FILTERS).map(([value, [label]]) => ({ value, label }))}
          value={status}
          onChange={setStatus}
          clearable
          w={220}
        />
        <Checkbox
          label="Gồm tài liệu đã hủy bỏ"
          checked={includeObsolete}
          onChange={(e) => setIncludeObsolete(e.currentTarget.checked)}
        />
      </Group>
      <ErrorAlert error={error ?? excel.error} />
      <Table striped highlightOnHover withTableBorder aria-label="Danh mục tài liệu">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Mã</Table.Th>
            <Table.Th>Tên tài liệu</Table.Th>
            <Table.Th w={150}>Loại</Table.Th>
            <Table.Th w={90}>Lần BH</Table.Th>
            <Table.Th w={110}>Hiệu lực</Table.Th>
            <Table.Th w={120}>Rà soát tiếp</Table.Th>
            <Table.Th w={200}>Tình trạng</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              data-code={row.code}
              onClick={() => navigate(`/qms/documents/${row.id}`)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.code}</Table.Td>
              <Table.Td>{row.title}</Table.Td>
              <Table.Td>{DOC_TYPE_LABELS[row.docType]}</Table.Td>
              <Table.Td>
                {row.inForce ? String(row.inForce.issueNo).padStart(2, '0') : '—'}
              </Table.Td>
              <Table.Td>
                {row.inForce?.effectiveDate
                  ? formatCivilDate(row.inForce.effectiveDate)
                  : row.external
                    ? formatCivilDate(row.external.effectiveDate)
                    : '—'}
              </Table.Td>
              <Table.Td>
                {row.nextReview ? (
                  <Text
                    size="sm"
                    c={row.reviewOverdue ? 'red' : 'dark'}
                    fw={row.reviewOverdue ? 700 : 400}
                  >
                    {formatCivilDate(row.nextReview)}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                <StatusCell row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && rows.length === 0 ? <Text c="dimmed">Không có tài liệu nào phù hợp.</Text> : null}
    </Stack>
  );
}
