// Coloured badges for a dossier's status and for early / on-time / late outcomes.
import { Badge } from '@mantine/core';
import {
  OUTCOME_LABELS,
  STATUS_LABELS,
  type DossierStatus,
  type Outcome,
} from '../../../core/desk/types';

// Badges truncate to their cell by default; in tables the label must stay whole.
const NO_SHRINK = { maxWidth: 'none', minWidth: 'max-content' } as const;

const STATUS_COLORS: Readonly<Record<DossierStatus, string>> = {
  processing: 'blue',
  supplement: 'yellow',
  ready: 'teal',
  returned: 'green',
  refused: 'gray',
  stopped: 'gray',
};

const OUTCOME_COLORS: Readonly<Record<Outcome, string>> = {
  early: 'teal',
  on_time: 'green',
  late: 'red',
};

export function StatusBadge({
  status,
  overdue = false,
}: {
  readonly status: DossierStatus;
  readonly overdue?: boolean;
}) {
  return (
    <Badge
      style={NO_SHRINK}
      color={overdue ? 'red' : STATUS_COLORS[status]}
      variant="light"
      data-status={status}
    >
      {overdue ? `${STATUS_LABELS[status]} · quá hạn` : STATUS_LABELS[status]}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { readonly outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <Badge
      style={NO_SHRINK}
      color={OUTCOME_COLORS[outcome]}
      variant="filled"
      data-outcome={outcome}
    >
      {OUTCOME_LABELS[outcome]}
    </Badge>
  );
}
