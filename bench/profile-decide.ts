// A loop of decide(hrss) for the CPU profiler:
//   node --cpu-prof --cpu-prof-dir=/tmp/yuqing-prof --import tsx bench/profile-decide.ts [iterations]
//   npx tsx bench/profile-summary.ts /tmp/yuqing-prof/<file>.cpuprofile
// Add --no-turbo-inlining to charge inlined callees to themselves rather than to decide(). It profiles the
// timed build (bench/lib.ts: dist/, or BENCH_LIB), whose frames carry the bundle's line numbers.
import { lib } from './lib.js';
import { hrssCases, TYPICAL } from './fixtures.js';

const { decide, loadPlan } = lib;
const iterations = Number(process.argv[2] ?? 5000);
const plan = loadPlan('hrss');
const cases = [TYPICAL, ...hrssCases()];
let sink: unknown;
for (let i = 0; i < 500; i++) sink = decide(plan, cases[i % cases.length]!.incident, { now: cases[i % cases.length]!.now });
const t0 = performance.now();
for (let i = 0; i < iterations; i++) sink = decide(plan, cases[i % cases.length]!.incident, { now: cases[i % cases.length]!.now });
const us = ((performance.now() - t0) / iterations) * 1000;
console.log(`${iterations} decisions, ${us.toFixed(1)} µs each (wall)${sink ? '' : ''}`);
