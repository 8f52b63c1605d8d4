// The office's recovery code: shown once (at setup, or when an admin makes a new one), to be
// printed and kept in the office safe. It opens the office's backups on a new PC.
import { Button, Card, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { errorText } from './errors';
import { ErrorAlert } from './error-alert';

export function RecoveryCodeView({ code }: { code: string }) {
  return (
    <Stack>
      <Text>
        Khi máy hỏng hoặc thay máy mới, cần mã này để mở bản sao lưu. Hãy in (hoặc chép tay) và cất
        vào tủ hồ sơ mật của cơ quan; không lưu mã trong máy tính.
      </Text>
      <Code block fz="xl" ta="center" aria-label="Mã khôi phục">
        {code}
      </Code>
      <Text size="sm" c="dimmed">
        Người giữ mã này cùng một bản sao lưu có thể đọc dữ liệu của cơ quan. Nếu lỡ để lộ, quản trị
        viên tạo mã mới ở màn hình Sao lưu.
      </Text>
    </Stack>
  );
}

/** The backups screen's card: whether a code exists, and making a new one (shown once). */
export function RecoveryCodeCard() {
  const [has, setHas] = useState<boolean | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.backup.recoveryStatus({}).then(
      (s) => setHas(s.hasRecoveryCode),
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  const create = async () => {
    try {
      setError(null);
      setCode((await api.backup.newRecoveryCode({})).recoveryCode);
      setHas(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <ErrorAlert error={error} />
        <Text fw={600}>Mã khôi phục</Text>
        <Text size="sm">
          {has === false
            ? 'Cơ quan chưa có mã khôi phục: các bản sao lưu chỉ mở được trên máy này. Hãy tạo mã và cất bản in.'
            : 'Bản sao lưu được mã hóa; trên máy khác chỉ mở được bằng mã khôi phục của cơ quan.'}
        </Text>
        <Group>
          <Button variant="light" onClick={() => void create()}>
            Tạo mã khôi phục mới…
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={code !== null}
        onClose={() => setCode(null)}
        title="Mã khôi phục mới"
        size="lg"
      >
        {code ? <RecoveryCodeView code={code} /> : null}
        <Group justify="space-between" mt="md">
          <Button variant="default" onClick={() => window.print()}>
            In mã khôi phục
          </Button>
          <Button onClick={() => setCode(null)}>Tôi đã cất giữ mã</Button>
        </Group>
      </Modal>
    </Card>
  );
}
