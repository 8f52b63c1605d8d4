// The centered card used by the screens shown before login.
import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function AuthFrame({
  title,
  subtitle,
  children,
  width = 420,
  brand = 'ISO Xã · ISO điện tử cho UBND cấp xã',
}: {
  readonly brand?: string;
  readonly title: string;
  readonly subtitle?: string | null;
  readonly children: ReactNode;
  readonly width?: number;
}) {
  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={width} maw="100%">
        <Stack gap="xs" mb="lg">
          <Text c="indigo.7" fw={700} size="sm">
            {brand}
          </Text>
          <Title order={2}>{title}</Title>
          {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
        </Stack>
        {children}
      </Paper>
    </Center>
  );
}
