// The memory of one operation, measured in a fresh process (run by bench/run.ts, section 12):
//   node --expose-gc --import tsx bench/peak.ts <shape> <size>
// The operation runs from the timed build (bench/lib.ts). Builds the input, collects garbage, then runs the operation once while a worker thread samples the
// process's resident set every millisecond and v8.GCProfiler records the heap in use before each garbage
// collection. Prints one JSON line: the peak heap and resident set above their start, and the heap the
// result keeps alive.
import { GCProfiler } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { lib, loadTesting } from './lib.js';
import { hostileIncident, hostileNow } from './fixtures.js';
import { bigPlanFile, hostCalendar, sharedConditionDag, WORKING_DAY_INCIDENT, WORKING_DAY_NOW, workingDayPlan } from './hostile.js';

const { audit, decide, loadPlan } = lib;
const [shape = 'decide-varied', sizeText = '1000'] = process.argv.slice(2);
const size = Number(sizeText);
const gc = (globalThis as unknown as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** The operation of each shape, its input built beforehand (yuqing-playbook/testing imported only for verifyPlan). */
async function prepare(): Promise<() => unknown> {
  const hrss = loadPlan('hrss');
  const dagIncident = { id: 'dag', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } };
  switch (shape) {
    case 'decide-varied':
    case 'decide-flip-flop':
    case 'audit-varied':
    case 'audit-flip-flop': {
      const incident = hostileIncident(size, 'hrss', shape.endsWith('varied') ? 'varied' : 'flip-flop');
      const now = hostileNow(size);
      return shape.startsWith('decide') ? () => decide(hrss, incident, { now }) : () => audit(hrss, incident, { now });
    }
    case 'dag-load': {
      const definition = sharedConditionDag(size);
      return () => loadPlan(definition);
    }
    case 'dag-decide': {
      const plan = loadPlan(sharedConditionDag(size));
      return () => decide(plan, dagIncident, { now: '2026-03-02T10:00:00+08:00' });
    }
    case 'dag-verify': {
      const { verifyPlan } = await loadTesting();
      const plan = loadPlan(sharedConditionDag(size));
      return () => verifyPlan(plan);
    }
    case 'plan-load': {
      const file = bigPlanFile(size);
      return () => loadPlan(file);
    }
    case 'plan-verify': {
      const { verifyPlan } = await loadTesting();
      const plan = loadPlan(bigPlanFile(size));
      return () => verifyPlan(plan);
    }
    case 'working-days': {
      const plan = loadPlan(workingDayPlan(size), { calendar: hostCalendar() });
      return () => decide(plan, WORKING_DAY_INCIDENT, { now: WORKING_DAY_NOW });
    }
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}

const operation = await prepare();
const shared = new Float64Array(new SharedArrayBuffer(16));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const a = new Float64Array(workerData);
   const tick = () => { const r = process.memoryUsage.rss(); if (r > a[0]) a[0] = r; if (a[1] === 0) setTimeout(tick, 1); };
   tick();`,
  { eval: true, workerData: shared.buffer },
);
await new Promise((resolve) => sampler.once('online', resolve));
await new Promise((resolve) => setTimeout(resolve, 20));
gc();
gc();
const before = process.memoryUsage();
shared[0] = before.rss;
const profiler = new GCProfiler();
profiler.start();
const cpu0 = process.cpuUsage();
const result = operation();
const cpu = process.cpuUsage(cpu0);
const usedAtEnd = process.memoryUsage().heapUsed;
const collections = profiler.stop()?.statistics ?? [];
// The heap is at its highest just before a collection, or at the end if none came after the last.
const peakHeap = Math.max(usedAtEnd, ...collections.map((c) => c.beforeGC.heapStatistics.usedHeapSize));
await new Promise((resolve) => setTimeout(resolve, 5)); // one more sample after the operation
const peakRss = Math.max(shared[0] as number, process.memoryUsage.rss());
shared[1] = 1;
gc();
gc();
const after = process.memoryUsage();
await sampler.terminate();
console.log(
  JSON.stringify({
    shape,
    size,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBefore: before.rss,
    peakRssAbove: peakRss - before.rss,
    heapBefore: before.heapUsed,
    peakHeapAbove: peakHeap - before.heapUsed,
    collections: collections.length,
    heapRetained: after.heapUsed - before.heapUsed,
    maxRss: process.resourceUsage().maxRSS * 1024,
    kept: typeof result,
  }),
);
