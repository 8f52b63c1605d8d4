// Enrolling this PC with the provincial server: its URL and the one-time code the province issued.
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import { errorText, notifyDone } from '../components/errors';
import { ErrorAlert } from '../components/error-alert';

type EnrollResult = Awaited<ReturnType<typeof api.sync.enroll>>;

/** The code belongs to another office: say which, and let a PC with no data take that office. */
function MismatchAlert({
  result,
  busy,
  onAdopt,
}: {
  readonly result: EnrollResult;
  readonly busy: boolean;
  readonly onAdopt: () => void;
}) {
  const theirs = `${result.officeName} (${result.officeAgencyCode})`;
  const mine = `${result.localOfficeName} (${result.localAgencyCode})`;
  return (
    <Alert color="orange" title="Mã đăng ký thuộc đơn vị khác" data-testid="enroll-mismatch">
      <Stack gap="xs">
        <Text size="sm">
          Mã này được Sở cấp cho <b>{theirs}</b>, không phải đơn vị của máy này: <b>{mine}</b>. Máy
          chưa được đăng ký và mã vẫn còn dùng được.
        </Text>
        {result.canAdopt ? (
          <>
            <Text size="sm">
              Máy này chưa có hồ sơ nào. Nếu máy được lắp cho {result.officeName}, có thể chuyển máy
              sang đơn vị đó: tên và mã đơn vị trên các biểu mẫu sẽ đổi theo.
            </Text>
            <Group>
              <Button color="orange" loading={busy} onClick={onAdopt}>
                Chuyển máy sang {result.officeName}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm">
            Máy này đã có hồ sơ của {result.localOfficeName} nên không thể chuyển sang đơn vị khác.
            Hãy đề nghị Sở cấp mã đăng ký cho đúng {result.localOfficeName}.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

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
  const [mismatch, setMismatch] = useState<EnrollResult | null>(null);
  const submit = async (adoptAgencyCode?: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.sync.enroll(
        adoptAgencyCode ? { serverUrl, code, adoptAgencyCode } : { serverUrl, code },
      );
      if (r.status === 'office_mismatch') {
        setMismatch(r);
        return;
      }
      setMismatch(null);
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
        {mismatch ? (
          <MismatchAlert
            result={mismatch}
            busy={busy}
            onAdopt={() => void submit(mismatch.officeAgencyCode)}
          />
        ) : null}
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
            onChange={(e) => {
              setCode(e.currentTarget.value);
              setMismatch(null);
            }}
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
