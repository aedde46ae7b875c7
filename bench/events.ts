// npx tsx bench/events.ts [sizes] — the events scaling of issue 12 on its own: decide() and audit() of the
// hostile shapes (bench/fixtures.ts) on hrss and county-bureau, best of three runs each, CPU time, from the
// timed build (bench/lib.ts: dist/, or BENCH_LIB).
import { lib } from './lib.js';
import { hostileIncident, hostileNow } from './fixtures.js';

const { audit, decide, loadPlan } = lib;
const sizes = (process.argv[2] ?? '12500,25000,50000,100000').split(',').map(Number);
const cpu = (fn: () => unknown): number => {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
};
for (const id of ['hrss', 'county-bureau'] as const) {
  const plan = loadPlan(id);
  for (const shape of ['varied', 'flip-flop'] as const) {
    let previous: number | null = null;
    for (const n of sizes) {
      const incident = hostileIncident(n, id, shape);
      const now = hostileNow(n);
      const d = decide(plan, incident, { now });
      const decideMs = cpu(() => decide(plan, incident, { now }));
      const auditMs = cpu(() => audit(plan, incident, { now }));
      const growth = previous === null ? '' : ` (×${(decideMs / previous).toFixed(1)})`;
      previous = decideMs;
      console.log(`${id.padEnd(13)} ${shape.padEnd(9)} ${String(n).padStart(6)} events: decide ${decideMs.toFixed(0).padStart(5)} ms${growth}, audit ${auditMs.toFixed(0).padStart(5)} ms; ${d.obligations.length} obligations, ${d.warnings.length} warnings`);
    }
  }
}
