// Receive form, part 1: the procedure's document checklist (kind and count per document) and
// the fee computed from the catalog's fee rules, editable by the desk officer.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { computeFee, type FeeQuote } from '../../../../core/catalog/fees';
import type { ProcedureVersion } from '../../../../core/catalog/schema';
import type { DocKind } from '../../../../core/desk/types';
import { VnNumberInput } from '../../components/inputs';
import { formatVnd } from '../../format';

export interface DocRow {
  readonly name: string;
  readonly required: boolean;
  readonly note: string | null;
  readonly checked: boolean;
  readonly kind: DocKind;
  readonly count: number;
}

export const DOC_KIND_LABELS: Readonly<Record<DocKind, string>> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao chứng thực',
  copy: 'Bản sao/bản chụp',
};
const KIND_OPTIONS = Object.entries(DOC_KIND_LABELS).map(([value, label]) => ({ value, label }));

export function docRowsOf(version: Readonly<ProcedureVersion>): DocRow[] {
  return version.documents.map((d) => {
    const [kind, count]: [DocKind, number] =
      d.original > 0
        ? ['original', d.original]
        : d.certifiedCopy > 0
          ? ['certified_copy', d.certifiedCopy]
          : ['copy', d.copy];
    return {
      name: d.name,
      required: d.required,
      note: d.note ?? null,
      checked: d.required,
      kind,
      count,
    };
  });
}

export function DocumentChecklist({
  rows,
  onChange,
}: {
  readonly rows: readonly DocRow[];
  readonly onChange: (rows: DocRow[]) => void;
}) {
  const [extra, setExtra] = useState('');
  const patch = (i: number, p: Partial<DocRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const add = () => {
    const name = extra.trim();
    if (!name) return;
    onChange([
      ...rows,
      { name, required: false, note: null, checked: true, kind: 'original', count: 1 },
    ]);
    setExtra('');
  };
  return (
    <Stack gap="xs">
      <Table withTableBorder verticalSpacing={4} aria-label="Thành phần hồ sơ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>Thành phần hồ sơ</Table.Th>
            <Table.Th w={200}>Loại bản</Table.Th>
            <Table.Th w={100}>Số lượng</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={`${i}-${r.name}`}>
              <Table.Td>
                <Checkbox
                  checked={r.checked}
                  onChange={(e) => patch(i, { checked: e.currentTarget.checked })}
                  aria-label={`Đã nhận: ${r.name}`}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {r.name}{' '}
                  {r.required ? (
                    <Badge size="xs" color="orange" variant="light">
                      bắt buộc
                    </Badge>
                  ) : null}
                </Text>
                {r.note ? (
                  <Text size="xs" c="dimmed">
                    {r.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={KIND_OPTIONS}
                  value={r.kind}
                  allowDeselect={false}
                  disabled={!r.checked}
                  onChange={(v) => v && patch(i, { kind: v as DocKind })}
                  aria-label={`Loại bản: ${r.name}`}
                />
              </Table.Td>
              <Table.Td>
                <VnNumberInput
                  size="xs"
                  min={1}
                  max={100}
                  required
                  value={r.count}
                  disabled={!r.checked}
                  onChange={(v) => v !== null && patch(i, { count: v })}
                  aria-label={`Số lượng: ${r.name}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <TextInput
          size="xs"
          placeholder="Giấy tờ khác (nếu có)"
          value={extra}
          onChange={(e) => setExtra(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          style={{ flex: 1 }}
          aria-label="Giấy tờ khác"
        />
        <Button size="xs" variant="light" onClick={add} disabled={!extra.trim()}>
          Thêm
        </Button>
      </Group>
    </Stack>
  );
}

export interface FeeState {
  readonly pages: number;
  readonly copies: number;
  readonly conditions: readonly string[];
}

export function quoteOf(version: Readonly<ProcedureVersion>, fee: Readonly<FeeState>): FeeQuote {
  return computeFee(version, { pages: fee.pages, copies: fee.copies, conditions: fee.conditions });
}

export function FeeSection({
  version,
  fee,
  onFee,
  amount,
  onAmount,
}: {
  readonly version: Readonly<ProcedureVersion>;
  readonly fee: FeeState;
  readonly onFee: (fee: FeeState) => void;
  readonly amount: number | null;
  readonly onAmount: (value: number | null) => void;
}) {
  const perPage = version.fees.some((f) => f.kind === 'per_page');
  const perUnit = version.fees.find((f) => f.kind === 'per_unit');
  const conditional = version.fees.filter((f) => f.condition !== undefined);
  const quote = quoteOf(version, fee);
  return (
    <Stack gap="xs">
      {quote.lines.map((l) => (
        <Group key={l.id} justify="space-between">
          <Text size="sm">{l.name}</Text>
          <Text size="sm">{formatVnd(l.amountVnd)}</Text>
        </Group>
      ))}
      {conditional.map((f) => (
        <Checkbox
          key={f.id}
          size="xs"
          label={`${f.name} (${f.condition ?? ''})`}
          checked={fee.conditions.includes(f.id)}
          onChange={(e) =>
            onFee({
              ...fee,
              conditions: e.currentTarget.checked
                ? [...fee.conditions, f.id]
                : fee.conditions.filter((c) => c !== f.id),
            })
          }
        />
      ))}
      <Group grow align="flex-start">
        {perPage ? (
          <VnNumberInput
            label="Số trang bản chính"
            min={1}
            max={10_000}
            required
            value={fee.pages}
            onChange={(v) => v !== null && onFee({ ...fee, pages: v })}
          />
        ) : null}
        {perPage || perUnit ? (
          <VnNumberInput
            label={perUnit ? `Số ${perUnit.unit}` : 'Số bản sao'}
            min={1}
            max={10_000}
            required
            value={fee.copies}
            onChange={(v) => v !== null && onFee({ ...fee, copies: v })}
          />
        ) : null}
        <VnNumberInput
          label="Phí, lệ phí thu (đồng)"
          min={0}
          max={1_000_000_000}
          thousandSeparator="."
          decimalSeparator=","
          value={amount}
          placeholder={quote.totalVnd === null ? 'Chưa có mức thu' : undefined}
          onChange={onAmount}
        />
      </Group>
    </Stack>
  );
}
