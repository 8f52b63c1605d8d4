// Tài liệu đính kèm: the scanned documents of a dossier. Whoever may act on the dossier adds
// a PDF, JPEG or PNG; anyone who may read it sees the list, views an image, or saves a copy.
// The page's security policy allows no embedded PDF viewer: a PDF is saved and opened in the
// PC's own PDF reader.
import { Alert, Button, FileInput, Group, Image, Modal, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { AttachmentView } from '../../../../core/contract/attachments';
import { ATTACHMENT_MAX_BYTES } from '../../../../core/desk/attachments';
import { api } from '../../api/client';
import { errorText, notifyDone, notifyError } from '../../components/errors';
import { downloadBase64, readAsBase64 } from '../../components/files';
import { useLoad } from '../../components/use-load';
import { formatBytes, formatDate } from '../../format';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const TYPE_LABELS: Readonly<Record<AttachmentView['mimeType'], string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'Ảnh JPEG',
  'image/png': 'Ảnh PNG',
};

function toBlobUrl(base64: string, mime: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

interface Preview {
  readonly name: string;
  readonly url: string;
}

export function DossierAttachments({ dossierId }: { readonly dossierId: string }) {
  const loader = useCallback(() => api.dossiers.attachments({ dossierId }), [dossierId]);
  const { data, error, reload } = useLoad(loader);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  const add = async () => {
    if (!file) return;
    setProblem(null);
    // Checked here too, so a 200 MB scan is not read into memory only to be refused.
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setProblem(
        'Tệp quá lớn: mỗi tệp đính kèm tối đa 20 MB. Hãy quét lại với độ phân giải thấp hơn.',
      );
      return;
    }
    setBusy(true);
    try {
      const base64 = await readAsBase64(file);
      const added = await api.dossiers.attach({ dossierId, fileName: file.name, base64 });
      notifyDone(`Đã đính kèm "${added.fileName}".`);
      setFile(null);
      reload();
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const open = async (a: AttachmentView) => {
    try {
      const got = await api.dossiers.attachment({ id: a.id });
      setPreview({ name: got.fileName, url: toBlobUrl(got.base64, got.mimeType) });
    } catch (err) {
      notifyError(err);
    }
  };

  const save = async (a: AttachmentView) => {
    try {
      const got = await api.dossiers.attachment({ id: a.id });
      downloadBase64(got.fileName, got.base64, got.mimeType);
    } catch (err) {
      notifyError(err);
    }
  };

  const close = () => {
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview(null);
  };

  if (error) return <Alert color="red">{error}</Alert>;
  if (!data) return null;
  return (
    <Stack gap="sm">
      {data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Chưa có tài liệu đính kèm.
        </Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} aria-label="Tài liệu đính kèm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tên tệp</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Ngày thêm</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Người thêm</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  <Text size="sm">{a.fileName}</Text>
                  <Text size="xs" c="dimmed">
                    {TYPE_LABELS[a.mimeType]} · {formatBytes(a.size)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDate(a.addedAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.addedByName ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {a.mimeType === 'application/pdf' ? null : (
                      <Button size="compact-sm" variant="light" onClick={() => void open(a)}>
                        Xem
                      </Button>
                    )}
                    <Button size="compact-sm" variant="default" onClick={() => void save(a)}>
                      Tải về
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data.items.some((a) => a.mimeType === 'application/pdf') ? (
        <Text size="xs" c="dimmed">
          Tệp PDF được tải về và mở bằng phần mềm đọc PDF trên máy.
        </Text>
      ) : null}
      {data.canAttach ? (
        <Group align="flex-end">
          <FileInput
            label="Thêm tài liệu (PDF, JPEG, PNG; tối đa 20 MB)"
            placeholder="Chọn tệp bản quét"
            accept={ACCEPT}
            value={file}
            onChange={(f) => {
              setFile(f);
              setProblem(null);
            }}
            clearable
            w={360}
          />
          <Button onClick={() => void add()} disabled={!file} loading={busy}>
            Đính kèm
          </Button>
        </Group>
      ) : null}
      {problem ? <Alert color="red">{problem}</Alert> : null}
      <Modal opened={preview !== null} onClose={close} title={preview?.name} size="xl" centered>
        {preview ? <Image src={preview.url} alt={preview.name} fit="contain" mah="75vh" /> : null}
      </Modal>
    </Stack>
  );
}
