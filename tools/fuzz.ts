/**
 * `npm run fuzz`: the fuzz suite of test/fuzz at length (seeded; a few minutes on a 2-core machine).
 *
 *   npm run fuzz -- --seed 7 --links 20000 --lessons 10000 --notebooks 5000 --freeze-ms 3000   (the defaults but the seed)
 *
 * Prints, per kind, the cases run and the throws, bound violations, unnamed keys and freezes found,
 * with the first examples; exits 1 unless all are zero.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from '../test/fuzz/suite';
import { total } from '../test/fuzz/report';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    links: { type: 'string', default: '20000' },
    lessons: { type: 'string', default: '10000' },
    notebooks: { type: 'string', default: '5000' },
    'freeze-ms': { type: 'string', default: '3000' },
  },
});
const int = (s: string, name: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(s)}`);
  return n;
};

const seed = int(values.seed, 'seed');
const t0 = performance.now();
const reports = runFuzz({
  seed,
  cases: { links: int(values.links, 'links'), lessons: int(values.lessons, 'lessons'), notebooks: int(values.notebooks, 'notebooks') },
  freezeMs: int(values['freeze-ms'], 'freeze-ms'),
});
console.log(`fuzz, seed ${seed}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log('kind          cases   throws  bounds  unnamed  freezes  slowest');
for (const r of reports) {
  const c = r.counts;
  console.log(
    `${r.name.padEnd(12)} ${String(r.cases).padStart(6)} ${String(c.throw).padStart(8)} ${String(c.bound).padStart(7)} ${String(c.unnamed).padStart(8)} ${String(c.freeze).padStart(8)} ${`${Math.round(r.slowestMs)} ms`.padStart(8)}`,
  );
  for (const e of r.examples) console.log(`  ${e}`);
}
process.exitCode = reports.every((r) => total(r) === 0) ? 0 : 1;
