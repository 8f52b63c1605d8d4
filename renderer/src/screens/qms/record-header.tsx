// The head of a quality-system record's screen: its title and state badge, a grey line under
// them, and on the right what the user may do with it.
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function RecordHeader({
  title,
  state,
  stateTestId,
  children,
  actions,
}: {
  readonly title: ReactNode;
  readonly state: string;
  readonly stateTestId: string;
  /** Lines under the title. */
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}) {
  return (
    <Card withBorder>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{title}</Title>
            <Badge size="lg" variant="light" data-testid={stateTestId}>
              {state}
            </Badge>
          </Group>
          {children}
        </Stack>
        {actions}
      </Group>
    </Card>
  );
}

/** The grey line under a record's title. */
export function RecordSubtitle({ children }: { readonly children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}
