// The admin's tools on the Sync screen: the USB sync file and the province's reply, and
// restoring the office's data onto a new PC.
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { OpOutput } from '../../../core/contract';
import { saveAsDownloads } from '../api/browser-files';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone } from '../components/errors';
import { ImportReply, notifyExported } from './sync-usb';
import { ErrorAlert } from '../components/error-alert';

type Status = OpOutput<'sync.status'>;

export function AdminTools({ s, onDone }: { readonly s: Status; readonly onDone: () => void }) {
  const { status } = useSession();
  const desktop = status?.platform === 'electron';
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
        <Group>
          <Button
            variant="light"
            onClick={() =>
              void act(async () => {
                if (desktop) {
                  const r = await api.sync.exportFile({});
                  if (r.path) notifyExported(r);
                  return;
                }
                const { result } = await saveAsDownloads('sync.exportFile', {});
                if (result.path) notifyExported(downloaded(result));
              })
            }
          >
            {desktop ? 'Xuất tệp đồng bộ…' : 'Xuất tệp đồng bộ (tải về máy)'}
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
                    `Đã khôi phục ${r.dossiers} hồ sơ, ${r.attachments} tài liệu đính kèm, ${r.officials} cán bộ và ${r.auditRows} dòng nhật ký.` +
                      (r.officials > 0
                        ? ' Các tài khoản cán bộ đang bị vô hiệu hóa: quản trị viên đặt lại mật khẩu rồi kích hoạt lại cho từng người.'
                        : '') +
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

/** In a browser the files went to its downloads folder: name them, not the server's copy. */
function downloaded(r: OpOutput<'sync.exportFile'>): OpOutput<'sync.exportFile'> {
  const name = (p: string) => p.split(/[\\/]/).pop() ?? p;
  const notice = r.paths.reduce((text, p) => text.replaceAll(p, name(p)), r.notice);
  return {
    ...r,
    notice: `${notice} Tệp đã được tải về thư mục Tải về (Downloads) của trình duyệt.`,
  };
}
