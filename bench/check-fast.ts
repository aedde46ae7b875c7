// Checks bench/hrss-fast.ts against decide() on bench/cases.ts and prints the first differences:
//   npx tsx bench/check-fast.ts [count]
import { decide, loadPlan } from '../src/index.js';
import { fastCases, invalidCases } from './cases.js';
import { decideHrssFast } from './hrss-fast.js';
import { TYPICAL, hrssCases } from './fixtures.js';

const plan = loadPlan('hrss');
const cases = [TYPICAL, ...hrssCases(), ...fastCases(Number(process.argv[2] ?? 4000))];
let bad = 0;
const shown = Number(process.env.SHOW ?? 3);
for (const c of cases) {
  const a = JSON.stringify(decide(plan, c.incident, { now: c.now }));
  let b: string;
  try { b = JSON.stringify(decideHrssFast(c.incident, c.now)); } catch (e) { b = String(e); }
  if (a !== b) {
    if (bad++ < shown) {
      console.log('DIFF', JSON.stringify(c));
      const A = JSON.parse(a); let B: any; try { B = JSON.parse(b); } catch { console.log(b); continue; }
      for (const k of Object.keys(A)) if (JSON.stringify(A[k]) !== JSON.stringify(B[k])) console.log(' key', k, '\n  decide', JSON.stringify(A[k]).slice(0, 1500), '\n  fast  ', JSON.stringify(B[k]).slice(0, 1500));
    }
  }
}
let rejected = 0;
const invalid = invalidCases(cases);
for (const c of invalid) {
  let d = false, f = false;
  try { decide(plan, c.incident, { now: c.now }); } catch { d = true; }
  try { decideHrssFast(c.incident, c.now); } catch { f = true; }
  if (d && f) rejected++;
  else console.log('INVALID not rejected by both', d, f, JSON.stringify(c));
}
console.log(`${cases.length - bad}/${cases.length} equal; ${rejected}/${invalid.length} invalid rejected by both`);
