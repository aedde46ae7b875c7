// The main job: a decision for a sample incident on a bundled plan, printed readably in Chinese.
// Run with `npm run demo`; pass `--json` for the raw decision.
import { decide, loadPlan, renderDecision } from '../src/index.js';

const plan = loadPlan('county-bureau');

const incident = {
  id: 'inc-42',
  title: '网传某窗口办事人员态度恶劣视频',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  flags: { falseReport: true },
  events: [{ type: 'report', at: '2026-03-02T09:20:00+08:00', to: 'leading-group' }],
};

const decision = decide(plan, incident, { now: '2026-03-02T09:40:00+08:00' });
console.log(process.argv.includes('--json') ? JSON.stringify(decision, null, 2) : renderDecision(decision));
