// A Windows account opening the PC's office for the first time: the data key is kept once per
// Windows account, so this account types the office's recovery code once (app.unlock); from
// then on it opens ISO Xã like the others. Shown instead of the login when app.status is locked.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { useAction } from '../components/use-action';
import { AuthFrame } from './auth-frame';

export function UnlockScreen({ accounts }: { readonly accounts: readonly string[] }) {
  const { refresh } = useSession();
  const [code, setCode] = useState('');
  const action = useAction();
  const submit = () =>
    void action.run(async () => {
      await api.app.unlock({ recoveryCode: code });
      await refresh();
    });
  return (
    <AuthFrame title="Mở dữ liệu của cơ quan" width={520}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Máy này đã có dữ liệu của cơ quan, được mở bằng tài khoản Windows{' '}
            <b>{accounts.join(', ') || 'khác'}</b>. Đây là lần đầu ISO Xã mở ở tài khoản Windows
            này: hãy nhập <b>mã khôi phục</b> của cơ quan (bản in cất giữ khi thiết lập, 24 ký tự).
            Chỉ cần nhập một lần; sau đó đăng nhập như bình thường.
          </Text>
          <TextInput
            label="Mã khôi phục"
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
          {action.error ? (
            <Alert color="red" title="Chưa mở được">
              {action.error}
            </Alert>
          ) : null}
          <Button type="submit" loading={action.busy} disabled={!code.trim()}>
            Mở dữ liệu
          </Button>
          <Text size="xs" c="dimmed">
            Không có mã khôi phục: mở ISO Xã bằng tài khoản Windows nêu trên, vào Sao lưu để tạo mã
            mới và in ra, rồi quay lại tài khoản này.
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
