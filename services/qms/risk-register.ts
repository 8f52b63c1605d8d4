// The risk register (risks.list and its Excel): filtered, counted and paged in SQL, with the
// two 5×5 heat maps of the live risks counted by GROUP BY. The register's reads go through
// qms_records_risk_register_idx, a partial index of the risks holding every column and JSON
// field they filter, sort and count on: the count, the heat maps and the page's order read
// that index alone (about 2,000 entries in a ten-year office), and only the page's fifty rows
// are read whole. Its queries must name kind = 'risk' as a literal (a partial index is used
// only when the query's own text implies its WHERE) and the fields in the index's `->>` form.
import { and, count, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { OpParsed } from '../../core/contract';
import type { RiskRow } from '../../core/contract/risks';
import type { QmsRecord } from '../../core/qms';
import {
  inherentScore,
  residualScore,
  RISK_OPEN_STATES,
  RISK_TYPE_LABELS,
  riskKind,
  TREATMENT_LABELS,
  type RiskData,
} from '../../core/qms/risk';
import {
  DEFAULT_RISK_SCALE,
  riskLevel,
  type RiskLevel,
  type RiskScale,
} from '../../core/qms/risk-scale';
import { fold } from '../../core/text/fold';
import { qmsRecords } from '../../db/schema';
import type { Ctx } from '../context';
import { actionCounts, todayOf, toRecord } from './records';
import { userNames } from './views';

type ListInput = OpParsed<'risks.list'>;

const IS_RISK_RECORD = sql`${qmsRecords.kind} = 'risk'`;
/** A field of the risk's JSON data, as SQL (the `->>` form of the index). */
const field = (name: string) => sql.raw(`"qms_records"."data" ->> '$.${name}'`);
const LIKELIHOOD = field('likelihood');
const IMPACT = field('impact');
const RESIDUAL_LIKELIHOOD = field('residualLikelihood');
const RESIDUAL_IMPACT = field('residualImpact');
// The cell a risk sits in now: each axis its residual once re-assessed (as the heat map).
const NOW_LIKELIHOOD = sql`coalesce(${RESIDUAL_LIKELIHOOD}, ${LIKELIHOOD})`;
const NOW_IMPACT = sql`coalesce(${RESIDUAL_IMPACT}, ${IMPACT})`;
// currentScore: the residual score when both residual axes are set, else the inherent one.
const NOW_SCORE = sql`coalesce(${RESIDUAL_LIKELIHOOD} * ${RESIDUAL_IMPACT}, ${LIKELIHOOD} * ${IMPACT})`;
const IS_RISK = sql`${field('type')} = 'risk'`;
const LIVE = inArray(qmsRecords.state, [...RISK_OPEN_STATES]);
const ORDER = [sql`${qmsRecords.createdAt} DESC`, qmsRecords.code];

/** The scores of `level` (riskLevel: from its minimum up to the next level's minimum). */
function levelCondition(level: RiskLevel, scale: RiskScale = DEFAULT_RISK_SCALE): SQL {
  const at = scale.levels.findIndex((l) => l.key === level);
  const next = scale.levels[at + 1];
  const from = at > 0 ? sql`${NOW_SCORE} >= ${scale.levels[at]?.min ?? 1}` : undefined;
  const below = next ? sql`${NOW_SCORE} < ${next.min}` : undefined;
  return and(from, below) ?? sql`1`;
}

/** The register's filters: those the heat maps count (search, state, type, process), and
 * with them those only the rows obey (level, a cell of the current heat map). */
export function registerConditions(today: string, input: ListInput) {
  const conditions: SQL[] = [IS_RISK_RECORD];
  if (input.query) conditions.push(like(qmsRecords.searchText, `%${fold(input.query)}%`));
  if (input.state === 'live' || input.state === 'due') conditions.push(LIVE);
  if (input.state === 'due') conditions.push(sql`${qmsRecords.dueDate} <= ${today}`);
  if (input.state === 'closed') conditions.push(sql`${qmsRecords.state} = 'closed'`);
  if (input.type !== 'all') conditions.push(sql`${field('type')} = ${input.type}`);
  if (input.processName) conditions.push(sql`${field('processName')} = ${input.processName}`);
  const rows = [...conditions];
  if (input.level !== 'all') rows.push(levelCondition(input.level));
  if (input.likelihood !== null && input.impact !== null)
    rows.push(
      IS_RISK,
      sql`${NOW_LIKELIHOOD} = ${input.likelihood}`,
      sql`${NOW_IMPACT} = ${input.impact}`,
    );
  return { heat: and(...conditions), rows: and(...rows) };
}

/** Live risks (not opportunities) among `where`, per cell: before treatment, and now. */
export function heatMaps(ctx: Pick<Ctx, 'db'>, where: SQL | undefined) {
  const emptyHeat = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const heatInherent = emptyHeat();
  const heatCurrent = emptyHeat();
  const add = (heat: number[][], l: number, i: number, n: number) => {
    const row = heat[l - 1];
    if (row && i >= 1 && i <= 5) row[i - 1] = (row[i - 1] ?? 0) + n;
  };
  // LIMIT -1 keeps the inner query from being flattened into the GROUP BY, which would read
  // every row's JSON instead of the index's copies of the fields.
  const cells = ctx.db.all<{ l: number; i: number; nl: number; ni: number; n: number }>(sql`
    SELECT l, i, coalesce(rl, l) AS nl, coalesce(ri, i) AS ni, count(*) AS n
    FROM (
      SELECT ${LIKELIHOOD} AS l, ${IMPACT} AS i, ${RESIDUAL_LIKELIHOOD} AS rl,
        ${RESIDUAL_IMPACT} AS ri
      FROM ${qmsRecords} WHERE ${and(where, LIVE, IS_RISK)} LIMIT -1
    )
    GROUP BY 1, 2, 3, 4`);
  for (const c of cells) {
    add(heatInherent, c.l, c.i, c.n);
    add(heatCurrent, c.nl, c.ni, c.n);
  }
  return { heatInherent, heatCurrent };
}

/** The records of the page (every one for `everyRow`), newest first: the page is ordered and
 * cut on the index, then its rows are read by rowid. */
function pageRecords(ctx: Ctx, where: SQL | undefined, input: ListInput, everyRow: boolean) {
  const rows = everyRow
    ? ctx.db
        .select()
        .from(qmsRecords)
        .where(where)
        .orderBy(...ORDER)
        .all()
    : ctx.db
        .select()
        .from(qmsRecords)
        .where(
          inArray(
            sql`${qmsRecords}.rowid`,
            ctx.db
              .select({ rowid: sql`${qmsRecords}.rowid` })
              .from(qmsRecords)
              .where(where)
              .orderBy(...ORDER)
              .limit(input.pageSize)
              .offset((input.page - 1) * input.pageSize),
          ),
        )
        .orderBy(...ORDER)
        .all();
  return rows.map((r) => toRecord(r) as QmsRecord<RiskData>);
}

/** The register's rows (with their actions counted), how many the filters keep, and the heat
 * maps of the live risks; `everyRow` ignores the page (the Excel export). */
export function riskRegister(ctx: Ctx, input: ListInput, everyRow = false) {
  const today = todayOf(ctx);
  const where = registerConditions(today, input);
  const total = ctx.db.select({ n: count() }).from(qmsRecords).where(where.rows).get()?.n ?? 0;
  const records = pageRecords(ctx, where.rows, input, everyRow);
  const counts = actionCounts(
    ctx.db,
    'risk',
    records.map((r) => r.id),
  );
  const names = userNames(
    ctx.db,
    records.map((r) => r.ownerId),
  );
  const rows: RiskRow[] = records.map((r) => {
    const d = r.data;
    const residual = residualScore(d);
    const liveNow = RISK_OPEN_STATES.includes(r.state as 'identified');
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      type: d.type,
      typeLabel: RISK_TYPE_LABELS[d.type],
      state: r.state,
      stateLabel: riskKind.stateLabels[r.state as 'identified'] ?? r.state,
      processName: d.processName,
      processCode: d.processCode,
      description: d.description,
      cause: d.cause,
      consequence: d.consequence,
      benefit: d.benefit,
      likelihood: d.likelihood,
      impact: d.impact,
      score: inherentScore(d),
      level: riskLevel(inherentScore(d)),
      residualLikelihood: d.residualLikelihood,
      residualImpact: d.residualImpact,
      residualScore: residual,
      residualLevel: residual === null ? null : riskLevel(residual),
      treatmentLabel: d.treatment ? TREATMENT_LABELS[d.treatment] : '',
      identifiedOn: d.identifiedOn,
      reviewOn: d.reviewOn,
      reviewDue: liveNow && d.reviewOn <= today,
      ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
      actionsOpen: counts.get(r.id)?.open ?? 0,
      actionsTotal: counts.get(r.id)?.total ?? 0,
    };
  });
  return { rows, total, scale: DEFAULT_RISK_SCALE, ...heatMaps(ctx, where.heat) };
}
