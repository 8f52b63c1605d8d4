// The yearly report's template in force: the newest valid 'report_template' feed entry the
// province published (kept by the pull, services/sync/pull.ts), else the default in
// resources/qms/yearly-report.json.
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  REPORT_TEMPLATE_KEY,
  reportTemplate,
  type ReportTemplate,
} from '../../core/qms/yearly-template';
import type { Db, Tx } from '../../db/open';
import { syncFeed } from '../../db/schema';

const defaults = new Map<string, ReportTemplate>();

export function defaultTemplate(resourcesDir: string): ReportTemplate {
  let t = defaults.get(resourcesDir);
  if (!t) {
    const file = path.join(resourcesDir, 'qms', 'yearly-report.json');
    t = reportTemplate.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    defaults.set(resourcesDir, t);
  }
  return t;
}

/** The template to generate with, and its version (0: the default). */
export function templateInForce(
  db: Db | Tx,
  resourcesDir: string,
): { template: ReportTemplate; version: number } {
  const published = db
    .select()
    .from(syncFeed)
    .where(
      and(
        eq(syncFeed.kind, 'report_template'),
        eq(syncFeed.key, REPORT_TEMPLATE_KEY),
        isNull(syncFeed.error),
      ),
    )
    .orderBy(desc(syncFeed.version))
    .all();
  for (const row of published) {
    const parsed = reportTemplate.safeParse(row.body);
    if (parsed.success) return { template: parsed.data, version: row.version };
  }
  return { template: defaultTemplate(resourcesDir), version: 0 };
}
