// The internal audit's checklist by ISO 9001:2015 clause (resources/qms/iso9001-checklist.json:
// every clause 4.1–10.3 with its TCVN ISO 9001:2015 title and practical questions for a commune
// office), built per audit from the clauses in scope minus those the office declared not
// applicable (8.3 for a commune). Pure: the services read the file and call these.
import { z } from 'zod';

/** The feed key of the internal audit checklist the province publishes ('audit_checklist'). */
export const AUDIT_CHECKLIST_KEY = 'tcvn-iso-9001-2015';

export const CLAUSE_PATTERN = /^(4|5|6|7|8|9|10)\.[1-9]$/;

export const clauseFile = z.object({
  standard: z.string(),
  sections: z.array(z.object({ no: z.string(), title: z.string() })).min(7),
  notApplicableDefault: z.array(z.object({ clause: z.string(), reason: z.string() })),
  clauses: z
    .array(
      z.object({
        clause: z.string().regex(CLAUSE_PATTERN),
        title: z.string().min(1),
        questions: z.array(z.string().trim().min(1).max(1000)).min(1).max(30),
      }),
    )
    .min(1)
    .max(200)
    .refine((cs) => new Set(cs.map((c) => c.clause)).size === cs.length, {
      message: 'Một điều khoản xuất hiện hai lần trong danh mục',
    }),
  /** What the province says about this version. */
  note: z.string().max(2000).default(''),
});
export type ClauseFile = z.infer<typeof clauseFile>;

export const CHECK_RESULTS = ['conform', 'nc', 'observation', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const CHECK_RESULT_LABELS: Readonly<Record<CheckResult, string>> = {
  conform: 'Phù hợp',
  nc: 'Không phù hợp',
  observation: 'Cần lưu ý',
  na: 'Không áp dụng',
};

export const checklistItem = z.object({
  id: z.string().min(1).max(80),
  clause: z.string().regex(CLAUSE_PATTERN, 'Điều khoản không hợp lệ (VD: 7.5)'),
  question: z.string().trim().min(1, 'Phải nhập câu hỏi').max(1000),
  result: z.enum(CHECK_RESULTS).nullable().default(null),
  /** What the auditor saw (evidence, where, who was asked). */
  note: z.string().max(2000).default(''),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

/** Clause '7.5' sorts before '10.1' (numerically by section, then sub-clause). */
export function compareClauses(a: string, b: string): number {
  const [as, ad] = a.split('.').map(Number) as [number, number];
  const [bs, bd] = b.split('.').map(Number) as [number, number];
  return as - bs || ad - bd;
}

export function clauseTitle(file: Readonly<ClauseFile>, clause: string): string {
  return file.clauses.find((c) => c.clause === clause)?.title ?? '';
}

/**
 * The checklist of one audit: every question of the clauses in `scope` (all clauses when
 * empty), without the clauses declared not applicable. Ids are stable ('7.5#2') so a seeded
 * question is recognised after an edit.
 */
export function buildChecklist(
  file: Readonly<ClauseFile>,
  scope: readonly string[],
  notApplicable: readonly string[],
): ChecklistItem[] {
  const wanted = new Set(scope);
  const skipped = new Set(notApplicable);
  return file.clauses
    .filter((c) => (wanted.size === 0 || wanted.has(c.clause)) && !skipped.has(c.clause))
    .sort((a, b) => compareClauses(a.clause, b.clause))
    .flatMap((c) =>
      c.questions.map((question, i) => ({
        id: `${c.clause}#${i + 1}`,
        clause: c.clause,
        question,
        result: null,
        note: '',
      })),
    );
}

/** How far the checklist is filled in, and what it found. */
export function checklistProgress(items: readonly ChecklistItem[]) {
  const count = (r: CheckResult) => items.filter((i) => i.result === r).length;
  return {
    total: items.length,
    answered: items.filter((i) => i.result !== null).length,
    conform: count('conform'),
    nc: count('nc'),
    observation: count('observation'),
    na: count('na'),
  };
}
