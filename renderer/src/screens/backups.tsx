// Backups: the automatic copies, back up now, save a copy to a chosen file (with the
// attachment files in a folder beside it; in a browser, one .zip download), restore.
import {
  Button,
  Card,
  Checkbox,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { restoreFromUpload, saveAsDownloads } from '../api/browser-files';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone, notifyError } from '../components/errors';
import { formatBytes, formatDateTime } from '../format';
import { ErrorAlert } from '../components/error-alert';
import { RecoveryCodeCard } from '../components/recovery-code';

type Backup = OpOutput<'backup.list'>[number];
type Attachments = OpOutput<'backup.attachments'>;
type RestoreTarget = { name: string } | { path: string } | { file: File };

const KIND_LABELS: Readonly<Record<string, string>> = {
  auto: 'Tự động hằng ngày',
  manual: 'Sao lưu thủ công',
  'pre-migrate': 'Trước khi nâng cấp',
  'pre-restore': 'Trước khi khôi phục',
  'pre-encrypt': 'Trước khi mã hóa dữ liệu',
};

export function BackupsScreen() {
  const { status, refresh } = useSession();
  const desktop = status?.platform === 'electron';
  const [list, setList] = useState<Backup[]>([]);
  const [files, setFiles] = useState<Attachments | null>(null);
  const [restorePath, setRestorePath] = useState('');
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [confirm, setConfirm] = useState<RestoreTarget | null>(null);
  const [recoveryCode, setRecoveryCode] = useState('');
  const [provinceKey, setProvinceKey] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      Promise.all([api.backup.list({}), api.backup.attachments({})]).then(([l, f]) => {
        setList(l);
        setFiles(f);
      }, notifyError),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<void>) => {
    try {
      setError(null);
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const restore = (target: RestoreTarget) =>
    act(async () => {
      setConfirm(null);
      const code = recoveryCode.trim();
      const extra = provinceKey ? { provinceKey: true } : code ? { recoveryCode: code } : {};
      const r =
        'file' in target
          ? await restoreFromUpload(target.file, extra)
          : await api.backup.restore({ ...target, ...extra });
      setRecoveryCode('');
      setProvinceKey(false);
      setRestoreFile(null);
      if (r.attachments.missingCount > 0)
        notifications.show({
          color: 'orange',
          title: 'Đã khôi phục, còn thiếu tệp đính kèm',
          message: r.message,
          autoClose: false,
        });
      else notifyDone(r.message);
      await refresh();
    });

  return (
    <Stack>
      <Title order={2}>Sao lưu dữ liệu</Title>
      <ErrorAlert error={error} />
      <Card withBorder>
        <Stack>
          <Group>
            <Button
              onClick={() =>
                void act(async () => {
                  const b = await api.backup.create({});
                  notifyDone(`Đã sao lưu: ${b.name}`);
                  await load();
                })
              }
            >
              Sao lưu ngay
            </Button>
          </Group>
          <Group>
            <Button
              variant="light"
              onClick={() =>
                void act(async () => {
                  if (desktop) {
                    const r = await api.backup.saveAs({});
                    if (r.path) notifySaved(r, r.path);
                    return;
                  }
                  const { result, fileNames } = await saveAsDownloads('backup.saveAs', {});
                  if (result.path) notifySaved(result, `thư mục Tải về: ${fileNames.join(', ')}`);
                })
              }
            >
              {desktop ? 'Lưu bản sao ra tệp…' : 'Tải bản sao về máy'}
            </Button>
          </Group>
          <Text size="sm" data-testid="backup-attachments">
            {attachmentsText(files, desktop)}
          </Text>
          {desktop ? (
            <Group align="flex-end">
              <TextInput
                label="Khôi phục từ tệp (đường dẫn đầy đủ)"
                description="Tệp đính kèm được chép lại từ thư mục .files cùng tên đặt cạnh tệp."
                value={restorePath}
                onChange={(e) => setRestorePath(e.currentTarget.value)}
                w={420}
              />
              <Button
                variant="light"
                color="orange"
                disabled={!restorePath.trim()}
                onClick={() => setConfirm({ path: restorePath.trim() })}
              >
                Khôi phục từ tệp…
              </Button>
            </Group>
          ) : (
            <Group>
              <FileButton onChange={setRestoreFile} accept=".zip,.sqlite">
                {(props) => (
                  <Button {...props} variant="default">
                    Chọn tệp sao lưu…
                  </Button>
                )}
              </FileButton>
              <Text size="sm" {...(restoreFile ? {} : { c: 'dimmed' })} data-testid="restore-file">
                {restoreFile
                  ? `${restoreFile.name} (${formatBytes(restoreFile.size)})`
                  : 'Tệp .zip đã tải về từ trang này (hoặc tệp .sqlite).'}
              </Text>
              <Button
                variant="light"
                color="orange"
                disabled={!restoreFile}
                onClick={() => restoreFile && setConfirm({ file: restoreFile })}
              >
                Khôi phục từ tệp…
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
      <RecoveryCodeCard />
      <Text size="sm" c="dimmed">
        Các bản sao tự động được lưu trên máy này, cạnh thư mục tệp đính kèm (tệp đính kèm không bao
        giờ bị xóa). Để phòng hỏng máy, hãy lưu bản sao ra USB bằng nút “
        {desktop ? 'Lưu bản sao ra tệp…' : 'Tải bản sao về máy'}”.
      </Text>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Bản sao lưu</Table.Th>
            <Table.Th>Loại</Table.Th>
            <Table.Th>Thời gian</Table.Th>
            <Table.Th>Dung lượng</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((b) => (
            <Table.Tr key={b.name}>
              <Table.Td>{b.name}</Table.Td>
              <Table.Td>{KIND_LABELS[b.name.replace(/-\d{8}-.*$/, '')] ?? ''}</Table.Td>
              <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
              <Table.Td>{formatBytes(b.sizeBytes)}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="orange"
                  onClick={() => setConfirm({ name: b.name })}
                >
                  Khôi phục
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.length === 0 ? <Text c="dimmed">Chưa có bản sao lưu nào.</Text> : null}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="Khôi phục dữ liệu">
        <Stack>
          <Text>
            Dữ liệu hiện tại sẽ được thay bằng bản sao lưu đã chọn. Một bản sao của dữ liệu hiện tại
            được lưu tự động trước khi khôi phục. Mọi người dùng sẽ phải đăng nhập lại.
          </Text>
          <TextInput
            label="Mã khôi phục"
            description="Chỉ cần khi bản sao lưu được tạo trên máy khác (mã in khi thiết lập)."
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            value={recoveryCode}
            disabled={provinceKey}
            onChange={(e) => setRecoveryCode(e.currentTarget.value)}
          />
          <Checkbox
            label="Mất mã khôi phục: mở bằng khóa tỉnh đã cấp cho máy này"
            description="Máy phải đã đăng ký đồng bộ và có mạng. Báo quản trị viên của tỉnh mã khóa ghi trong thông báo khi mở bản sao lưu, để tỉnh cấp khóa cho máy này."
            checked={provinceKey}
            onChange={(e) => setProvinceKey(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Hủy
            </Button>
            <Button color="orange" onClick={() => confirm && void restore(confirm)}>
              Khôi phục
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function attachmentsText(files: Attachments | null, desktop: boolean): string {
  if (!files) return '';
  if (files.count === 0) return 'Chưa có tệp đính kèm nào: bản sao ra tệp chỉ gồm cơ sở dữ liệu.';
  if (!desktop)
    return (
      `Bản sao tải về là một tệp .zip gồm cơ sở dữ liệu và ${files.count.toLocaleString('vi-VN')} ` +
      `tệp đính kèm (${formatBytes(files.bytes)}). Hãy chép tệp này sang USB; khi cần, chọn lại ` +
      'chính tệp .zip này để khôi phục.'
    );
  return (
    `Bản sao ra tệp gồm cơ sở dữ liệu và ${files.count.toLocaleString('vi-VN')} tệp đính kèm ` +
    `(${formatBytes(files.bytes)}), lưu trong thư mục cùng tên có đuôi .files đặt cạnh tệp ` +
    '.sqlite. Khi sao chép sang USB hoặc máy khác, hãy giữ cả tệp và thư mục này.'
  );
}

function notifySaved(r: OpOutput<'backup.saveAs'>, where: string): void {
  const a = r.attachments;
  const count = a?.folder ? ` kèm ${a.count} tệp đính kèm (${formatBytes(a.bytes)})` : '';
  notifyDone(`Đã lưu bản sao${count} vào ${where}.`);
  if (a && a.unavailable > 0)
    notifications.show({
      color: 'orange',
      title: 'Thiếu tệp đính kèm',
      message: `${a.unavailable} tệp đính kèm không còn hoặc bị hỏng trên máy này nên không có trong bản sao.`,
      autoClose: false,
    });
}
