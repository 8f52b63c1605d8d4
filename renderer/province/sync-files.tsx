// Tệp đồng bộ (USB): an office without network brings its signed sync file; the server
// checks the device's signature and applies it exactly like a push, and the province hands
// back a signed reply file for the office to import.
import { Button, FileInput, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { SyncFileResult } from '../../core/sync/admin';
import { errorText, provinceApi } from './api';
import { formatCount } from './format';
import { ReplyFileButton } from './reply-button';
import { useLoad } from './use-load';
import { ErrorAlert } from '../src/components/error-alert';

function Count({
  label,
  value,
  color,
}: {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {formatCount(value)}
      </Text>
    </Paper>
  );
}

export function SyncFilesScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ file: string; value: SyncFileResult } | null>(null);
  const loader = useCallback(() => provinceApi.offices(), []);
  const offices = useLoad(loader);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const value = await provinceApi.uploadSyncFile(await file.arrayBuffer());
      setResult({ file: file.name, value });
      setFile(null);
      offices.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const office = offices.data?.offices.find((o) => o.id === result?.value.officeId);

  return (
    <Stack maw={760}>
      <Title order={2}>Tệp đồng bộ (USB)</Title>
      <Paper withBorder p="lg">
        <Stack>
          <Text size="sm" c="dimmed">
            Xã không có mạng xuất tệp đồng bộ (đuôi .isoxa-sync) trong phần mềm ISO Xã và mang đến
            Sở. Tải tệp lên đây: máy chủ kiểm tra chữ ký của máy đã xuất tệp rồi ghi nhận dữ liệu
            như khi xã đồng bộ qua mạng. Tải lại cùng một tệp không làm trùng dữ liệu.
          </Text>
          <ErrorAlert error={error} />
          <Group align="flex-end">
            <FileInput
              label="Tệp đồng bộ"
              placeholder="Chọn tệp .isoxa-sync"
              accept=".isoxa-sync,application/octet-stream"
              value={file}
              onChange={setFile}
              clearable
              w={360}
            />
            <Button onClick={() => void upload()} disabled={!file} loading={busy}>
              Tải lên và ghi nhận
            </Button>
          </Group>
        </Stack>
      </Paper>
      {result ? (
        <Paper withBorder p="lg" data-testid="sync-file-result">
          <Stack gap="sm">
            <Text fw={600}>
              Đã xử lý tệp {result.file}
              {office ? ` của ${office.name} (${office.agencyCode})` : ''}.
            </Text>
            <SimpleGrid cols={3}>
              <Count label="Đã ghi nhận" value={result.value.applied} color="green.8" />
              <Count label="Đã có từ trước" value={result.value.duplicate} color="gray.7" />
              <Count
                label="Bị từ chối"
                value={result.value.rejected}
                color={result.value.rejected > 0 ? 'red' : 'gray.7'}
              />
            </SimpleGrid>
            {result.value.rejected > 0 ? (
              <Text size="sm">Lý do từ chối từng thao tác có trong trang chi tiết của xã.</Text>
            ) : null}
            <Group>
              <ReplyFileButton
                deviceId={result.value.deviceId}
                range={{
                  feedCursor: result.value.feedCursor,
                  fromClientSeq: result.value.fromClientSeq,
                }}
              />
              <Text size="sm" c="dimmed">
                Trả tệp phản hồi cho xã: xã nhập tệp để xóa các thay đổi tỉnh đã nhận khỏi hàng đợi
                và nhận danh mục, lịch, biểu mẫu, thông báo mới.
              </Text>
            </Group>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
