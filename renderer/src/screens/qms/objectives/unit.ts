// The unit an objective's indicator is measured in ("%" unless the objective says otherwise),
// and a value written with it the Vietnamese way ("33,3 %").
import type { ObjectiveRow } from '../../../../../core/contract/objectives';

export function objectiveUnit(row: ObjectiveRow): string {
  const unit = row.record.data['unit'];
  return typeof unit === 'string' && unit !== '' ? unit : '%';
}

export function withUnit(value: number, unit: string): string {
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 2 })} ${unit}`;
}

/**
 * The value axis of an objective's chart. A percentage runs to 100 from a round ten below the
 * lowest of the measurements and the target, so 92 % against 98 % is not drawn as a flat line
 * at the top of a 0–100 axis; any other unit lets the chart choose.
 */
export function valueAxis(
  unit: string,
  values: readonly number[],
  target: number,
): readonly [number, number | 'auto'] {
  if (unit !== '%') return [0, 'auto'];
  const low = Math.min(target, ...values);
  return [Math.max(0, Math.floor((low - 5) / 10) * 10), 100];
}
