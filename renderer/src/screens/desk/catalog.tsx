// Danh mục thủ tục: the procedures this office handles; import from Excel for managers.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { fold, viCollator } from '../../../../core/text/fold';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { errorText } from '../../components/errors';
import { downloadBase64, XLSX_MIME } from '../../components/files';
import { useLoad } from '../../components/use-load';
import { CatalogImport } from './catalog-import';

export function CatalogScreen() {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const { data, error, reload } = useLoad(useCallback(() => api.catalog.list({}), []));
  const [filter, setFilter] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);
  const exportExcel = async () => {
    setExportError(null);
    try {
      const f = await api.catalog.exportExcel({});
      downloadBase64(f.fileName, f.base64, XLSX_MIME);
    } catch (err) {
      setExportError(errorText(err));
    }
  };
  const rows = useMemo(() => {
    const needle = fold(filter);
    return [...(data ?? [])]
      .filter(
        (p) => !needle || fold(`${p.code} ${p.isoCode} ${p.name} ${p.field}`).includes(needle),
      )
      .sort((a, b) => viCollator.compare(a.field, b.field) || viCollator.compare(a.name, b.name));
  }, [data, filter]);
  return (
    <Stack>
      <Title order={2}>Danh mục thủ tục hành chính</Title>
      {can('catalog.manage') ? (
        <Card withBorder>
          <CatalogImport onImported={reload} />
        </Card>
      ) : null}
      <Group justify="space-between" align="flex-end">
        <TextInput
          placeholder="Lọc theo mã, tên, lĩnh vực…"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={360}
          aria-label="Lọc thủ tục"
        />
        <Button variant="light" onClick={() => void exportExcel()}>
          Xuất Excel
        </Button>
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      <ErrorAlert error={exportError} />
      <Table striped highlightOnHover withTableBorder aria-label="Danh mục thủ tục">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Lĩnh vực</Table.Th>
            <Table.Th>Mã thủ tục</Table.Th>
            <Table.Th>Mã quy trình</Table.Th>
            <Table.Th>Tên thủ tục</Table.Th>
            <Table.Th>Thời hạn giải quyết</Table.Th>
            <Table.Th ta="right">Số bước</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr
              key={p.id}
              data-code={p.code}
              onClick={() => navigate(`/catalog/${p.id}`)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.field}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.code}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.isoCode}</Table.Td>
              <Table.Td>
                <Anchor
                  href={`#/catalog/${p.id}`}
                  size="sm"
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    navigate(`/catalog/${p.id}`);
                  }}
                >
                  {p.name}
                </Anchor>{' '}
                {p.active ? null : (
                  <Badge color="gray" size="xs">
                    Ngừng áp dụng
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.timeLimitText}</Table.Td>
              <Table.Td ta="right">{p.stepCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && rows.length === 0 ? <Text c="dimmed">Không có thủ tục phù hợp.</Text> : null}
    </Stack>
  );
}
