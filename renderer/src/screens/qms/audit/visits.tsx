// Audits this PC's auditors do for other offices (đánh giá cho đơn vị khác), on the internal
// audit page: the packs imported here with how far each is filled, and "Nhập gói đánh giá" (the
// .isoxa-audit file and the passphrase the audited office gave).
import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { readAsBase64 } from '../../../components/files';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { formatDate } from '../../../format';

export function VisitsCard({ mayImport }: { readonly mayImport: boolean }) {
  const [, navigate] = useLocation();
  const [importing, setImporting] = useState(false);
  const { data, error } = useLoad(useCallback(() => api.visits.list({}), []));
  if (!mayImport && (data ?? []).length === 0) return null;
  return (
    <Card withBorder data-testid="visits-card">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Text fw={600}>Đánh giá cho đơn vị khác</Text>
          <Text size="sm" c="dimmed">
            Gói đánh giá của xã khác mời cán bộ ở đây làm đánh giá viên: điền trên máy này rồi xuất
            kết quả gửi lại.
          </Text>
        </Stack>
        {mayImport ? (
          <Button variant="light" onClick={() => setImporting(true)}>
            Nhập gói đánh giá
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={error} />
      {(data ?? []).length > 0 ? (
        <Table aria-label="Đánh giá cho đơn vị khác">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cuộc đánh giá</Table.Th>
              <Table.Th>Đơn vị được đánh giá</Table.Th>
              <Table.Th>Lĩnh vực</Table.Th>
              <Table.Th>Danh mục kiểm tra</Table.Th>
              <Table.Th>Phát hiện</Table.Th>
              <Table.Th>Đã xuất kết quả</Table.Th>
              <Table.Th>Nhập ngày</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data ?? []).map((v) => (
              <Table.Tr key={v.id} data-testid="visit-row">
                <Table.Td>
                  <Anchor
                    href={`#/qms/visits/${v.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/qms/visits/${v.id}`);
                    }}
                  >
                    {v.auditCode}
                  </Anchor>
                </Table.Td>
                <Table.Td>{v.officeName}</Table.Td>
                <Table.Td>{v.area}</Table.Td>
                <Table.Td>
                  {v.answered}/{v.questions} câu hỏi
                </Table.Td>
                <Table.Td>{v.findings}</Table.Td>
                <Table.Td>{v.exported === 0 ? 'Chưa' : `${v.exported} lần`}</Table.Td>
                <Table.Td>
                  {formatDate(v.importedAt)} · {v.importedByName}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          Chưa nhập gói đánh giá nào.
        </Text>
      )}
      {importing ? (
        <ImportPackDialog
          onClose={() => setImporting(false)}
          onDone={(id) => navigate(`/qms/visits/${id}`)}
        />
      ) : null}
    </Card>
  );
}

function ImportPackDialog({
  onClose,
  onDone,
}: {
  readonly onClose: () => void;
  readonly onDone: (id: string) => void;
}) {
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const submit = () =>
    void action.run(async () => {
      if (!file) throw new Error('Hãy chọn tệp gói đánh giá (.isoxa-audit).');
      const r = await api.visits.importPack({
        fileName: file.name,
        base64: await readAsBase64(file),
        passphrase,
      });
      notifyDone(`Đã nhập gói đánh giá ${r.auditCode} của ${r.officeName}.`);
      onDone(r.id);
    });
  return (
    <Modal opened onClose={onClose} title="Nhập gói đánh giá">
      <Stack>
        <Text size="sm">
          Chọn tệp gói đánh giá (.isoxa-audit) do xã được đánh giá trao, và nhập mật khẩu của gói
          (24 ký tự, xã đó đọc cho bạn khi xuất gói).
        </Text>
        <Group>
          <FileButton onChange={setFile} accept=".isoxa-audit">
            {(props) => (
              <Button {...props} variant="default">
                Chọn tệp…
              </Button>
            )}
          </FileButton>
          <Text size="sm" data-testid="pack-file-name">
            {file ? file.name : 'Chưa chọn tệp'}
          </Text>
        </Group>
        <TextInput
          label="Mật khẩu gói đánh giá"
          placeholder="VD: ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
        />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button onClick={submit} loading={action.busy} disabled={!file || !passphrase.trim()}>
            Nhập gói
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
