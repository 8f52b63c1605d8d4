// External documents (laws) in forms: a law's facts (number, issuer, dates), the laws a
// procedure or guideline cites ("văn bản căn cứ") and the one that replaced a law ("thay thế
// bởi"). Each option shows the number, the title and whether the law is still in force, so
// the user sees what will flag "cần rà soát".
import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useCallback } from 'react';
import type { DocumentRow } from '../../../../../core/contract/qms-documents';
import type { ExternalFacts } from '../../../../../core/qms/document';
import { api } from '../../../api/client';
import { VnDateInput } from '../../../components/inputs';
import { useLoad } from '../../../components/use-load';
import { civilDateOf, formatCivilDate } from '../../../format';

/** Every external document of the office, withdrawn ones included (a citation may be old). */
function useExternals(): readonly DocumentRow[] {
  const { data } = useLoad(
    useCallback(
      () => api.documents.list({ query: '', docType: 'external', includeObsolete: true }),
      [],
    ),
  );
  return data ?? [];
}

function status(row: DocumentRow, today: string): string {
  const facts = row.external;
  if (!facts) return '';
  if (facts.replacedById) return ' (đã được thay thế)';
  if (facts.expiryDate && facts.expiryDate <= today)
    return ` (hết hiệu lực từ ${formatCivilDate(facts.expiryDate)})`;
  return '';
}

const optionsOf = (rows: readonly DocumentRow[]) => {
  const today = civilDateOf(Date.now());
  return rows.map((r) => ({
    value: r.id,
    label: `${r.external?.number ?? r.code} — ${r.title}${status(r, today)}`,
  }));
};

export function CitesPicker({
  value,
  onChange,
}: {
  readonly value: readonly string[];
  readonly onChange: (ids: string[]) => void;
}) {
  const externals = useExternals();
  return (
    <MultiSelect
      label="Văn bản căn cứ (tài liệu bên ngoài được viện dẫn)"
      description="Khi một văn bản hết hiệu lực hoặc được thay thế, tài liệu này được đánh dấu “cần rà soát”."
      placeholder={value.length === 0 ? 'Chọn văn bản…' : undefined}
      data={optionsOf(externals)}
      value={[...value]}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="Không có văn bản phù hợp"
      maxDropdownHeight={260}
    />
  );
}

export function ReplacedByPicker({
  selfId,
  value,
  onChange,
}: {
  readonly selfId: string;
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
}) {
  const externals = useExternals();
  return (
    <Select
      label="Thay thế bởi"
      description="Văn bản mới thay thế văn bản này (để trống nếu chưa bị thay thế)."
      placeholder="Chưa bị thay thế"
      data={optionsOf(externals.filter((e) => e.id !== selfId))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage="Không có văn bản phù hợp"
    />
  );
}

/** A law's facts; with `selfId` (an existing law) also what replaced it. */
export function ExternalFields({
  selfId,
  facts,
  onChange,
}: {
  readonly selfId: string | null;
  readonly facts: ExternalFacts;
  readonly onChange: (next: ExternalFacts) => void;
}) {
  const set = (patch: Partial<ExternalFacts>) => onChange({ ...facts, ...patch });
  return (
    <>
      <Group grow>
        <TextInput
          label="Số hiệu văn bản"
          value={facts.number}
          onChange={(e) => set({ number: e.currentTarget.value })}
          required
        />
        <TextInput
          label="Cơ quan ban hành"
          value={facts.issuer}
          onChange={(e) => set({ issuer: e.currentTarget.value })}
          required
        />
      </Group>
      <Group grow>
        <VnDateInput
          label="Ngày có hiệu lực"
          value={facts.effectiveDate}
          onChange={(v) => set({ effectiveDate: v ?? '' })}
          required
        />
        <VnDateInput
          label="Ngày hết hiệu lực (nếu có)"
          value={facts.expiryDate}
          onChange={(v) => set({ expiryDate: v })}
          clearable
        />
      </Group>
      {selfId === null ? null : (
        <ReplacedByPicker
          selfId={selfId}
          value={facts.replacedById}
          onChange={(v) => set({ replacedById: v })}
        />
      )}
    </>
  );
}
