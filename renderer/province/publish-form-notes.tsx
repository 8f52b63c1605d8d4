// Ghi chú in trên biểu mẫu: the province chooses a form of a form set and writes the lines
// printed under it on every office's PC (a 'form_template' entry at the next version of the
// form's key); an empty text removes them. Below, the forms that have notes now.
import { Button, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { civilDateOf } from '../../core/calendar/civil-time';
import {
  FORM_SETS,
  formSetById,
  formSetFor,
  type FormKind,
  type FormSetId,
} from '../../core/forms/registry';
import type { FormNotesView } from '../../core/sync/admin';
import { MAX_FORM_NOTES } from '../../core/sync/form-template';
import { ErrorAlert } from '../src/components/error-alert';
import { useAction } from '../src/components/use-action';
import { errorText, provinceApi } from './api';
import { formatDateTime } from './format';
import { useLoad } from '../src/components/use-load';

const NOWRAP = { whiteSpace: 'nowrap' } as const;
const SET_OPTIONS = FORM_SETS.map((s) => ({ value: s.id, label: s.legalBasis }));
const legalBasisOf = (id: FormSetId) => formSetById(id).legalBasis;
const formsOf = (id: FormSetId) => formSetById(id).forms;

/** The lines as they are published: blank ones dropped (the server trims each). */
const linesOf = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

export function FormNotesPanel({ onPublished }: { readonly onPublished: () => void }) {
  const loader = useCallback(() => provinceApi.listFormNotes(), []);
  const { data, error: loadError, reload } = useLoad(loader, errorText);
  const [formSet, setFormSet] = useState<FormSetId>(
    () => formSetFor(civilDateOf(Date.now()))?.id ?? 'tt03-2025',
  );
  const [kind, setKind] = useState<FormKind>('receipt');
  const [text, setText] = useState('');
  const publishing = useAction(errorText);

  const forms = formsOf(formSet);
  const form = forms.find((f) => f.kind === kind);
  const current = data?.forms.find((f) => f.formSet === formSet && f.kind === kind);
  // The chosen form's current notes, again after each choice and each publication.
  useEffect(() => setText(current?.notes.join('\n') ?? ''), [current]);
  const lines = linesOf(text);
  const unchanged = lines.map((l) => l.trim()).join('\n') === (current?.notes ?? []).join('\n');
  const withNotes = useMemo(() => data?.forms.filter((f) => f.notes.length > 0) ?? [], [data]);

  const choose = (set: FormSetId, k: FormKind) => {
    setFormSet(set);
    setKind(formsOf(set).some((f) => f.kind === k) ? k : 'receipt');
    publishing.setError(null);
  };

  const publish = async () => {
    const done = await publishing.run(async () => {
      await provinceApi.publishFormNotes({ formSet, kind, notes: lines });
    });
    if (!done) return;
    const name = form ? `${form.label} – ${form.title}` : kind;
    notifications.show({
      color: 'green',
      message: lines.length > 0 ? `Đã công bố ghi chú cho ${name}.` : `Đã bỏ ghi chú của ${name}.`,
    });
    reload();
    onPublished();
  };

  return (
    <Paper withBorder p="lg" data-testid="form-notes-panel">
      <Stack>
        <Title order={4}>Ghi chú in trên biểu mẫu</Title>
        <Text size="sm" c="dimmed">
          In ở cuối biểu mẫu trên máy các xã từ lần đồng bộ tiếp theo; để trống để bỏ ghi chú.
        </Text>
        <Group align="flex-end" grow>
          <Select
            label="Bộ biểu mẫu"
            data={SET_OPTIONS}
            value={formSet}
            onChange={(v) => v && choose(v, kind)}
            allowDeselect={false}
          />
          <Select
            label="Biểu mẫu"
            data={forms.map((f) => ({ value: f.kind, label: `${f.label} – ${f.title}` }))}
            value={kind}
            onChange={(v) => v && choose(formSet, v)}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={`Ghi chú (mỗi dòng một ghi chú, tối đa ${MAX_FORM_NOTES} dòng)`}
          description={`${lines.length}/${MAX_FORM_NOTES} dòng`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={12}
        />
        <Group justify="flex-end">
          <Button
            onClick={() => void publish()}
            loading={publishing.busy}
            disabled={!data || unchanged}
          >
            Công bố ghi chú
          </Button>
        </Group>
        <ErrorAlert error={publishing.error} />
        <Title order={5} mt="sm">
          Biểu mẫu đang có ghi chú
        </Title>
        <ErrorAlert error={loadError} />
        {data ? (
          <FormNotesTable forms={withNotes} onEdit={(f) => choose(f.formSet, f.kind)} />
        ) : null}
      </Stack>
    </Paper>
  );
}

function FormNotesTable({
  forms,
  onEdit,
}: {
  readonly forms: readonly FormNotesView[];
  readonly onEdit: (form: FormNotesView) => void;
}) {
  if (forms.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Chưa có biểu mẫu nào có ghi chú.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} aria-label="Biểu mẫu đang có ghi chú" data-testid="form-notes-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Biểu mẫu</Table.Th>
          <Table.Th style={NOWRAP}>Số dòng</Table.Th>
          <Table.Th style={NOWRAP}>Công bố lúc</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {forms.map((f) => (
          <Table.Tr
            key={`${f.formSet}/${f.kind}`}
            data-testid={`form-notes-${f.formSet}-${f.kind}`}
          >
            <Table.Td>
              <Text fw={600} size="sm">
                {f.label} – {f.title}
              </Text>
              <Text size="xs" c="dimmed">
                {legalBasisOf(f.formSet)}
              </Text>
            </Table.Td>
            <Table.Td style={NOWRAP}>{f.notes.length}</Table.Td>
            <Table.Td style={NOWRAP}>
              {f.publishedAt === null ? '—' : formatDateTime(f.publishedAt)}
            </Table.Td>
            <Table.Td ta="right" style={NOWRAP}>
              <Button size="xs" variant="light" onClick={() => onEdit(f)}>
                Sửa
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
