// The yearly report to the province (issue 10 item 5) on the bench office: its figures for the
// last full year computed as generating it does (yearly.preview runs the same reads and core
// computation as yearly.generate and writes nothing, so it can be timed over and over).
import { log, measure, type Caller, type Figure, type Timing } from './figures';
import { summarize } from './stats';

export async function yearlyFigure(thuky: Caller, t: Timing, today: string): Promise<Figure[]> {
  const year = Number(today.slice(0, 4)) - 1;
  log(`Measuring yearly.preview (the yearly report's figures for ${year})...`);
  const figures = await thuky('yearly.preview', { year });
  const desk = (figures['desk'] ?? {}) as { received?: number };
  const samples = await measure({ ...t, iterations: Math.min(t.iterations, 60) }, 2, () =>
    thuky('yearly.preview', { year }),
  );
  return [
    {
      name: `Yearly report generated for a year (yearly.preview, ${year}: ${desk.received ?? 0} dossiers received)`,
      unit: 'ms',
      summary: summarize(samples),
      target: 500,
      targetText: 'p95 ≤ 500 ms',
    },
  ];
}
