// Tệp đồng bộ (USB): an office without network brings its signed sync files (one, or the
// parts of a large export); the server checks the device's signature and the scans' sha256 and
// applies each exactly like a push, and the province hands back a signed reply file for the
// office to import.
import { Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { errorText, provinceApi } from './api';
import { SyncFileResults, type Uploaded } from './sync-file-result';
import { useLoad } from '../src/components/use-load';
import { ErrorAlert } from '../src/components/error-alert';

/** "…-phan-2-tren-3" before "…-phan-10-tren-12": parts in the order they were written. */
const byName = (a: File, b: File) =>
  a.name.localeCompare(b.name, 'vi', { numeric: true, sensitivity: 'base' });

export function SyncFilesScreen() {
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [uploaded, setUploaded] = useState<Uploaded[]>([]);
  const loader = useCallback(() => provinceApi.offices(), []);
  const offices = useLoad(loader, errorText);

  const upload = async () => {
    const chosen = [...files].sort(byName);
    if (chosen.length === 0) return;
    setErrors([]);
    setUploaded([]);
    const done: Uploaded[] = [];
    const failed: string[] = [];
    // One at a time: each file may be tens of MB of scans.
    for (const [i, file] of chosen.entries()) {
      setBusy(chosen.length > 1 ? `Đang tải tệp ${i + 1}/${chosen.length}…` : 'Đang tải lên…');
      try {
        const value = await provinceApi.uploadSyncFile(await file.arrayBuffer());
        done.push({ file: file.name, value });
      } catch (err) {
        failed.push(`${file.name}: ${errorText(err)}`);
      }
    }
    setUploaded(done);
    setErrors(failed);
    setFiles([]);
    setBusy(null);
    offices.reload();
  };

  return (
    <Stack maw={820}>
      <Title order={2}>Tệp đồng bộ (USB)</Title>
      <Paper withBorder p="lg">
        <Stack>
          <Text size="sm" c="dimmed">
            Xã không có mạng xuất tệp đồng bộ (đuôi .isoxa-sync) trong phần mềm ISO Xã và mang đến
            Sở. Tệp mang theo cả bản quét tài liệu đính kèm; lần xuất lớn hơn 64 MB được chia thành
            nhiều tệp (tên có đuôi "phan-1-tren-3", "phan-2-tren-3"…): chọn tất cả để tải lên một
            lần. Máy chủ kiểm tra chữ ký của máy đã xuất tệp và mã sha256 của từng bản quét rồi ghi
            nhận dữ liệu như khi xã đồng bộ qua mạng. Tải lại cùng một tệp không làm trùng dữ liệu.
          </Text>
          {errors.map((e) => (
            <ErrorAlert key={e} error={e} />
          ))}
          <Group align="flex-end">
            <FileInput
              label="Tệp đồng bộ (chọn được nhiều tệp)"
              placeholder="Chọn tệp .isoxa-sync"
              accept=".isoxa-sync,application/octet-stream"
              multiple
              value={files}
              onChange={setFiles}
              clearable
              w={420}
            />
            <Button
              onClick={() => void upload()}
              disabled={files.length === 0}
              loading={busy !== null}
            >
              Tải lên và ghi nhận
            </Button>
          </Group>
          {busy ? (
            <Text size="sm" c="dimmed">
              {busy}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {uploaded.length > 0 ? (
        <SyncFileResults uploaded={uploaded} offices={offices.data?.offices ?? []} />
      ) : null}
    </Stack>
  );
}
