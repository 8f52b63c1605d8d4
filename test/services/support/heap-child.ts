// Child process for heap.test.ts: reports V8's young generation before and after a burst of
// short-lived allocation (pages of parsed JSON, as a big pull makes), with or without the
// backend's hold on its size (argv[2] === 'hold').
import v8 from 'node:v8';
import { holdYoungGeneration } from '../../../services/heap';

const newSpace = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;

if (process.argv[2] === 'hold') holdYoungGeneration();
const before = newSpace();
let kept: unknown[] = [];
for (let round = 0; round < 300; round++) {
  const page = Array.from({ length: 2000 }, (_, i) => ({
    code: `1.${String(i).padStart(6, '0')}`,
    name: `Thủ tục ${round}-${i}`,
    steps: [i, i + 1, { note: 'x'.repeat(40) }],
  }));
  // A few pages stay alive across collections, as the page being applied does.
  kept.push(JSON.parse(JSON.stringify(page)));
  if (kept.length > 3) kept = kept.slice(1);
}
process.stdout.write(JSON.stringify({ before, after: newSpace(), kept: kept.length }));
