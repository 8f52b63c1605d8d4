// Picks the procedure version a dossier is handled under: the one in force on the day it was
// received (a dossier keeps that version even after the law changes).
import type { Procedure, ProcedureVersion } from './schema';

/** The latest version whose effectiveFrom is on or before `date` ('YYYY-MM-DD', Vietnam time). */
export function versionOn(
  procedure: Readonly<Procedure>,
  date: string,
): ProcedureVersion | undefined {
  let found: ProcedureVersion | undefined;
  // ISO dates compare correctly as strings; versions are validated to be in ascending order.
  for (const v of procedure.versions) {
    if (v.effectiveFrom <= date) found = v;
  }
  return found;
}

/** The newest version, for showing the catalog as it stands. */
export function latestVersion(procedure: Readonly<Procedure>): ProcedureVersion | undefined {
  return procedure.versions[procedure.versions.length - 1];
}
