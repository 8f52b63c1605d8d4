// GET /v1/admin/qms: every office's quality system for one year, the province-wide line and
// each office's ranking score (core/qms/office-status.ts, office-score.ts). The Excel export
// (GET /v1/admin/qms/export) holds the same table.
import { z } from 'zod';

const measure = z.object({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
});
const counts = { total: z.number(), met: z.number(), missed: z.number() };

/** The figures an office's line and the province-wide line both have. */
const figures = {
  objectives: z.object(counts),
  nonconformities: z.object({ open: z.number(), overdue: z.number() }),
  highRisks: z.number(),
  satisfaction: measure,
  qd766: measure,
};

export const officeQmsStatusView = z.object({
  year: z.number(),
  ...figures,
  audits: z.object({ heldThisYear: z.number(), lastOn: z.string().nullable() }),
  reviews: z.object({ heldThisYear: z.number(), lastOn: z.string().nullable() }),
  announcement: z.object({
    inForce: z.boolean(),
    decisionNo: z.string().nullable(),
    signedOn: z.string().nullable(),
    procedures: z.number(),
    notApplicable: z.number(),
    due: z.boolean(),
  }),
  documents: z.object({ active: z.number(), reviewsOverdue: z.number() }),
  yearlyReport: z.object({
    year: z.number(),
    state: z.string().nullable(),
    received: z.boolean(),
    sentOn: z.string().nullable(),
  }),
});

export const officeQmsRow = z.object({
  id: z.string(),
  agencyCode: z.string(),
  name: z.string(),
  lastSyncAt: z.number().nullable(),
  status: officeQmsStatusView,
  score: z.object({ total: z.number(), parts: z.record(z.string(), z.number()) }),
  /** 1 = best; offices with the same score share a rank. */
  rank: z.number(),
});
export type OfficeQmsRow = z.infer<typeof officeQmsRow>;

export const provinceQmsTotalsView = z.object({
  offices: z.number(),
  ...figures,
  audited: z.number(),
  reviewed: z.number(),
  announced: z.number(),
  announcementDue: z.number(),
  reviewsOverdue: z.number(),
  yearlyReports: z.number(),
});

export const qmsOverviewResponse = z.object({
  year: z.number(),
  /** The civil day the figures are for (overdue counts are as of it). */
  asOf: z.string(),
  offices: z.array(officeQmsRow),
  province: provinceQmsTotalsView,
  /** Offices whose figures were computed again for this answer (they had new data). */
  recomputed: z.number(),
});
export type QmsOverview = z.infer<typeof qmsOverviewResponse>;
