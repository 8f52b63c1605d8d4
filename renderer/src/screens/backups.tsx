// Backups: the automatic copies, back up now, save a copy to a chosen file (with the
// attachment files in a folder beside it), restore.
import { Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone, notifyError } from '../components/errors';
import { formatBytes, formatDateTime } from '../format';
import { ErrorAlert } from '../components/error-alert';
import { RecoveryCodeCard } from '../components/recovery-code';

type Backup = OpOutput<'backup.list'>[number];
type Attachments = OpOutput<'backup.attachments'>;
type RestoreTarget = { name: string } | { path: string };

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
  const [path, setPath] = useState('');
  const [restorePath, setRestorePath] = useState('');
  const [confirm, setConfirm] = useState<RestoreTarget | null>(null);
  const [recoveryCode, setRecoveryCode] = useState('');
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
      const r = await api.backup.restore(code ? { ...target, recoveryCode: code } : target);
      setRecoveryCode('');
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
          <Group align="flex-end">
            {desktop ? null : (
              <TextInput
                label="Lưu bản sao ra tệp (đường dẫn đầy đủ)"
                placeholder="D:\\SaoLuu\\iso-xa.sqlite"
                value={path}
                onChange={(e) => setPath(e.currentTarget.value)}
                w={420}
              />
            )}
            <Button
              variant="light"
              onClick={() =>
                void act(async () => {
                  const r = await api.backup.saveAs(desktop ? {} : { path });
                  if (r.path) notifySaved(r);
                })
              }
            >
              Lưu bản sao ra tệp…
            </Button>
          </Group>
          <Text size="sm" data-testid="backup-attachments">
            {attachmentsText(files)}
          </Text>
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
        </Stack>
      </Card>
      <RecoveryCodeCard />
      <Text size="sm" c="dimmed">
        Các bản sao tự động được lưu trên máy này, cạnh thư mục tệp đính kèm (tệp đính kèm không bao
        giờ bị xóa). Để phòng hỏng máy, hãy lưu bản sao ra USB bằng nút “Lưu bản sao ra tệp…”.
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
            onChange={(e) => setRecoveryCode(e.currentTarget.value)}
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

function attachmentsText(files: Attachments | null): string {
  if (!files) return '';
  if (files.count === 0) return 'Chưa có tệp đính kèm nào: bản sao ra tệp chỉ gồm cơ sở dữ liệu.';
  return (
    `Bản sao ra tệp gồm cơ sở dữ liệu và ${files.count.toLocaleString('vi-VN')} tệp đính kèm ` +
    `(${formatBytes(files.bytes)}), lưu trong thư mục cùng tên có đuôi .files đặt cạnh tệp ` +
    '.sqlite. Khi sao chép sang USB hoặc máy khác, hãy giữ cả tệp và thư mục này.'
  );
}

function notifySaved(r: OpOutput<'backup.saveAs'>): void {
  const a = r.attachments;
  const folder = a?.folder
    ? ` và ${a.count} tệp đính kèm (${formatBytes(a.bytes)}) vào ${a.folder}`
    : '';
  notifyDone(`Đã lưu bản sao ra ${r.path ?? ''}${folder}.`);
  if (a && a.unavailable > 0)
    notifications.show({
      color: 'orange',
      title: 'Thiếu tệp đính kèm',
      message: `${a.unavailable} tệp đính kèm không còn hoặc bị hỏng trên máy này nên không có trong bản sao.`,
      autoClose: false,
    });
}
