// The first loadPlan of a bundled plan in a fresh process, from the timed build (bench/lib.ts); run by
// bench/run.ts, one process per plan.
import { lib } from './lib.js';

const { loadPlan } = lib;

const id = process.argv[2] ?? 'hrss';
const parameters = id === 'ideology-emergency' ? { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' } : undefined;
const t0 = process.hrtime.bigint();
loadPlan(id, { parameters });
console.log(`cold-load-us=${Number(process.hrtime.bigint() - t0) / 1000}`);
