// The drill-down's building blocks: a titled section with an optional action, and the dimmed
// line a section shows when it has nothing yet.
import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function Section({
  title,
  children,
  action,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return (
    <Text c="dimmed" size="sm">
      {children}
    </Text>
  );
}
