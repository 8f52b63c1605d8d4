// Office information and system settings (session timeout, how many backups to keep).
import { Alert, Button, Card, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { OfficeView } from '../../../core/contract/schemas';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { errorText, notifyDone, notifyError } from '../components/errors';
import { VnNumberInput } from '../components/inputs';
import { GuardedForm } from '../components/guarded-form';
import { TextField } from '../components/fields';

export function SettingsScreen() {
  const { refresh } = useSession();
  const [form, setForm] = useState<OfficeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.office.get({}).then(setForm, notifyError);
  }, []);
  if (!form) return null;
  const text = (key: 'name' | 'agencyCode' | 'province' | 'commune' | 'address') => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const { name, agencyCode, province, commune, address, sessionTimeoutMinutes, backupKeep } =
        form;
      setForm(
        await api.office.update({
          name,
          agencyCode,
          province,
          commune,
          address,
          sessionTimeoutMinutes,
          backupKeep,
        }),
      );
      setError(null);
      notifyDone('Đã lưu thông tin cơ quan.');
      await refresh();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Stack maw={760}>
      <Title order={2}>Thông tin cơ quan</Title>
      <Card withBorder>
        <GuardedForm onSubmit={(e) => void submit(e)}>
          <Stack>
            {error ? <Alert color="red">{error}</Alert> : null}
            <SimpleGrid cols={2}>
              <TextField label="Tên cơ quan" required {...text('name')} />
              <TextField label="Mã định danh cơ quan" required {...text('agencyCode')} />
              <TextField label="Tỉnh/thành phố" required {...text('province')} />
              <TextField label="Xã/phường" required {...text('commune')} />
            </SimpleGrid>
            <TextField label="Địa chỉ" {...text('address')} />
            <SimpleGrid cols={2}>
              <VnNumberInput
                label="Tự đăng xuất sau (phút không hoạt động)"
                min={1}
                max={240}
                required
                value={form.sessionTimeoutMinutes}
                onChange={(v) => v !== null && setForm({ ...form, sessionTimeoutMinutes: v })}
              />
              <VnNumberInput
                label="Số bản sao lưu tự động giữ lại"
                min={1}
                max={365}
                required
                value={form.backupKeep}
                onChange={(v) => v !== null && setForm({ ...form, backupKeep: v })}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit">Lưu</Button>
            </Group>
          </Stack>
        </GuardedForm>
      </Card>
    </Stack>
  );
}
