// Any quality-system record's transition (qms.transition) in a small dialog asking for what it
// requires (a comment, a date) and the kind's own fields when its screen gives them (a risk's
// likelihood and impact), with the words a kind gives for them. Any kind can use it.
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { RecordView } from '../../../../core/contract/qms';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { notifyDone } from '../../components/errors';
import { VnDateInput } from '../../components/inputs';
import { useAction } from '../../components/use-action';

export type TransitionOption = RecordView['transitions'][number];

/** A transition's own fields (TransitionDef.fields): their first values and their inputs. */
export interface TransitionFields {
  readonly initial: Readonly<Record<string, unknown>>;
  readonly render: (
    value: Readonly<Record<string, unknown>>,
    set: (next: Readonly<Record<string, unknown>>) => void,
  ) => ReactNode;
}

export interface TransitionWords {
  /** Dialog title and button ('Xác nhận có hiệu lực'). */
  readonly title?: string;
  readonly comment?: string;
  readonly date?: string;
  readonly color?: string;
  readonly fields?: TransitionFields;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function TransitionDialog({
  record,
  transition,
  words = {},
  onClose,
  onDone,
}: {
  readonly record: Pick<RecordView, 'id' | 'rev'>;
  readonly transition: TransitionOption;
  readonly words?: TransitionWords;
  readonly onClose: () => void;
  readonly onDone: (next: RecordView) => void;
}) {
  const [comment, setComment] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [fields, setFields] = useState(words.fields?.initial ?? {});
  const action = useAction();
  const title = words.title ?? capitalised(transition.label);
  const needs = (what: 'comment' | 'date') => transition.requires.includes(what);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needs('date') && !date) return action.setError('Hãy chọn ngày.');
    void action.run(async () => {
      const next = await api.qms.transition({
        id: record.id,
        transition: transition.name,
        rev: record.rev,
        ...(comment.trim() ? { comment } : {}),
        ...(date ? { date } : {}),
        ...(words.fields ? { fields: { ...fields } } : {}),
      });
      notifyDone(`Đã ${transition.label}.`);
      onDone(next);
    });
  };
  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          {words.fields?.render(fields, setFields)}
          {needs('date') ? (
            <VnDateInput
              label={words.date ?? 'Ngày'}
              value={date}
              onChange={setDate}
              required
              data-autofocus
            />
          ) : null}
          <Textarea
            label={words.comment ?? (needs('comment') ? 'Ý kiến / lý do' : 'Ghi chú')}
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            required={needs('comment')}
            data-autofocus={needs('date') ? undefined : true}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={words.color ?? 'indigo'} loading={action.busy}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
