// Import the procedure catalog from the Excel template; row-level errors shown as a table.
import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { OpOutput } from '../../../../core/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { downloadBase64, readAsBase64, XLSX_MIME } from '../../components/files';

type ImportResult = OpOutput<'catalog.importExcel'>;

export function CatalogImport({ onImported }: { readonly onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.catalog.importExcel({ fileBase64: await readAsBase64(file) });
      setResult(r);
      if (r.ok) onImported();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const download = async (kind: 'template' | 'export') => {
    setError(null);
    try {
      const f = await (kind === 'template'
        ? api.catalog.templateExcel({})
        : api.catalog.exportExcel({}));
      downloadBase64(f.fileName, f.base64, XLSX_MIME);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <FileInput
          label="Nhập từ Excel"
          placeholder="Chọn tệp .xlsx theo mẫu danh mục"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          w={360}
        />
        <Button onClick={() => void run()} disabled={!file} loading={busy}>
          Nhập danh mục
        </Button>
        <Button variant="subtle" onClick={() => void download('template')}>
          Tải tệp mẫu (.xlsx)
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Điền tệp mẫu (mỗi bảng của quy trình ISO một trang tính), hoặc xuất danh mục hiện có ra
        Excel để sửa rồi nhập lại.
      </Text>
      {error ? <Alert color="red">{error}</Alert> : null}
      {result?.ok ? <Alert color="green">Đã nhập {result.procedures} thủ tục.</Alert> : null}
      {result && !result.ok ? (
        <Alert color="red" title="Tệp có lỗi, chưa nhập thủ tục nào">
          <Table withTableBorder verticalSpacing={2} aria-label="Lỗi nhập danh mục">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Trang tính</Table.Th>
                <Table.Th>Dòng</Table.Th>
                <Table.Th>Lỗi</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.errors.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{e.sheet}</Table.Td>
                  <Table.Td>{e.row > 0 ? e.row : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.message}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      ) : null}
    </Stack>
  );
}
