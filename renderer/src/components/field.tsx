// A labelled read-only value on a record's screen: a small grey label over the value, kept as
// typed (line breaks), or a dash when empty.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Field({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ReactNode;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>
        {children || '—'}
      </Text>
    </div>
  );
}
