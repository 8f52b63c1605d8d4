// "Sửa danh mục câu hỏi": the audit's questions edited before or during the audit — a question
// reworded, removed, or added under a clause; answers of unchanged questions are kept.
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { AuditDetail } from '../../../../../core/contract/audits';
import type { ChecklistItem } from '../../../../../core/qms/audit-checklist';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { useAction } from '../../../components/use-action';

interface Line {
  readonly key: string;
  readonly id: string | null;
  readonly clause: string;
  readonly question: string;
}

export function ChecklistEditor({
  audit,
  items,
  onClose,
  onDone,
}: {
  readonly audit: AuditDetail;
  readonly items: readonly ChecklistItem[];
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const [lines, setLines] = useState<Line[]>(() =>
    items.map((i) => ({ key: i.id, id: i.id, clause: i.clause, question: i.question })),
  );
  const action = useAction();
  const clauses = Object.entries(audit.clauseTitles)
    .filter(([c]) => c !== '8.3')
    .map(([c, t]) => ({ value: c, label: `${c} ${t}` }));
  const set = (key: string, patch: Partial<Line>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const save = () =>
    void action.run(async () => {
      await api.audits.editChecklist({
        id: audit.record.id,
        rev: audit.record.rev,
        items: lines.map(({ id, clause, question }) => ({ id, clause, question })),
      });
      notifyDone('Đã lưu danh mục câu hỏi.');
      onDone();
    });
  return (
    <Modal opened onClose={onClose} title="Sửa danh mục câu hỏi" size="xl">
      <Stack gap="sm">
        <ErrorAlert error={action.error} />
        <ScrollArea h={420}>
          <Stack gap="xs">
            {lines.map((l) => (
              <Group key={l.key} align="flex-start" wrap="nowrap">
                <Select
                  aria-label="Điều khoản"
                  data={clauses}
                  value={l.clause}
                  onChange={(v) => v && set(l.key, { clause: v })}
                  allowDeselect={false}
                  w={220}
                  searchable
                />
                <Textarea
                  aria-label="Câu hỏi"
                  autosize
                  minRows={1}
                  style={{ flex: 1 }}
                  value={l.question}
                  onChange={(e) => set(l.key, { question: e.currentTarget.value })}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Bỏ câu hỏi"
                  onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}
                >
                  ✕
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        </ScrollArea>
        <Group justify="space-between">
          <Button
            variant="light"
            onClick={() =>
              setLines((all) => [
                ...all,
                {
                  key: `new-${all.length}-${Date.now()}`,
                  id: null,
                  clause: all.at(-1)?.clause ?? '4.1',
                  question: '',
                },
              ])
            }
          >
            Thêm câu hỏi
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button onClick={save} loading={action.busy}>
              Lưu danh mục
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
