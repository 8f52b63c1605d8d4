// The buttons of any quality-system record: one per transition the caller may apply now (the
// services say which), each opening the shared transition dialog with the words the kind's
// screen gives. The rules are checked again in services.
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import type { RecordView } from '../../../../core/contract/qms';
import { TransitionDialog, type TransitionOption, type TransitionWords } from './transition-dialog';
import { leaveThen } from '../../shell/leave-guard';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function TransitionButtons({
  record,
  onDone,
  words = {},
  hide = [],
}: {
  readonly record: RecordView;
  readonly onDone: (next: RecordView) => void;
  readonly words?: Readonly<Record<string, TransitionWords>>;
  readonly hide?: readonly string[];
}) {
  const [open, setOpen] = useState<TransitionOption | null>(null);
  const shown = record.transitions.filter((t) => !hide.includes(t.name));
  if (shown.length === 0) return null;
  return (
    <>
      <Group gap="xs">
        {shown.map((t) => {
          const color = words[t.name]?.color ?? 'indigo';
          return (
            <Button
              key={t.name}
              size="sm"
              color={color}
              variant={color === 'red' || color === 'gray' ? 'light' : 'filled'}
              onClick={() => leaveThen(() => setOpen(t))}
            >
              {words[t.name]?.title ?? capital(t.label)}
            </Button>
          );
        })}
      </Group>
      {open ? (
        <TransitionDialog
          record={record}
          transition={open}
          words={words[open.name] ?? {}}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onDone(next);
          }}
        />
      ) : null}
    </>
  );
}
