// Inputs shaped for Vietnamese offices: dates typed and shown as dd/mm/yyyy, numbers never
// changed behind the user's back, and a Select filter that ignores diacritics. Text a field
// cannot accept (31/02/2026, −3 sets) stays as typed with a message under it and is reported
// to its form (custom validity), so nothing is saved or filtered with a value nobody typed.
import '@mantine/dates/styles.css';
import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import {
  ActionIcon,
  CloseButton,
  Group,
  NumberInput,
  Popover,
  TextInput,
  type NumberInputProps,
  type TextInputProps,
} from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { isCivilDate } from '../../../core/calendar/civil-time';
import { fold } from '../../../core/text/fold';
import { formatCivilDate } from '../format';
import { useCustomValidity, useFieldError } from './guarded-form';

/** Parses d/m/yyyy (also with - or .) into YYYY-MM-DD; null when not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const civil = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`;
  return isCivilDate(civil) ? civil : null;
}

/** Why typed text is not an acceptable date; null when it is (or when it is empty). */
export function dateProblem(
  text: string,
  limits: { readonly minDate?: string | undefined; readonly maxDate?: string | undefined } = {},
): string | null {
  const t = text.trim();
  if (!t) return null;
  const civil = parseVnDate(t);
  if (!civil) {
    return /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(t)
      ? `Ngày ${t} không có trong lịch.`
      : 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026.';
  }
  if (limits.minDate && civil < limits.minDate)
    return `Ngày phải từ ${formatCivilDate(limits.minDate)} trở đi.`;
  if (limits.maxDate && civil > limits.maxDate)
    return `Ngày phải đến ${formatCivilDate(limits.maxDate)} là cùng.`;
  return null;
}

export interface VnDateInputProps extends Omit<
  TextInputProps,
  'value' | 'onChange' | 'defaultValue' | 'rightSection'
> {
  /** A civil date YYYY-MM-DD, or null. */
  readonly value: string | null;
  /** Called with a real date, or null when the field is emptied; never with bad text. */
  readonly onChange: (value: string | null) => void;
  readonly clearable?: boolean;
  readonly minDate?: string;
  readonly maxDate?: string;
}

function CalendarGlyph() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}

export function VnDateInput({
  value,
  onChange,
  clearable,
  minDate,
  maxDate,
  error,
  onBlur,
  ...rest
}: Readonly<VnDateInputProps>) {
  const [text, setText] = useState(() => (value ? formatCivilDate(value) : ''));
  const [touched, setTouched] = useState(false);
  const [opened, setOpened] = useState(false);
  const field = useFieldError(rest.id);
  // A value set from outside (a reset, a picked range) replaces the text; our own does not.
  useEffect(() => {
    setText((current) => {
      const mine = current.trim() ? parseVnDate(current) : null;
      return mine === value ? current : value ? formatCivilDate(value) : '';
    });
  }, [value]);
  const problem = dateProblem(text, { minDate, maxDate });
  const ref = useCustomValidity(problem);
  const show = problem && (touched || text.trim().length >= 10) ? problem : null;

  const type = (next: string) => {
    setText(next);
    if (dateProblem(next, { minDate, maxDate })) {
      // Not a date: the owner holds no date (a filter drops it, a form refuses to submit).
      if (value !== null) onChange(null);
      return;
    }
    const civil = next.trim() ? parseVnDate(next) : null;
    if (civil !== value) onChange(civil);
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && opened) {
      // Only the calendar closes: a dialog around this field stays open with what was typed.
      e.preventDefault();
      e.stopPropagation();
      setOpened(false);
    } else if (e.key === 'ArrowDown' && !opened) {
      setOpened(true);
    }
  };
  const picked = text.trim() ? parseVnDate(text) : null;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      trapFocus={false}
      closeOnEscape={false}
      shadow="md"
    >
      <Popover.Target>
        <TextInput
          placeholder="dd/mm/yyyy"
          inputMode="numeric"
          autoComplete="off"
          {...rest}
          id={field.id}
          ref={ref}
          value={text}
          onChange={(e) => type(e.currentTarget.value)}
          onBlur={(e) => {
            setTouched(true);
            onBlur?.(e);
          }}
          onKeyDown={keyDown}
          onClick={() => setOpened(true)}
          // Mantine's modal leaves an Escape pressed here to us while the calendar is open.
          data-mantine-stop-propagation={opened ? 'true' : undefined}
          error={error ?? show ?? field.error}
          rightSectionWidth={clearable && text ? 56 : 32}
          rightSection={
            <Group gap={0} wrap="nowrap">
              {clearable && text ? (
                <CloseButton
                  size="sm"
                  aria-label="Xóa ngày"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => type('')}
                />
              ) : null}
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label="Chọn ngày trên lịch"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setOpened((o) => !o)}
              >
                <CalendarGlyph />
              </ActionIcon>
            </Group>
          }
        />
      </Popover.Target>
      {/* Clicks in the calendar keep the focus (and Escape) in the text field. */}
      <Popover.Dropdown onMouseDown={(e) => e.preventDefault()}>
        <DatePicker
          value={picked}
          {...((picked ?? value) ? { defaultDate: picked ?? value ?? '' } : {})}
          {...(minDate ? { minDate } : {})}
          {...(maxDate ? { maxDate } : {})}
          onChange={(d) => {
            if (d) {
              setText(formatCivilDate(d));
              setTouched(false);
              if (d !== value) onChange(d);
            }
            setOpened(false);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

/** Why typed text is not an acceptable number; null when it is (or empty and optional). */
export function numberProblem(
  raw: number | string,
  rules: {
    readonly min?: number | undefined;
    readonly max?: number | undefined;
    readonly integer?: boolean | undefined;
  },
): string | null {
  if (raw === '') return null;
  const n = typeof raw === 'number' ? raw : Number(String(raw).replace(',', '.'));
  if (!Number.isFinite(n)) return 'Nhập một con số.';
  if (rules.integer !== false && !Number.isInteger(n)) return 'Nhập số nguyên, không có phần lẻ.';
  if (rules.min !== undefined && n < rules.min)
    return rules.min === 0 ? 'Không được là số âm.' : `Không được nhỏ hơn ${rules.min}.`;
  if (rules.max !== undefined && n > rules.max)
    return `Không được lớn hơn ${rules.max.toLocaleString('vi-VN')}.`;
  return null;
}

export interface VnNumberInputProps extends Omit<
  NumberInputProps,
  'value' | 'onChange' | 'clampBehavior' | 'allowNegative' | 'allowDecimal' | 'defaultValue'
> {
  readonly value: number | null;
  /** Called with an acceptable number, or null when emptied; never with a changed one. */
  readonly onChange: (value: number | null) => void;
  /** Whole numbers only (the default). */
  readonly integer?: boolean;
}

/**
 * A number field that never clamps, rounds or drops a sign: −5 stays −5 with "Không được nhỏ
 * hơn 1." under it, and its form refuses to submit.
 */
export function VnNumberInput({
  value,
  onChange,
  integer = true,
  min,
  max,
  error,
  ...rest
}: Readonly<VnNumberInputProps>) {
  const [raw, setRaw] = useState<number | string>(value ?? '');
  const field = useFieldError(rest.id);
  useEffect(() => {
    setRaw((current) => {
      const mine = current === '' ? null : Number(current);
      return mine === value ? current : (value ?? '');
    });
  }, [value]);
  const problem = numberProblem(raw, { min, max, integer });
  const ref = useCustomValidity(problem);
  return (
    <NumberInput
      {...rest}
      id={field.id}
      ref={ref}
      {...(min === undefined ? {} : { min })}
      {...(max === undefined ? {} : { max })}
      clampBehavior="none"
      allowNegative
      allowDecimal
      value={raw}
      onChange={(typed) => {
        const next = typeof typed === 'bigint' ? Number(typed) : typed;
        setRaw(next);
        if (numberProblem(next, { min, max, integer })) return;
        const n = next === '' ? null : Number(next);
        if (n !== value) onChange(n);
      }}
      error={error ?? problem ?? field.error}
    />
  );
}

function isItem(option: ComboboxParsedItem): option is ComboboxItem {
  return 'value' in option;
}

/** Options whose label contains the search, diacritics optional; a group keeps its matches. */
export const foldFilter: OptionsFilter = ({ options, search, limit }) => {
  const needle = fold(search);
  const out: ComboboxParsedItem[] = [];
  let left = limit;
  for (const option of options) {
    if (left <= 0) break;
    if (isItem(option)) {
      if (fold(option.label).includes(needle)) {
        out.push(option);
        left--;
      }
      continue;
    }
    const items = option.items.filter((i) => fold(i.label).includes(needle)).slice(0, left);
    if (items.length) {
      out.push({ ...option, items });
      left -= items.length;
    }
  }
  return out;
};
