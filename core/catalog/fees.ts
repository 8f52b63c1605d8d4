// Fee arithmetic for one dossier from the catalog's fee rules. Pure: the desk supplies page and
// copy counts and ticks the conditional lines; the amounts come from the (province) catalog.
import type { FeeRule, ProcedureVersion } from './schema';

export interface FeeInput {
  /** Pages of the original document (chứng thực bản sao: the fee counts the original's pages). */
  readonly pages?: number;
  /** Copies, cases or contracts, depending on the rule's unit. Defaults to 1. */
  readonly copies?: number;
  /** Ids of conditional fee lines that apply to this dossier (e.g. late registration). */
  readonly conditions?: readonly string[];
}

export interface FeeLine {
  readonly id: string;
  readonly name: string;
  /** null when the province has not entered its rate yet. */
  readonly amountVnd: number | null;
}

export interface FeeQuote {
  readonly lines: readonly FeeLine[];
  /** null when any applicable line has no rate yet: the desk must not print a made-up total. */
  readonly totalVnd: number | null;
}

function wholeCount(value: number | undefined, fallback: number, label: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${label} phải là số nguyên không âm`);
  }
  return n;
}

/** Fee for one copy of a document of `pages` pages under a per-page tiered rule, capped. */
export function perPageFee(
  rule: Readonly<Extract<FeeRule, { kind: 'per_page' }>>,
  pages: number,
): number {
  const n = wholeCount(pages, 0, 'Số trang');
  let total = 0;
  for (let page = 1; page <= n; page += 1) {
    // The applicable tier is the last one starting at or before this page.
    let rate = 0;
    for (const tier of rule.tiers) {
      if (tier.fromPage <= page) rate = tier.amountVnd;
    }
    total += rate;
  }
  return rule.maxPerCopyVnd === null ? total : Math.min(total, rule.maxPerCopyVnd);
}

function lineAmount(rule: Readonly<FeeRule>, input: Readonly<FeeInput>): number | null {
  const copies = wholeCount(input.copies, 1, 'Số bản');
  switch (rule.kind) {
    case 'flat':
      return rule.amountVnd;
    case 'per_unit':
      return rule.amountVnd === null ? null : rule.amountVnd * copies;
    case 'per_page': {
      if (input.pages === undefined) {
        throw new RangeError(`Cần nhập số trang để tính ${rule.name.toLowerCase()}`);
      }
      return perPageFee(rule, input.pages) * copies;
    }
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

/** Fee lines and total for a dossier under `version`. */
export function computeFee(
  version: Readonly<Pick<ProcedureVersion, 'fees'>>,
  input: Readonly<FeeInput> = {},
): FeeQuote {
  const ticked = new Set(input.conditions ?? []);
  const lines: FeeLine[] = version.fees
    .filter((rule) => rule.condition === undefined || ticked.has(rule.id))
    .map((rule) => ({ id: rule.id, name: rule.name, amountVnd: lineAmount(rule, input) }));
  const totalVnd = lines.some((l) => l.amountVnd === null)
    ? null
    : lines.reduce((sum, l) => sum + (l.amountVnd ?? 0), 0);
  return { lines, totalVnd };
}
