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
