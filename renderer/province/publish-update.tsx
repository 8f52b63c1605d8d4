// Cập nhật phần mềm: the province picks an installer the operator put in the server's updates
// directory, names its version and what changed; the server measures size and sha256 and
// publishes the manifest, which offices receive at their next sync.
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { errorText, provinceApi } from './api';
import { formatBytes, formatDateTime } from './format';
import { useLoad } from '../src/components/use-load';
import { ErrorAlert } from '../src/components/error-alert';

export function UpdatePanel({ onPublished }: { readonly onPublished: () => void }) {
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- tick asks for a reload
  const loader = useCallback(() => provinceApi.updates(), [tick]);
  const { data, error: loadError } = useLoad(loader, errorText);
  const [file, setFile] = useState<string | null>(null);
  const [version, setVersion] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const publish = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await provinceApi.publishUpdate({ file, version: version.trim(), notes });
      notifications.show({
        color: 'green',
        message: `Đã công bố phiên bản ${r.manifest.version} (${r.manifest.file}).`,
      });
      setVersion('');
      setNotes('');
      setFile(null);
      setTick((t) => t + 1);
      onPublished();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const latest = data?.latest ?? null;
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Cập nhật phần mềm ISO Xã</Title>
        <Text size="sm" c="dimmed">
          Chọn bộ cài đã được chép vào thư mục bản cập nhật của máy chủ, nhập số phiên bản và nội
          dung thay đổi. Máy chủ tự tính kích thước và mã kiểm tra SHA-256; các xã thấy thông báo
          &quot;Có phiên bản mới&quot; ở lần đồng bộ tiếp theo.
        </Text>
        <Text size="sm" data-testid="latest-update">
          {latest
            ? `Đang công bố: phiên bản ${latest.version} (${latest.file}, ${formatBytes(latest.size)}) lúc ${formatDateTime(latest.publishedAt)}.`
            : 'Chưa công bố bản cập nhật nào.'}
        </Text>
        {loadError ? <Alert color="red">{loadError}</Alert> : null}
        {data && !data.configured ? (
          <Alert color="gray">
            Máy chủ chưa có thư mục chứa bản cập nhật. Bộ phận kỹ thuật cấu hình theo hướng dẫn cài
            đặt máy chủ tỉnh (mục “Bản cập nhật”).
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        {data?.configured ? (
          <>
            <Group align="flex-end">
              <Select
                label="Bộ cài"
                placeholder={data.files.length > 0 ? 'Chọn tệp' : 'Thư mục chưa có tệp nào'}
                data={data.files.map((f) => ({
                  value: f.name,
                  label: `${f.name} (${formatBytes(f.size)})`,
                }))}
                value={file}
                onChange={setFile}
                w={420}
              />
              <TextInput
                label="Phiên bản"
                placeholder="1.2.0"
                value={version}
                onChange={(e) => setVersion(e.currentTarget.value)}
                w={140}
              />
            </Group>
            <Textarea
              label="Nội dung thay đổi"
              placeholder="Những điểm mới, lỗi đã sửa…"
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
              minRows={3}
              maxRows={8}
            />
            <Group justify="flex-end">
              <Button
                onClick={() => void publish()}
                loading={busy}
                disabled={!file || !version.trim() || !notes.trim()}
              >
                Công bố bản cập nhật
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
