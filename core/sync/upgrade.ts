// Upgrades ops written in an older row format to the current one, step by step, so an office
// that has not updated yet keeps syncing. Each step is pure and never drops a field.
//
// Schema 1 (the first desktop releases) sent rows keyed by SQLite column names in snake_case
// (`applicant_name`, `received_at`); schema 2 sends the drizzle field names in camelCase
// (`applicantName`, `receivedAt`), as the entity registry expects.
import type { Op } from './protocol';
import { MIN_CLIENT_SCHEMA, SCHEMA_VERSION } from './protocol';

const camel = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const v1ToV2 = (o: Readonly<Op>): Op => {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o.row)) {
    const name = camel(key);
    // A row that already carries the new name keeps it: it was written by newer code.
    if (name !== key && Object.prototype.hasOwnProperty.call(o.row, name)) continue;
    row[name] = value;
  }
  return { ...o, row, schemaVersion: 2 };
};

/** UPGRADES[v] turns a version-v op into a version-(v+1) op. */
const UPGRADES: Readonly<Record<number, (o: Readonly<Op>) => Op>> = { 1: v1ToV2 };

export type UpgradeResult =
  { readonly ok: true; readonly op: Op } | { readonly ok: false; readonly tooOld: boolean };

export const upgradeOp = (o: Readonly<Op>): UpgradeResult => {
  if (o.schemaVersion < MIN_CLIENT_SCHEMA) return { ok: false, tooOld: true };
  if (o.schemaVersion > SCHEMA_VERSION) return { ok: false, tooOld: false };
  let current: Op = { ...o };
  while (current.schemaVersion < SCHEMA_VERSION) {
    const step = UPGRADES[current.schemaVersion];
    if (!step) return { ok: false, tooOld: true };
    current = step(current);
  }
  return { ok: true, op: current };
};
