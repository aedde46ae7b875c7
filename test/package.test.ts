import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks the built package (`npm run build`, which `npm test` runs first) through its own exports map.
const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (args: string[]): string => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

const probe = `
const plan = api.loadPlan('county-bureau');
const d = api.decide(plan, { id: 'p', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } }, { now: '2026-03-02T09:10:00+08:00' });
let error = null; try { api.decide(plan, {}, { now: 'x' }); } catch (e) { error = e instanceof api.IncidentError && e.name; }
console.log(JSON.stringify({ level: d.level.id, plans: api.listPlans().length, error, testing: typeof testing.runScenario }));
`;

describe('the built package', () => {
  it('has an exports map with types first, sideEffects false, and every target built', () => {
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './plan.schema.json', './package.json']);
    for (const entry of ['.', './testing']) {
      for (const condition of ['import', 'require']) {
        const target = pkg.exports[entry][condition];
        expect(Object.keys(target)[0]).toBe('types');
        expect(existsSync(join(root, target.types)), target.types).toBe(true);
        expect(existsSync(join(root, target.default)), target.default).toBe(true);
      }
    }
    expect(existsSync(join(root, pkg.exports['./plan.schema.json']))).toBe(true);
  });

  it('works from ESM', () => {
    const out = run(['--input-type=module', '-e', `import * as api from 'yuqing-playbook'; import * as testing from 'yuqing-playbook/testing'; ${probe}`]);
    expect(JSON.parse(out)).toEqual({ level: 'II', plans: expect.any(Number), error: 'IncidentError', testing: 'function' });
  });

  it('works from CommonJS', () => {
    const out = run(['-e', `const api = require('yuqing-playbook'); const testing = require('yuqing-playbook/testing'); ${probe}`]);
    expect(JSON.parse(out)).toEqual({ level: 'II', plans: expect.any(Number), error: 'IncidentError', testing: 'function' });
  });
});
