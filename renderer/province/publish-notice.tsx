// Thông báo: the province writes a notice to every office (a title, the text, whether it is
// important, the last day it is shown) and sees the ones it published (notice-list.tsx),
// each at its newest version; withdrawing one publishes the next version with `withdrawn`.
import {
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { NoticeView } from '../../core/sync/notice';
import { ErrorAlert } from '../src/components/error-alert';
import { GuardedForm } from '../src/components/guarded-form';
import { VnDateInput } from '../src/components/inputs';
import { useAction } from '../src/components/use-action';
import { errorText, provinceApi } from './api';
import { NoticeList } from './notice-list';
import { useLoad } from '../src/components/use-load';

export function NoticePanel({ onPublished }: { readonly onPublished: () => void }) {
  const loader = useCallback(() => provinceApi.listNotices(), []);
  const { data, error: loadError, reload } = useLoad(loader, errorText);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [important, setImportant] = useState(false);
  const [showUntil, setShowUntil] = useState<string | null>(null);
  const publishing = useAction(errorText);
  const [withdrawing, setWithdrawing] = useState<NoticeView | null>(null);
  const withdrawal = useAction(errorText);
  const today = civilDateOf(Date.now());

  const published = () => {
    reload();
    onPublished();
  };

  const publish = async () => {
    if (showUntil !== null && showUntil < today) {
      publishing.setError('Ngày hiển thị cuối đã qua. Chọn từ hôm nay trở đi hoặc để trống.');
      return;
    }
    const done = await publishing.run(async () => {
      await provinceApi.publishNotice({ title, body, important, showUntil });
    });
    if (!done) return;
    notifications.show({ color: 'green', message: 'Đã công bố thông báo cho các xã.' });
    setTitle('');
    setBody('');
    setImportant(false);
    setShowUntil(null);
    published();
  };

  const withdraw = async (n: NoticeView) => {
    const done = await withdrawal.run(async () => {
      await provinceApi.publishNotice({
        key: n.key,
        title: n.title,
        body: n.body,
        important: n.important,
        showUntil: n.showUntil,
        withdrawn: true,
      });
    });
    if (!done) return;
    notifications.show({ color: 'green', message: `Đã thu hồi thông báo "${n.title}".` });
    setWithdrawing(null);
    published();
  };

  return (
    <Paper withBorder p="lg" data-testid="notice-panel">
      <Stack>
        <Title order={4}>Thông báo đến các xã</Title>
        <Text size="sm" c="dimmed">
          Thông báo hiển thị trên máy của mọi xã từ lần đồng bộ tiếp theo, đến hết ngày đã chọn hoặc
          đến khi thu hồi.
        </Text>
        <GuardedForm onSubmit={() => void publish()} aria-label="Công bố thông báo">
          <Stack>
            <TextInput
              label="Tiêu đề"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={200}
            />
            <Textarea
              label="Nội dung"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={3}
              maxRows={10}
              maxLength={5000}
            />
            <Group align="flex-end" justify="space-between">
              <Group align="flex-end">
                <VnDateInput
                  label="Hiển thị đến hết ngày"
                  description="Để trống: hiển thị đến khi thu hồi"
                  value={showUntil}
                  onChange={setShowUntil}
                  clearable
                  w={220}
                />
                <Checkbox
                  label="Thông báo quan trọng"
                  checked={important}
                  onChange={(e) => setImportant(e.currentTarget.checked)}
                  mb={8}
                />
              </Group>
              <Button
                type="submit"
                loading={publishing.busy}
                disabled={!title.trim() || !body.trim()}
              >
                Công bố thông báo
              </Button>
            </Group>
          </Stack>
        </GuardedForm>
        <ErrorAlert error={publishing.error} />
        <Title order={5} mt="sm">
          Thông báo đã công bố
        </Title>
        <ErrorAlert error={loadError} />
        {data ? (
          <NoticeList
            notices={data.notices}
            today={today}
            onWithdraw={(n) => {
              withdrawal.setError(null);
              setWithdrawing(n);
            }}
          />
        ) : null}
      </Stack>
      <Modal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title="Thu hồi thông báo?"
        centered
      >
        <Stack>
          <Text size="sm">
            Thông báo &quot;{withdrawing?.title}&quot; sẽ không còn hiển thị ở các xã từ lần đồng bộ
            tiếp theo. Không thể hoàn tác.
          </Text>
          <ErrorAlert error={withdrawal.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWithdrawing(null)}>
              Hủy
            </Button>
            <Button
              color="red"
              loading={withdrawal.busy}
              onClick={() => withdrawing && void withdraw(withdrawing)}
            >
              Thu hồi thông báo
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
