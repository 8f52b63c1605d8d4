// The logged-in user's own account: change password.
import { Card, Stack, Title } from '@mantine/core';
import { ChangePasswordForm } from './change-password';

export function AccountScreen() {
  return (
    <Stack maw={480}>
      <Title order={2}>Tài khoản của tôi</Title>
      <Card withBorder>
        <ChangePasswordForm onDone={() => undefined} />
      </Card>
    </Stack>
  );
}
