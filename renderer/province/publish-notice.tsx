// Thông báo: the province writes a notice to every office (a title, the text, whether it is
// important, the last day it is shown) and sees the ones it published (notice-list.tsx),
// each at its newest version; withdrawing one publishes the next version with `withdrawn`.
import {
  Alert,
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
import { VnDateInput } from '../src/components/inputs';
import { errorText, provinceApi } from './api';
import { NoticeList } from './notice-list';
import { useLoad } from './use-load';

export function NoticePanel({ onPublished }: { readonly onPublished: () => void }) {
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- tick asks for a reload
  const loader = useCallback(() => provinceApi.listNotices(), [tick]);
  const { data, error: loadError } = useLoad(loader);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [important, setImportant] = useState(false);
  const [showUntil, setShowUntil] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState<NoticeView | null>(null);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [withdrawBusy, setWithdrawBusy] = useState(false);
  const today = civilDateOf(Date.now());

  const published = () => {
    setTick((t) => t + 1);
    onPublished();
  };

  const publish = async () => {
    if (showUntil !== null && showUntil < today) {
      setError('Ngày hiển thị cuối đã qua. Chọn từ hôm nay trở đi hoặc để trống.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await provinceApi.publishNotice({ title, body, important, showUntil });
      notifications.show({ color: 'green', message: 'Đã công bố thông báo cho các xã.' });
      setTitle('');
      setBody('');
      setImportant(false);
      setShowUntil(null);
      published();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (n: NoticeView) => {
    setWithdrawBusy(true);
    setWithdrawError(null);
    try {
      await provinceApi.publishNotice({
        key: n.key,
        title: n.title,
        body: n.body,
        important: n.important,
        showUntil: n.showUntil,
        withdrawn: true,
      });
      notifications.show({ color: 'green', message: `Đã thu hồi thông báo "${n.title}".` });
      setWithdrawing(null);
      published();
    } catch (err) {
      setWithdrawError(errorText(err));
    } finally {
      setWithdrawBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" data-testid="notice-panel">
      <Stack>
        <Title order={4}>Thông báo đến các xã</Title>
        <Text size="sm" c="dimmed">
          Thông báo hiển thị trên máy của mọi xã từ lần đồng bộ tiếp theo, đến hết ngày đã chọn hoặc
          đến khi thu hồi.
        </Text>
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
            onClick={() => void publish()}
            loading={busy}
            disabled={!title.trim() || !body.trim()}
          >
            Công bố thông báo
          </Button>
        </Group>
        <ErrorAlert error={error} />
        <Title order={5} mt="sm">
          Thông báo đã công bố
        </Title>
        {loadError ? <Alert color="red">{loadError}</Alert> : null}
        {data ? (
          <NoticeList
            notices={data.notices}
            today={today}
            onWithdraw={(n) => {
              setWithdrawError(null);
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
          <ErrorAlert error={withdrawError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWithdrawing(null)}>
              Hủy
            </Button>
            <Button
              color="red"
              loading={withdrawBusy}
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
