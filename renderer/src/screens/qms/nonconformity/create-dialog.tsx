// "Tạo sự không phù hợp": a blank form from the register, or pre-filled from its source (a late
// dossier) with the link kept; on success the new record opens.
import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { OpOutput } from '../../../../../core/contract';
import type { NC_LINK_KINDS } from '../../../../../core/contract/nonconformity';
import { NC_SOURCES, NC_SOURCE_LABELS } from '../../../../../core/qms/nonconformity';
import { addCivilDays } from '../../../../../core/calendar/civil-time';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { errorText, notifyDone } from '../../../components/errors';
import { VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf } from '../../../format';

type Draft = OpOutput<'nonconformities.draft'>;

function blankDraft(): Draft {
  const today = civilDateOf(Date.now());
  return {
    source: 'other',
    sourceKind: null,
    sourceId: null,
    sourceLabel: '',
    title: '',
    description: '',
    detectedOn: today,
    deadline: addCivilDays(today, 30),
  };
}

export function CreateNonconformityDialog({
  from,
  onClose,
}: {
  /** The source to pre-fill from; null for a blank form. */
  readonly from: {
    readonly sourceKind: (typeof NC_LINK_KINDS)[number];
    readonly sourceId: string;
  } | null;
  readonly onClose: () => void;
}) {
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<Draft | null>(from ? null : blankDraft());
  const [correction, setCorrection] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const people = useLoad(useCallback(() => api.qms.people({}), []));
  const action = useAction();
  const { setError } = action;
  const sourceId = from?.sourceId ?? null;
  const sourceKind = from?.sourceKind ?? 'dossier';
  useEffect(() => {
    if (!sourceId) return;
    api.nonconformities
      .draft({ sourceKind, sourceId })
      .then(setDraft, (err: unknown) => setError(errorText(err)));
  }, [sourceKind, sourceId, setError]);
  const set = (patch: Partial<Draft>) => draft && setDraft({ ...draft, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    void action.run(async () => {
      const created = await api.nonconformities.create({
        source: draft.source,
        sourceKind: draft.sourceKind,
        sourceId: draft.sourceId,
        title: draft.title,
        description: draft.description,
        detectedOn: draft.detectedOn,
        deadline: draft.deadline,
        correction,
        ownerId,
      });
      notifyDone(`Đã tạo sự không phù hợp ${created.code}.`);
      navigate(`/qms/nonconformities/${created.id}`);
    });
  };
  return (
    <Modal opened onClose={onClose} title="Tạo sự không phù hợp" size="lg">
      <form onSubmit={submit} aria-label="Tạo sự không phù hợp">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          {draft ? (
            <>
              {draft.sourceLabel ? (
                <Text size="sm" c="dimmed" data-testid="nc-source">
                  Nguồn: {NC_SOURCE_LABELS[draft.source]} — {draft.sourceLabel}
                </Text>
              ) : (
                <Select
                  label="Nguồn phát hiện"
                  data={NC_SOURCES.map((s) => ({ value: s, label: NC_SOURCE_LABELS[s] }))}
                  value={draft.source}
                  onChange={(v) => v && set({ source: v })}
                  allowDeselect={false}
                />
              )}
              <TextInput
                label="Sự không phù hợp"
                value={draft.title}
                onChange={(e) => set({ title: e.currentTarget.value })}
                required
                data-autofocus
              />
              <Textarea
                label="Mô tả"
                autosize
                minRows={3}
                value={draft.description}
                onChange={(e) => set({ description: e.currentTarget.value })}
                required
              />
              <Textarea
                label="Khắc phục tức thời (nếu đã làm)"
                autosize
                minRows={2}
                value={correction}
                onChange={(e) => setCorrection(e.currentTarget.value)}
              />
              <Group grow>
                <VnDateInput
                  label="Ngày phát hiện"
                  value={draft.detectedOn}
                  onChange={(v) => v && set({ detectedOn: v })}
                  required
                />
                <VnDateInput
                  label="Hạn khắc phục"
                  value={draft.deadline}
                  onChange={(v) => v && set({ deadline: v })}
                  required
                />
              </Group>
              <Select
                label="Người phụ trách xử lý"
                placeholder="Tôi (người tạo)"
                data={(people.data ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.fullName} — ${p.title}`,
                }))}
                value={ownerId}
                onChange={setOwnerId}
                clearable
                searchable
              />
            </>
          ) : (
            <Text size="sm">Đang lấy thông tin từ nguồn…</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color="red" loading={action.busy} disabled={!draft}>
              Tạo sự không phù hợp
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
