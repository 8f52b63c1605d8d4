// Operations of risks and opportunities (core/qms/risk.ts): identify one for a process, the
// processes to choose from, the register with its 5×5 heat map, the register in Excel. Its
// moves (treat, accept, evaluate, review, assign, close, cancel) go through qms.transition;
// its treatment actions through actions.create like every follow-up.
import { z } from 'zod';
import { PROCESS_TYPES, RISK_TYPES, riskFields } from '../qms/risk';
import { RISK_LEVELS, riskScaleSchema, scalePoint } from '../qms/risk-scale';
import { op } from './define';
import { id } from './schemas';

export const riskRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  type: z.enum(RISK_TYPES),
  typeLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  processName: z.string(),
  processCode: z.string(),
  description: z.string(),
  cause: z.string(),
  consequence: z.string(),
  benefit: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  residualLikelihood: z.number().nullable(),
  residualImpact: z.number().nullable(),
  residualScore: z.number().nullable(),
  residualLevel: z.enum(RISK_LEVELS).nullable(),
  treatmentLabel: z.string(),
  identifiedOn: z.string(),
  reviewOn: z.string(),
  reviewDue: z.boolean(),
  ownerName: z.string().nullable(),
  actionsOpen: z.number(),
  actionsTotal: z.number(),
});
export type RiskRow = z.infer<typeof riskRow>;

export const riskListInput = z
  .object({
    query: z.string().trim().max(200).default(''),
    type: z.enum(['all', ...RISK_TYPES]).default('all'),
    /** live = identified, treating or monitored. */
    state: z.enum(['live', 'due', 'closed', 'all']).default('live'),
    level: z.enum(['all', ...RISK_LEVELS]).default('all'),
    /** Only the risks of one cell of the heat map (current score). */
    likelihood: scalePoint('Khả năng xảy ra').nullable().default(null),
    impact: scalePoint('Mức độ ảnh hưởng').nullable().default(null),
    processName: z.string().trim().max(300).default(''),
    /** The register's page (1-based) and its size; the Excel export takes every row. */
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

/** Live risks (not opportunities) per cell: heat[likelihood - 1][impact - 1]. */
const heat = z.array(z.array(z.number()));

export const riskOps = {
  'risks.processes': op({
    input: z.object({}).strict(),
    output: z.array(z.object({ type: z.enum(PROCESS_TYPES), code: z.string(), name: z.string() })),
    access: 'user',
  }),
  'risks.create': op({
    input: riskFields
      .pick({
        type: true,
        processType: true,
        processCode: true,
        description: true,
        cause: true,
        consequence: true,
        benefit: true,
        likelihood: true,
        impact: true,
        identifiedOn: true,
        reviewOn: true,
      })
      .extend({
        /** An internal process's name (a procedure's comes from the catalog). */
        processName: z.string().trim().max(300).default(''),
        title: z.string().trim().min(1, 'Phải nhập tên rủi ro, cơ hội').max(300),
        /** Who follows it; the creator when absent. */
        ownerId: id.nullable().default(null),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string() }),
    access: 'user',
  }),
  'risks.list': op({
    input: riskListInput,
    output: z.object({
      /** The page asked for; total counts every row the filters keep. */
      rows: z.array(riskRow),
      total: z.number(),
      scale: riskScaleSchema,
      /** Live risks by their score before treatment, and now (residual once re-assessed). */
      heatInherent: heat,
      heatCurrent: heat,
    }),
    access: 'user',
  }),
  'risks.exportExcel': op({
    input: riskListInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};
