// The one-time enrollment code, shown big once, with its expiry and what to do with it.
import { Alert, Code, CopyButton, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { EnrollmentCodeResponse } from '../../core/sync/admin';
import { formatDateTime } from './format';

export function CodeCard({
  issued,
  officeName,
}: {
  readonly issued: EnrollmentCodeResponse;
  readonly officeName: string;
}) {
  return (
    <Paper withBorder p="lg" bg="indigo.0" data-testid="code-card">
      <Stack gap="xs">
        <Text fw={600}>Mã đăng ký cho {officeName}</Text>
        <Group gap="md" align="center">
          <Code
            fz={32}
            fw={700}
            px="md"
            py="xs"
            style={{ letterSpacing: '0.08em' }}
            data-testid="enrollment-code"
          >
            {issued.code}
          </Code>
          <CopyButton value={issued.code}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? 'Đã sao chép' : 'Sao chép'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">
          Hết hạn lúc <b>{formatDateTime(issued.expiresAt)}</b>. Mã chỉ dùng được một lần.
        </Text>
        <Alert color="yellow" variant="light">
          Mã chỉ hiển thị lần này. Quản trị viên của xã nhập địa chỉ máy chủ và mã này trong mục
          Đồng bộ của phần mềm ISO Xã. Cấp mã mới sẽ làm mã cũ chưa dùng hết hiệu lực.
        </Alert>
      </Stack>
    </Paper>
  );
}
