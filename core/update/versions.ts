// App versions, compared with semver (the same rules electron-updater applies).
import { parse, rcompare, valid } from 'semver';

/** A valid semver version (1.4.0, 1.4.0-beta.2), normalised; null otherwise. */
export const normalVersion = (v: string): string | null => valid(v.trim());

/** <0, 0, >0 as in Array.sort; an invalid version sorts below every valid one. */
export const compareVersions = (a: string, b: string): number => {
  const x = parse(a.trim());
  const y = parse(b.trim());
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return x.compare(y);
};

export const isNewer = (candidate: string, current: string): boolean =>
  compareVersions(candidate, current) > 0;

/** Newest first. */
export const sortNewestFirst = (versions: readonly string[]): string[] =>
  versions.filter((v) => valid(v.trim())).sort((a, b) => rcompare(a.trim(), b.trim()));
