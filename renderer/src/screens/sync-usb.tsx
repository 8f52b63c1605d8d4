// Parts of the Sync screen: what exporting a USB sync file did, importing the province's reply
// to it (what the province confirmed, refused, and published), and the app update the
// province announced.
import { Alert, Badge, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { errorText, notifyDone } from '../components/errors';
import { readAsBase64 } from '../components/files';
import { formatBytes, formatCount, formatDate } from '../format';
import { ErrorAlert } from '../components/error-alert';

type Status = OpOutput<'sync.status'>;
type Imported = OpOutput<'sync.importReply'>;

/** After "Xuất tệp đồng bộ": kept on screen in orange when a scan could not go with it. */
export function notifyExported(r: OpOutput<'sync.exportFile'>): void {
  if (r.missingAttachments === 0) return notifyDone(r.notice);
  notifications.show({
    color: 'orange',
    title: 'Đã xuất tệp đồng bộ, còn thiếu tệp đính kèm',
    message: r.notice,
    autoClose: false,
  });
}

function ImportSummary({ r }: { readonly r: Imported }) {
  return (
    <Alert
      color={r.feedGap ? 'orange' : 'green'}
      title="Đã nhập tệp phản hồi"
      data-testid="reply-result"
    >
      <Text size="sm">
        {formatCount(r.acknowledged)} thay đổi được tỉnh xác nhận, {formatCount(r.rejected)} bị từ
        chối
        {r.resent > 0 ? `, ${formatCount(r.resent)} sẽ được gửi lại` : ''};{' '}
        {formatCount(r.feedEntries)} mục do tỉnh công bố (danh mục thủ tục, lịch nghỉ, biểu mẫu,
        thông báo) đã được cập nhật.
      </Text>
      {r.feedGap ? (
        <Text size="sm" mt="xs">
          Tệp này không nối tiếp được danh mục, lịch đã có trên máy nên phần đó chưa được áp dụng.
          Đề nghị Sở tải tệp phản hồi mới từ trang chi tiết của xã.
        </Text>
      ) : null}
    </Alert>
  );
}

/** "Nhập tệp phản hồi của tỉnh": picks the .isoxa-reply file the province gave back. */
export function ImportReply({ onDone }: { readonly onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  // Cleared after each pick, so choosing the same file again (a re-import) is seen.
  const reset = useRef<() => void>(null);
  const pick = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.sync.importReply({
        base64: await readAsBase64(file),
        fileName: file.name,
      });
      setResult(r);
      notifyDone(`Đã nhập tệp phản hồi ${file.name}.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      reset.current?.();
      onDone();
    }
  };
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Sở trả lại một tệp phản hồi (đuôi .isoxa-reply) có chữ ký của máy chủ tỉnh: nhập tệp để xóa
        các thay đổi tỉnh đã nhận khỏi hàng đợi và cập nhật danh mục, lịch do tỉnh công bố. Nhập lại
        cùng một tệp không làm thay đổi gì.
      </Text>
      {error ? (
        <Alert color="red" role="alert" title="Không nhập được tệp phản hồi">
          {error}
        </Alert>
      ) : null}
      {result ? <ImportSummary r={result} /> : null}
      <Group>
        <FileButton
          onChange={(f) => void pick(f)}
          accept=".isoxa-reply,application/octet-stream"
          resetRef={reset}
        >
          {(props) => (
            <Button {...props} variant="light" loading={busy}>
              Nhập tệp phản hồi của tỉnh
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}

/** "Có phiên bản mới x.y.z": the manifest the province published; installing comes later. */
export function UpdateCard({ s, canManage }: { readonly s: Status; readonly canManage: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const u = s.update;
  if (!u) return null;
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.sync.downloadUpdate({});
      setSaved(r.path);
      notifyDone(`Đã tải bộ cài ISO Xã ${r.version} về máy.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder data-testid="app-update">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>Có phiên bản mới {u.version}</Title>
          {u.downloaded || saved ? (
            <Badge color="green" variant="light">
              Đã tải về, đã kiểm tra mã
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          Sở công bố ngày {formatDate(u.publishedAt)} · bộ cài {u.file} ({formatBytes(u.size)})
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {u.notes}
        </Text>
        <ErrorAlert error={error} />
        {saved ? <Text size="sm">Bộ cài đã lưu tại {saved}.</Text> : null}
        {canManage && !u.downloaded && !saved ? (
          <Group>
            <Button variant="light" loading={busy} onClick={() => void download()}>
              Tải bộ cài về máy
            </Button>
            <Text size="xs" c="dimmed">
              Bộ cài được kiểm tra mã SHA-256 do tỉnh công bố trước khi giữ lại.
            </Text>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
