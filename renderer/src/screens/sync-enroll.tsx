// Enrolling this PC with the provincial server: its URL and the one-time code the province issued.
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import { errorText, notifyDone } from '../components/errors';
import { ErrorAlert } from '../components/error-alert';

export function EnrollCard({
  again = false,
  onDone,
}: {
  readonly again?: boolean;
  readonly onDone: () => void;
}) {
  const [serverUrl, setServerUrl] = useState('https://');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.sync.enroll({ serverUrl, code });
      notifyDone(`Đã đăng ký đồng bộ cho ${r.officeName} (${r.officeAgencyCode}).`);
      setCode('');
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{again ? 'Đăng ký lại' : 'Đăng ký máy với máy chủ tỉnh'}</Title>
        <Text size="sm" c="dimmed">
          {again
            ? 'Khi Sở thu hồi quyền của máy này hoặc đổi máy chủ: nhập địa chỉ và mã đăng ký mới.'
            : 'Nhập địa chỉ máy chủ và mã đăng ký một lần do Sở Khoa học và Công nghệ cấp cho cơ quan.'}
        </Text>
        <ErrorAlert error={error} />
        <Group align="flex-end">
          <TextInput
            label="Địa chỉ máy chủ tỉnh"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.currentTarget.value)}
            w={360}
          />
          <TextInput
            label="Mã đăng ký"
            placeholder="XXXX-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            w={200}
          />
          <Button loading={busy} disabled={!code.trim()} onClick={() => void submit()}>
            Đăng ký
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
