// "Ghi phát hiện": a finding of the audit with its type, clause, what was found and the
// evidence; a major or minor nonconformity also names who handles it and by when, and opens a
// nonconformity record (shown in the success message).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { addCivilDays } from '../../../../../core/calendar/civil-time';
import type { AuditDetail } from '../../../../../core/contract/audits';
import type { AuditData } from '../../../../../core/qms/audit';
import {
  FINDING_TYPES,
  FINDING_TYPE_LABELS,
  isNcFinding,
  type FindingType,
} from '../../../../../core/qms/finding';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { foldFilter, VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { civilDateOf } from '../../../format';

export interface FindingPreset {
  readonly clause?: string;
  readonly checklistItemId?: string | null;
  readonly dossierId?: string | null;
  readonly type?: FindingType;
  readonly description?: string;
}

export function FindingDialog({
  audit,
  preset = {},
  onClose,
  onDone,
}: {
  readonly audit: AuditDetail;
  readonly preset?: FindingPreset;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const data = audit.record.data as AuditData;
  const clauses = [...new Set(data.checklist.map((i) => i.clause))];
  const [type, setType] = useState<FindingType>(preset.type ?? 'minor_nc');
  const [clause, setClause] = useState<string | null>(preset.clause ?? clauses[0] ?? null);
  const [description, setDescription] = useState(preset.description ?? '');
  const [evidence, setEvidence] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(data.auditeeIds[0] ?? null);
  const [deadline, setDeadline] = useState<string | null>(
    addCivilDays(civilDateOf(Date.now()), 30),
  );
  const people = useLoad(useCallback(() => api.qms.people({}), []));
  const action = useAction();
  const nc = isNcFinding(type);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!clause) return action.setError('Hãy chọn điều khoản.');
    void action.run(async () => {
      const done = await api.audits.addFinding({
        auditId: audit.record.id,
        type,
        clause,
        description,
        evidence,
        checklistItemId: preset.checklistItemId ?? null,
        dossierId: preset.dossierId ?? null,
        ownerId: nc ? ownerId : null,
        deadline: nc ? deadline : null,
      });
      notifyDone(
        done.nonconformityId
          ? `Đã ghi phát hiện ${done.code} và mở sự không phù hợp.`
          : `Đã ghi phát hiện ${done.code}.`,
      );
      onDone();
    });
  };
  return (
    <Modal opened onClose={onClose} title="Ghi phát hiện đánh giá" size="lg">
      <form onSubmit={submit} aria-label="Ghi phát hiện đánh giá">
        <Stack gap="sm">
          <ErrorAlert error={action.error} />
          <SimpleGrid cols={2}>
            <Select
              label="Loại phát hiện"
              data={FINDING_TYPES.map((t) => ({ value: t, label: FINDING_TYPE_LABELS[t] }))}
              value={type}
              onChange={(v) => v && setType(v)}
              allowDeselect={false}
            />
            <Select
              label="Điều khoản"
              data={clauses.map((c) => ({
                value: c,
                label: `${c} ${audit.clauseTitles[c] ?? ''}`,
              }))}
              value={clause}
              onChange={setClause}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Textarea
            label="Nội dung phát hiện"
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Textarea
            label="Bằng chứng (hồ sơ, tài liệu, người được hỏi)"
            autosize
            minRows={2}
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
          />
          {nc ? (
            <SimpleGrid cols={2}>
              <Select
                label="Người phụ trách khắc phục"
                data={(people.data ?? []).map((p) => ({ value: p.id, label: p.fullName }))}
                value={ownerId}
                onChange={setOwnerId}
                searchable
                filter={foldFilter}
                required
              />
              <VnDateInput label="Hạn khắc phục" value={deadline} onChange={setDeadline} required />
            </SimpleGrid>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" color={nc ? 'red' : 'indigo'} loading={action.busy}>
              {nc ? 'Ghi phát hiện và mở sự không phù hợp' : 'Ghi phát hiện'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
