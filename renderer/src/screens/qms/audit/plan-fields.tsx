// An audit plan's fields as read (the audit's page, and a visiting auditor's read-only copy).
import { Group } from '@mantine/core';
import { Field } from '../../../components/field';
import { formatCivilDate } from '../../../format';

export function PlanFields(p: {
  readonly date: string | null;
  readonly lead: string;
  readonly auditors: readonly string[];
  readonly auditees: readonly string[];
  readonly scope: string;
  readonly documents: readonly { readonly code: string; readonly title: string }[];
  readonly criteria: string;
}) {
  return (
    <>
      <Group grow>
        <Field label="Ngày đánh giá">{p.date ? formatCivilDate(p.date) : ''}</Field>
        <Field label="Trưởng đoàn">{p.lead}</Field>
      </Group>
      <Field label="Thành viên đoàn">{p.auditors.join(', ')}</Field>
      <Field label="Người được đánh giá">{p.auditees.join(', ')}</Field>
      <Field label="Phạm vi">{p.scope}</Field>
      <Field label="Quy trình được đánh giá">
        {p.documents.map((d) => `${d.code} ${d.title}`).join('\n')}
      </Field>
      <Field label="Chuẩn mực">{p.criteria}</Field>
    </>
  );
}
