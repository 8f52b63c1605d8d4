// What the management review reads of the risk register (core/qms/review-inputs.ts, 9.3.2 e
// and f): live risks by the level of their current score, the risks re-assessed after their
// treatment during the period (score before → after), the opportunities identified in it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Window } from '../../core/qms/indicators';
import type { RiskFacts } from '../../core/qms/review-facts';
import {
  currentScore,
  inherentScore,
  residualScore,
  RISK_OPEN_STATES,
  riskKind,
  type RiskData,
} from '../../core/qms/risk';
import { riskLevel } from '../../core/qms/risk-scale';
import type { Db, Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import { toRecord } from './records';

export function riskFacts(db: Db | Tx, w: Window): RiskFacts {
  const records = db
    .select()
    .from(qmsRecords)
    .where(
      and(eq(qmsRecords.kind, 'risk'), inArray(qmsRecords.state, [...RISK_OPEN_STATES, 'closed'])),
    )
    .orderBy(qmsRecords.code)
    .all()
    .map((r) => ({ ...toRecord(r), data: r.data as RiskData }));
  const live = { low: 0, medium: 0, high: 0 };
  for (const r of records)
    if (r.data.type === 'risk' && RISK_OPEN_STATES.includes(r.state as 'identified'))
      live[riskLevel(currentScore(r.data))]++;
  const inW = (d: string | null | undefined) => !!d && d >= w.from && d <= w.to;
  return {
    live,
    treated: records.flatMap((r) => {
      const residual = residualScore(r.data);
      return r.data.type === 'risk' && residual !== null && inW(r.data.evaluated?.on)
        ? [{ code: r.code, title: r.title, inherent: inherentScore(r.data), residual }]
        : [];
    }),
    opportunities: records
      .filter((r) => r.data.type === 'opportunity' && inW(r.data.identifiedOn))
      .map((r) => ({
        code: r.code,
        title: r.title,
        stateLabel: riskKind.stateLabels[r.state as 'identified'] ?? r.state,
      })),
  };
}
