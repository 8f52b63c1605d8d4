// Cập nhật phần mềm: the province picks an installer the operator put in the server's updates
// directory, names its version, what changed and the share of PCs to start with; the server
// measures size and sha512 and offers it to those PCs at their next check. Below, the
// releases with their rollout and counts (release-list.tsx).
import {
  Alert,
  Button,
  Group,
  NumberInput,
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
import { formatBytes } from './format';
import { ReleaseList } from './release-list';
import { useLoad } from '../src/components/use-load';
import { ErrorAlert } from '../src/components/error-alert';

export function UpdatePanel({ onPublished }: { readonly onPublished: () => void }) {
  const loader = useCallback(() => provinceApi.updates(), []);
  const { data, error: loadError, reload } = useLoad(loader, errorText);
  const [percent, setPercent] = useState<number>(10);
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
      const r = await provinceApi.publishUpdate({
        file,
        version: version.trim(),
        notes,
        stagingPercentage: percent,
      });
      notifications.show({
        color: 'green',
        message: `Đã công bố phiên bản ${r.release.version} cho ${r.release.stagingPercentage}% số máy.`,
      });
      setVersion('');
      setNotes('');
      setFile(null);
      reload();
      onPublished();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={4}>Cập nhật phần mềm ISO Xã</Title>
        <Text size="sm" c="dimmed">
          Chọn bộ cài (do npm run dist tạo ra) đã chép vào thư mục bản cập nhật của máy chủ, nhập số
          phiên bản, nội dung thay đổi và tỷ lệ máy nhận trước. Máy chủ tự tính kích thước, mã
          SHA-512; máy ở các xã tự tải về sau lần đồng bộ tiếp theo và cài khi tắt phần mềm. Tăng
          dần tỷ lệ khi chưa thấy lỗi; một máy đã nhận thì luôn ở trong nhóm khi tỷ lệ tăng.
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
              <NumberInput
                label="Tỷ lệ máy nhận trước (%)"
                value={percent}
                onChange={(v) => setPercent(typeof v === 'number' ? v : Number(v) || 0)}
                min={0}
                max={100}
                step={5}
                allowDecimal={false}
                w={190}
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
        {data ? <ReleaseList data={data} onChanged={reload} /> : null}
      </Stack>
    </Paper>
  );
}
