// The internal audit's documents on screen: print preview (PDF through the print dialog) and
// the Word file, for an audit's plan or report or a year's programme.
import { api } from '../../../api/client';
import { DocOutputs } from '../../../components/doc-outputs';

export function AuditOutputs({
  which,
  id = null,
  year = null,
  label,
}: {
  readonly which: 'plan' | 'report' | 'programme';
  readonly id?: string | null;
  readonly year?: number | null;
  /** What the print button says ('In kế hoạch'). */
  readonly label: string;
}) {
  return (
    <DocOutputs
      label={label}
      print={() => api.audits.print({ which, id, year })}
      word={() => api.audits.exportDocx({ which, id, year })}
    />
  );
}
