// The draft's clauses declared not applicable: each clause of parts 7 and 8 can be ticked with
// its reason; saving takes the procedures from the catalog again (announcements.update).
import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { OpOutput } from '../../../../../core/contract';
import type { RecordView } from '../../../../../core/contract/qms';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';

type Overview = OpOutput<'announcements.overview'>;

export function ExclusionsEditor({
  draft,
  excludable,
  current,
  onDone,
}: {
  readonly draft: RecordView;
  readonly excludable: Overview['excludable'];
  readonly current: Overview['current']['notApplicable'];
  readonly onDone: (next: RecordView) => void;
}) {
  const [reasons, setReasons] = useState<ReadonlyMap<string, string>>(
    () => new Map(current.map((e) => [e.clause, e.reason])),
  );
  const action = useAction();
  const toggle = (clause: string, on: boolean) =>
    setReasons((m) => {
      const next = new Map(m);
      if (on) next.set(clause, '');
      else next.delete(clause);
      return next;
    });
  const save = () =>
    void action.run(async () => {
      const next = await api.announcements.update({
        id: draft.id,
        rev: draft.rev,
        notApplicable: [...reasons].map(([clause, reason]) => ({ clause, reason })),
        note: '',
      });
      notifyDone('Đã lưu phạm vi công bố.');
      onDone(next);
    });
  return (
    <Stack gap="xs" role="group" aria-label="Điều khoản không áp dụng">
      <Text size="sm" c="dimmed">
        Đánh dấu điều khoản của TCVN ISO 9001:2015 mà cơ quan không áp dụng và nêu lý do. Chỉ các
        điều khoản phần 7 và 8 có thể loại trừ.
      </Text>
      <ErrorAlert error={action.error} />
      {excludable.map((c) => {
        const on = reasons.has(c.clause);
        return (
          <Stack key={c.clause} gap={4}>
            <Checkbox
              label={`${c.clause} ${c.title}`}
              checked={on}
              onChange={(e) => toggle(c.clause, e.currentTarget.checked)}
            />
            {on ? (
              <Textarea
                ml="xl"
                aria-label={`Lý do không áp dụng ${c.clause}`}
                placeholder="Lý do không áp dụng"
                autosize
                minRows={1}
                value={reasons.get(c.clause) ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setReasons((m) => new Map(m).set(c.clause, value));
                }}
              />
            ) : null}
          </Stack>
        );
      })}
      <Group justify="flex-end">
        <Button onClick={save} loading={action.busy}>
          Lưu phạm vi
        </Button>
      </Group>
    </Stack>
  );
}
