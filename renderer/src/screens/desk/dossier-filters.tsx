// Filters of the dossier list, kept in the URL query so Back and a reload keep them.
import { Group, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { DOSSIER_STATUSES, STATUS_LABELS } from '../../../../core/desk/types';
import { foldFilter, VnDateInput } from '../../components/inputs';

export const STATUS_FILTERS = ['all', 'open', 'overdue', ...DOSSIER_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const SORTS = ['received_desc', 'received_asc', 'due_asc'] as const;
export type Sort = (typeof SORTS)[number];

export interface ListFilters {
  readonly query: string;
  readonly status: StatusFilter;
  readonly procedureId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly mine: boolean;
  readonly sort: Sort;
  readonly page: number;
}

const STATUS_OPTIONS = [
  { value: 'all', label: 'Tất cả trạng thái' },
  { value: 'open', label: 'Chưa trả kết quả' },
  { value: 'overdue', label: 'Quá hạn' },
  ...DOSSIER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
];
const SORT_OPTIONS: { value: Sort; label: string }[] = [
  { value: 'received_desc', label: 'Mới tiếp nhận trước' },
  { value: 'received_asc', label: 'Tiếp nhận sớm trước' },
  { value: 'due_asc', label: 'Sắp đến hạn trước' },
];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return list.find((x) => x === value) ?? fallback;
}

export function parseFilters(params: URLSearchParams): ListFilters {
  const date = (key: string) => {
    const v = params.get(key);
    return v && DATE_RE.test(v) ? v : null;
  };
  return {
    query: params.get('q') ?? '',
    status: oneOf(STATUS_FILTERS, params.get('status'), 'all'),
    procedureId: params.get('procedure') || null,
    from: date('from'),
    to: date('to'),
    mine: params.get('mine') === '1',
    sort: oneOf(SORTS, params.get('sort'), 'received_desc'),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

export function filtersToQuery(f: Readonly<ListFilters>): string {
  const p = new URLSearchParams();
  if (f.query) p.set('q', f.query);
  if (f.status !== 'all') p.set('status', f.status);
  if (f.procedureId) p.set('procedure', f.procedureId);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.mine) p.set('mine', '1');
  if (f.sort !== 'received_desc') p.set('sort', f.sort);
  if (f.page > 1) p.set('page', String(f.page));
  return p.toString();
}

export function DossierFilters({
  filters,
  procedures,
  onChange,
}: {
  readonly filters: ListFilters;
  readonly procedures: readonly { value: string; label: string }[];
  readonly onChange: (patch: Partial<ListFilters>) => void;
}) {
  const [text, setText] = useState(filters.query);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== filters.query) onChange({ query: debounced.trim(), page: 1 });
    // Only the typed text drives this; the URL value is compared, not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Tìm kiếm"
        placeholder="Mã hồ sơ, tên, số giấy tờ người nộp"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        w={300}
        type="search"
      />
      <Select
        label="Trạng thái"
        data={STATUS_OPTIONS}
        value={filters.status}
        allowDeselect={false}
        onChange={(v) => onChange({ status: oneOf(STATUS_FILTERS, v, 'all'), page: 1 })}
        w={200}
      />
      <Select
        label="Thủ tục"
        placeholder="Tất cả thủ tục"
        data={procedures}
        value={filters.procedureId}
        onChange={(v) => onChange({ procedureId: v, page: 1 })}
        searchable
        clearable
        filter={foldFilter}
        w={260}
      />
      <VnDateInput
        label="Tiếp nhận từ ngày"
        value={filters.from}
        onChange={(v) => onChange({ from: v, page: 1 })}
        clearable
        w={150}
      />
      <VnDateInput
        label="Đến ngày"
        value={filters.to}
        onChange={(v) => onChange({ to: v, page: 1 })}
        clearable
        w={150}
      />
      <Select
        label="Sắp xếp"
        data={SORT_OPTIONS}
        value={filters.sort}
        allowDeselect={false}
        onChange={(v) => onChange({ sort: oneOf(SORTS, v, 'received_desc'), page: 1 })}
        w={190}
      />
      <Switch
        label="Hồ sơ của tôi"
        checked={filters.mine}
        onChange={(e) => onChange({ mine: e.currentTarget.checked, page: 1 })}
        mb={8}
      />
    </Group>
  );
}
