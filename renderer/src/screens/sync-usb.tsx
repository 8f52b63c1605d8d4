// Parts of the Sync screen: what exporting a USB sync file did, and importing the province's
// reply to it (what the province confirmed, refused, and published).
import { Alert, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { errorText, notifyDone } from '../components/errors';
import { readAsBase64 } from '../components/files';
import { formatCount } from '../format';

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
