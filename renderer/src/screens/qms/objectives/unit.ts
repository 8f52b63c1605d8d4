// The unit an objective's indicator is measured in ("%" unless the objective says otherwise).
import type { ObjectiveRow } from '../../../../../core/contract/objectives';

export function objectiveUnit(row: ObjectiveRow): string {
  const unit = row.record.data['unit'];
  return typeof unit === 'string' && unit !== '' ? unit : '%';
}
