// The audit plan form: a new line of the year's programme (with the clauses its checklist
// covers) or the plan of an audit not yet approved. Auditor independence, the closed year and
// the people are checked by the services; their Vietnamese refusal shows at the top.
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import type { AuditDetail } from '../../../../../core/contract/audits';
import type { AuditData } from '../../../../../core/qms/audit';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { notifyDone } from '../../../components/errors';
import { foldFilter, VnDateInput } from '../../../components/inputs';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: `Tháng ${i + 1}`,
}));

interface Plan {
  month: number;
  area: string;
  scope: string;
  criteria: string;
  date: string | null;
  leadAuditorId: string | null;
  auditorIds: string[];
  auditeeIds: string[];
  documentIds: string[];
}

function initial(data: AuditData | null): Plan {
  return {
    month: data?.month ?? new Date().getMonth() + 1,
    area: data?.area ?? '',
    scope: data?.scope ?? '',
    criteria: data?.criteria ?? '',
    date: data?.date ?? null,
    leadAuditorId: data?.leadAuditorId ?? null,
    auditorIds: data?.auditorIds ?? [],
    auditeeIds: data?.auditeeIds ?? [],
    documentIds: data?.documentIds ?? [],
  };
}

export function PlanDialog({
  year,
  audit,
  onClose,
  onDone,
}: {
  readonly year: number;
  /** The audit whose plan is edited; null for a new line of the programme. */
  readonly audit: AuditDetail | null;
  readonly onClose: () => void;
  readonly onDone: (id: string) => void;
}) {
  const data = audit ? (audit.record.data as AuditData) : null;
  const [plan, setPlan] = useState<Plan>(() => initial(data));
  const [clauses, setClauses] = useState<string[]>([]);
  const options = useLoad(useCallback(() => api.audits.options({}), []));
  const action = useAction();
  const set = (patch: Partial<Plan>) => setPlan((p) => ({ ...p, ...patch }));
  const people = (options.data?.people ?? []).map((p) => ({
    value: p.id,
    label: `${p.fullName} (${p.roleLabels.join(', ')})`,
  }));
  const title = audit ? `Sửa kế hoạch ${audit.record.code}` : `Lập kế hoạch đánh giá năm ${year}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (audit) {
        await api.audits.savePlan({ id: audit.record.id, rev: audit.record.rev, ...plan });
        notifyDone('Đã lưu kế hoạch đánh giá.');
        onDone(audit.record.id);
      } else {
        const created = await api.audits.create({ year, ...plan, clauses });
        notifyDone(`Đã lập kế hoạch đánh giá ${created.code}.`);
        onDone(created.id);
      }
    });
  };
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          <ErrorAlert error={action.error ?? options.error} />
          <SimpleGrid cols={3}>
            <TextInput
              label="Lĩnh vực được đánh giá"
              value={plan.area}
              onChange={(e) => set({ area: e.currentTarget.value })}
              required
              data-autofocus
            />
            <Select
              label="Tháng (theo chương trình)"
              data={MONTHS}
              value={String(plan.month)}
              onChange={(v) => v && set({ month: Number(v) })}
              allowDeselect={false}
            />
            <VnDateInput
              label="Ngày đánh giá"
              value={plan.date}
              onChange={(v) => set({ date: v })}
              clearable
            />
          </SimpleGrid>
          <MultiSelect
            label="Quy trình được đánh giá"
            data={(options.data?.documents ?? []).map((d) => ({
              value: d.id,
              label: `${d.code} — ${d.title}`,
            }))}
            value={plan.documentIds}
            onChange={(v) => set({ documentIds: v })}
            searchable
            filter={foldFilter}
            maxDropdownHeight={240}
          />
          <SimpleGrid cols={2}>
            <Textarea
              label="Phạm vi đánh giá"
              autosize
              minRows={2}
              value={plan.scope}
              onChange={(e) => set({ scope: e.currentTarget.value })}
            />
            <Textarea
              label="Chuẩn mực đánh giá"
              placeholder="TCVN ISO 9001:2015; các quy trình ISO và văn bản pháp luật liên quan"
              autosize
              minRows={2}
              value={plan.criteria}
              onChange={(e) => set({ criteria: e.currentTarget.value })}
            />
          </SimpleGrid>
          <SimpleGrid cols={3}>
            <Select
              label="Trưởng đoàn đánh giá"
              data={people}
              value={plan.leadAuditorId}
              onChange={(v) => set({ leadAuditorId: v })}
              searchable
              filter={foldFilter}
              clearable
            />
            <MultiSelect
              label="Thành viên đoàn đánh giá"
              data={people.filter((p) => p.value !== plan.leadAuditorId)}
              value={plan.auditorIds}
              onChange={(v) => set({ auditorIds: v })}
              searchable
              filter={foldFilter}
            />
            <MultiSelect
              label="Người được đánh giá"
              data={people}
              value={plan.auditeeIds}
              onChange={(v) => set({ auditeeIds: v })}
              searchable
              filter={foldFilter}
            />
          </SimpleGrid>
          {audit ? null : (
            <MultiSelect
              label="Điều khoản đánh giá (để trống: mọi điều khoản áp dụng)"
              data={(options.data?.clauses ?? [])
                .filter((c) => c.applicable)
                .map((c) => ({ value: c.clause, label: `${c.clause} ${c.title}` }))}
              value={clauses}
              onChange={setClauses}
              searchable
              filter={foldFilter}
              maxDropdownHeight={240}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={action.busy}>
              {audit ? 'Lưu kế hoạch' : 'Lập kế hoạch'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
