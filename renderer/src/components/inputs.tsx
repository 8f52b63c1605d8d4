// Inputs shaped for Vietnamese offices: dates typed and shown as dd/mm/yyyy, and a Select
// filter that ignores diacritics ("khai sinh" and "Khai sinh" and "khai sinh" all match).
import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { isCivilDate } from '../../../core/calendar/civil-time';
import { fold } from '../../../core/text/fold';

/** Parses d/m/yyyy (also with - or .) into YYYY-MM-DD; null when not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const civil = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`;
  return isCivilDate(civil) ? civil : null;
}

export function VnDateInput(props: Readonly<DateInputProps>) {
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      locale="vi"
      dateParser={parseVnDate}
      {...props}
    />
  );
}

function isItem(option: ComboboxParsedItem): option is ComboboxItem {
  return 'value' in option;
}

export const foldFilter: OptionsFilter = ({ options, search, limit }) => {
  const needle = fold(search);
  const out: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (out.length >= limit) break;
    if (isItem(option) && fold(option.label).includes(needle)) out.push(option);
  }
  return out;
};
