// First run: create the office and its first administrator, or start with demo data.
import { Button, Divider, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText } from '../components/errors';
import { AuthFrame } from './auth-frame';
import { ErrorAlert } from '../components/error-alert';
import { GuardedForm } from '../components/guarded-form';
import { PasswordField, TextField } from '../components/fields';
import { RecoveryCodeView } from '../components/recovery-code';

const emptyForm = {
  name: '',
  agencyCode: '',
  province: '',
  commune: '',
  address: '',
  username: '',
  fullName: '',
  password: '',
  again: '',
};

/** Shown once after the office is created: the code that opens its backups on a new PC. */
function RecoveryCodeScreen({ code, onDone }: { code: string; onDone: () => void }) {
  return (
    <AuthFrame
      title="Mã khôi phục dữ liệu"
      subtitle="Dữ liệu và các bản sao lưu của cơ quan được mã hóa. Mã này chỉ hiện một lần."
      width={720}
    >
      <Stack>
        <RecoveryCodeView code={code} />
        <Group justify="space-between" mt="md">
          <Button variant="default" onClick={() => window.print()}>
            In mã khôi phục
          </Button>
          <Button onClick={onDone}>Tôi đã cất giữ mã, tiếp tục</Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
}

export function SetupScreen() {
  const { refresh } = useSession();
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [form, setForm] = useState(emptyForm);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof emptyForm) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const run = async (action: () => Promise<{ recoveryCode?: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const done = await action();
      if (done.recoveryCode) {
        setRecoveryCode(done.recoveryCode);
        return;
      }
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.again) {
      setError('Mật khẩu nhập lại không khớp.');
      return;
    }
    void run(() =>
      api.setup.create({
        office: {
          name: form.name,
          agencyCode: form.agencyCode,
          province: form.province,
          commune: form.commune,
          address: form.address,
        },
        admin: { username: form.username, fullName: form.fullName, password: form.password },
      }),
    );
  };

  if (recoveryCode) return <RecoveryCodeScreen code={recoveryCode} onDone={() => void refresh()} />;

  return (
    <AuthFrame
      title="Thiết lập lần đầu"
      subtitle="Nhập thông tin cơ quan và tài khoản quản trị đầu tiên."
      width={720}
    >
      <GuardedForm onSubmit={submit} aria-label="Thiết lập cơ quan">
        <Stack>
          <ErrorAlert error={error} />
          <Text fw={600}>Cơ quan</Text>
          <SimpleGrid cols={2}>
            <TextField
              label="Tên cơ quan"
              placeholder="UBND xã Tân Lập"
              required
              {...field('name')}
            />
            <TextField
              label="Mã định danh cơ quan"
              placeholder="000.00.12.H56"
              required
              {...field('agencyCode')}
            />
            <TextField
              label="Tỉnh/thành phố"
              placeholder="Tỉnh Phú Thọ"
              required
              {...field('province')}
            />
            <TextField label="Xã/phường" placeholder="Xã Tân Lập" required {...field('commune')} />
          </SimpleGrid>
          <TextField label="Địa chỉ" {...field('address')} />
          <Divider />
          <Text fw={600}>Quản trị viên</Text>
          <SimpleGrid cols={2}>
            <TextField label="Họ và tên" required {...field('fullName')} />
            <TextField label="Tên đăng nhập" required {...field('username')} />
            <PasswordField label="Mật khẩu (ít nhất 8 ký tự)" required {...field('password')} />
            <PasswordField label="Nhập lại mật khẩu" required {...field('again')} />
          </SimpleGrid>
          <Group justify="space-between" mt="md">
            <Button
              variant="default"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.setup.demo({ history: true });
                  return {};
                })
              }
            >
              Dùng dữ liệu mẫu (thử nghiệm)
            </Button>
            <Button type="submit" loading={busy}>
              Tạo cơ quan
            </Button>
          </Group>
        </Stack>
      </GuardedForm>
    </AuthFrame>
  );
}
