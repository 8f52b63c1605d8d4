// The admin's tools on the Sync screen: the USB sync file and the province's reply, and
// restoring the office's data onto a new PC.
import { Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone } from '../components/errors';
import { ImportReply, notifyExported } from './sync-usb';
import { ErrorAlert } from '../components/error-alert';

type Status = OpOutput<'sync.status'>;

export function AdminTools({ s, onDone }: { readonly s: Status; readonly onDone: () => void }) {
  const { status } = useSession();
  const desktop = status?.platform === 'electron';
  const [path, setPath] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    try {
      setError(null);
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      onDone();
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Không có mạng: tệp đồng bộ (USB)</Title>
        <Text size="sm" c="dimmed">
          Xuất các thay đổi chờ gửi, kèm bản quét tài liệu đính kèm, ra một tệp có chữ ký của máy
          này (quá 64 MB thì chia thành nhiều tệp); Sở tải tệp lên máy chủ tỉnh. Các thay đổi vẫn
          được giữ trên máy cho đến khi máy chủ xác nhận (qua mạng hoặc tệp phản hồi của tỉnh).
        </Text>
        <ErrorAlert error={error} />
        <Group align="flex-end">
          {desktop ? null : (
            <TextInput
              label="Lưu tệp đồng bộ vào (đường dẫn đầy đủ)"
              placeholder={'E:\\dong-bo.isoxa-sync'}
              value={path}
              onChange={(e) => setPath(e.currentTarget.value)}
              w={420}
            />
          )}
          <Button
            variant="light"
            disabled={!desktop && !path.trim()}
            onClick={() =>
              void act(async () => {
                const r = await api.sync.exportFile(desktop ? {} : { path: path.trim() });
                if (r.path) notifyExported(r);
              })
            }
          >
            Xuất tệp đồng bộ…
          </Button>
        </Group>
        <ImportReply onDone={onDone} />
        {s.canRestore ? (
          <>
            <Title order={4}>Máy mới: khôi phục dữ liệu của cơ quan</Title>
            <Text size="sm" c="dimmed">
              Tải lại toàn bộ hồ sơ của cơ quan đã gửi lên tỉnh về máy này. Chỉ dùng cho máy mới
              chưa tiếp nhận hồ sơ nào.
            </Text>
            <Group>
              <Button variant="light" color="orange" onClick={() => setConfirm(true)}>
                Khôi phục dữ liệu từ máy chủ tỉnh…
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Khôi phục dữ liệu">
        <Stack>
          <Text>
            Toàn bộ hồ sơ của cơ quan sẽ được tải từ máy chủ tỉnh về máy này. Việc này có thể mất
            vài phút.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Hủy
            </Button>
            <Button
              color="orange"
              onClick={() =>
                void act(async () => {
                  setConfirm(false);
                  const r = await api.sync.restore({});
                  notifyDone(
                    `Đã khôi phục ${r.dossiers} hồ sơ, ${r.attachments} tài liệu đính kèm.` +
                      (r.filesMissing > 0
                        ? ` ${r.filesMissing} tệp chưa lấy lại được từ máy chủ tỉnh.`
                        : ''),
                  );
                })
              }
            >
              Khôi phục
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
