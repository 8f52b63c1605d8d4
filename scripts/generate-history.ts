// `tsx scripts/generate-history.ts --data-dir DIR [--dossiers 200000] [--years 10] [--seed 1]`
// Creates a demo office in DIR and fills it with years of realistic one-stop-desk history:
// dossiers on working days in office hours (busier in some months), the seeded catalog's
// procedure mix, Vietnamese applicants, codes and tracking-book lines from the office's own
// counters, each dossier's steps, events and audit rows as the desk would have written them
// (test/scripts/generate-history-equivalence.test.ts replays them through the handlers and
// compares). Writes straight to the backend's live connection with prepared statements in
// large transactions, from a seeded PRNG, so a run is reproducible and 200k dossiers take
// seconds. The parts: scripts/history/ (office, life, write, bulk, history). Then the
// ten-year quality-system history through the real operations (scripts/history/quality*.ts),
// ratings on returns (ratings.ts) and the risk register (services/qms/risk-bulk.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseBytes, generateOffice } from './history/history';

export {
  databaseBytes,
  generateHistory,
  generateOffice,
  HISTORY_VERSION,
  type HistoryOptions,
  type HistoryStats,
} from './history/history';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      dossiers: { type: 'string', default: '200000' },
      years: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      'no-audit': { type: 'boolean', default: false },
    },
  });
  if (!values['data-dir']) {
    console.error(
      'Cách dùng: tsx scripts/generate-history.ts --data-dir DIR [--dossiers 200000] [--years 10] [--seed 1] [--no-audit]',
    );
    process.exit(2);
  }
  const dataDir = path.resolve(values['data-dir']);
  const total = Number(values.dossiers);
  const t0 = performance.now();
  console.log(
    `Tạo dữ liệu lịch sử: ${total.toLocaleString('vi-VN')} hồ sơ, ${values.years} năm, seed ${values.seed} → ${dataDir}`,
  );
  const stats = await generateOffice(dataDir, {
    dossiers: total,
    years: Number(values.years),
    seed: Number(values.seed),
    audit: !values['no-audit'],
    onProgress: (done, all) => {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `  ${done.toLocaleString('vi-VN')} / ${all.toLocaleString('vi-VN')} hồ sơ (${s} s)`,
      );
    },
  });
  const mb = databaseBytes(dataDir) / 1024 / 1024;
  console.log(
    `Xong trong ${(stats.ms / 1000).toFixed(1)} s: ${stats.dossiers} hồ sơ, ${stats.steps} bước, ${stats.events} sự kiện, ${stats.auditRows} dòng nhật ký.`,
  );
  console.log(
    `Trạng thái: ${JSON.stringify(stats.byStatus)}; kết quả: ${JSON.stringify(stats.byOutcome)}`,
  );
  if (stats.quality)
    console.log(
      `Hệ thống chất lượng (${(stats.quality.ms / 1000).toFixed(1)} s, ${stats.quality.calls} thao tác): ${JSON.stringify(stats.quality.records)}, ${stats.quality.acknowledgements} xác nhận đã đọc, ${stats.quality.risks ?? 0} rủi ro; ${stats.ratings} đánh giá khi trả kết quả.`,
    );
  console.log(`Dung lượng cơ sở dữ liệu: ${mb.toFixed(1)} MB`);
}

const invokedAs = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedAs === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
