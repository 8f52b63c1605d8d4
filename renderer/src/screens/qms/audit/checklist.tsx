// The auditor's checklist, keyboard-fast: ↑/↓ (or J/K) move between questions, 1–4 record the
// result (Phù hợp, Không phù hợp, Cần lưu ý, Không áp dụng) and move on, 0 clears it, Enter
// writes a note (Enter again saves it), F records a finding on the question. Every answer is
// saved at once, in order; the first one starts an approved audit.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Kbd,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import {
  CHECK_RESULTS,
  CHECK_RESULT_LABELS,
  checklistProgress,
  type CheckResult,
  type ChecklistItem,
} from '../../../../../core/qms/audit-checklist';
import type { AuditData } from '../../../../../core/qms/audit';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { errorText } from '../../../components/errors';
import { useLoad } from '../../../components/use-load';
import { ChecklistEditor } from './checklist-editor';
import { FindingDialog, type FindingPreset } from './finding-dialog';

const COLORS: Readonly<Record<CheckResult, string>> = {
  conform: 'green',
  nc: 'red',
  observation: 'orange',
  na: 'gray',
};

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);

export function AuditChecklistScreen({ id }: { readonly id: string }) {
  const [, navigate] = useLocation();
  const { data: audit, error, reload } = useLoad(useCallback(() => api.audits.get({ id }), [id]));
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [at, setAt] = useState(0);
  const [saving, setSaving] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [finding, setFinding] = useState<FindingPreset | null>(null);
  const [editing, setEditing] = useState(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const notes = useRef(new Map<string, HTMLInputElement>());
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  useEffect(() => {
    if (audit) setItems((audit.record.data as AuditData).checklist);
  }, [audit]);
  const working =
    !!audit && audit.onTeam && ['approved', 'in_progress'].includes(audit.record.state);

  const save = useCallback(
    (item: ChecklistItem) => {
      setItems((all) => all.map((i) => (i.id === item.id ? item : i)));
      setSaving((n) => n + 1);
      queue.current = queue.current.then(async () => {
        try {
          await api.audits.answer({ id, itemId: item.id, result: item.result, note: item.note });
          setSaveError(null);
        } catch (err) {
          setSaveError(errorText(err));
        } finally {
          setSaving((n) => n - 1);
        }
      });
    },
    [id],
  );

  useEffect(() => {
    const current = items[at];
    rows.current.get(current?.id ?? '')?.scrollIntoView({ block: 'nearest' });
  }, [at, items]);

  useEffect(() => {
    if (!working || finding || editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.altKey || e.metaKey) return;
      const current = items[at];
      const key = e.key.toLowerCase();
      if (key === 'arrowdown' || key === 'j') setAt((i) => Math.min(i + 1, items.length - 1));
      else if (key === 'arrowup' || key === 'k') setAt((i) => Math.max(i - 1, 0));
      else if (current && key >= '1' && key <= '4') {
        save({ ...current, result: CHECK_RESULTS[Number(key) - 1] ?? null });
        setAt((i) => Math.min(i + 1, items.length - 1));
      } else if (current && key === '0') save({ ...current, result: null });
      else if (current && key === 'enter') notes.current.get(current.id)?.focus();
      else if (current && key === 'f')
        setFinding({
          clause: current.clause,
          checklistItemId: current.id,
          type: current.result === 'observation' ? 'observation' : 'minor_nc',
          description: current.note,
        });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [working, finding, editing, items, at, save]);

  if (error) return <ErrorAlert error={error} />;
  if (!audit) return null;
  const p = checklistProgress(items);
  let lastClause = '';
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={3}>Danh mục kiểm tra {audit.record.code}</Title>
            <Text size="sm" c="dimmed">
              {(audit.record.data as AuditData).area} — đã đánh giá{' '}
              <b data-testid="checklist-progress">
                {p.answered}/{p.total}
              </b>{' '}
              câu hỏi {saving > 0 ? '(đang lưu…)' : '(đã lưu)'}
            </Text>
          </Stack>
          <Group gap="xs">
            {working ? (
              <Button variant="light" onClick={() => setEditing(true)}>
                Sửa danh mục câu hỏi
              </Button>
            ) : null}
            <Button variant="default" onClick={() => navigate(`/qms/audits/${id}`)}>
              Về cuộc đánh giá
            </Button>
          </Group>
        </Group>
        {working ? (
          <Text size="xs" c="dimmed" mt={4}>
            <Kbd>↑</Kbd>/<Kbd>↓</Kbd> chọn câu hỏi · <Kbd>1</Kbd> Phù hợp · <Kbd>2</Kbd> Không phù
            hợp · <Kbd>3</Kbd> Cần lưu ý · <Kbd>4</Kbd> Không áp dụng · <Kbd>0</Kbd> xóa ·{' '}
            <Kbd>Enter</Kbd> ghi nhận xét · <Kbd>F</Kbd> ghi phát hiện
          </Text>
        ) : (
          <Alert color="gray" mt="xs">
            Chỉ đoàn đánh giá điền danh mục khi kế hoạch đã được duyệt và chưa có báo cáo.
          </Alert>
        )}
      </Card>
      <ErrorAlert error={saveError} />
      <Card withBorder p={0}>
        <Table aria-label="Danh mục kiểm tra" verticalSpacing={6}>
          <Table.Tbody>
            {items.map((item, index) => {
              const header =
                item.clause !== lastClause ? (
                  <Table.Tr key={`h-${item.clause}`} bg="gray.1">
                    <Table.Td colSpan={3}>
                      <Text fw={600} size="sm">
                        {item.clause} {audit.clauseTitles[item.clause] ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null;
              lastClause = item.clause;
              const selected = index === at && working;
              return [
                header,
                <Table.Tr
                  key={item.id}
                  ref={(el) => {
                    if (el) rows.current.set(item.id, el);
                  }}
                  {...(selected ? { bg: 'indigo.0' } : {})}
                  onClick={() => setAt(index)}
                  data-testid="checklist-item"
                  aria-selected={selected}
                >
                  <Table.Td w="45%">
                    <Text size="sm">{item.question}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4}>
                      {CHECK_RESULTS.map((r, i) => (
                        <Button
                          key={r}
                          size="compact-xs"
                          color={COLORS[r]}
                          variant={item.result === r ? 'filled' : 'default'}
                          disabled={!working}
                          onClick={() => save({ ...item, result: r })}
                          title={`Phím ${i + 1}`}
                        >
                          {CHECK_RESULT_LABELS[r]}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      placeholder="Nhận xét, bằng chứng"
                      aria-label={`Nhận xét ${item.id}`}
                      defaultValue={item.note}
                      disabled={!working}
                      ref={(el) => {
                        if (el) notes.current.set(item.id, el);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === 'Escape') {
                          e.preventDefault();
                          e.currentTarget.blur();
                        }
                      }}
                      onBlur={(e) => {
                        const note = e.currentTarget.value.trim();
                        if (note !== item.note) save({ ...item, note });
                      }}
                    />
                    {item.result ? null : (
                      <Badge size="xs" variant="outline" color="gray" mt={2}>
                        Chưa đánh giá
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>,
              ];
            })}
          </Table.Tbody>
        </Table>
      </Card>
      {finding ? (
        <FindingDialog
          audit={audit}
          preset={finding}
          onClose={() => setFinding(null)}
          onDone={() => setFinding(null)}
        />
      ) : null}
      {editing ? (
        <ChecklistEditor
          audit={audit}
          items={items}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </Stack>
  );
}
