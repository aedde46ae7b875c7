import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    const plans = readdirSync(join(root, 'src', 'plans', 'entries')).filter((name) => name !== 'file.ts').map((name) => `./plans/${name.slice(0, -3)}`);
    expect(plans.length).toBe(8);
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './testing', './core', ...plans, './plan.schema.json', './package.json'].sort());
    for (const entry of ['.', './testing', './core', ...plans]) {
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

  // docs/browser.md: the library without the bundled plans, and one plan imported on its own.
  const core = `
const plan = core.loadPlan(hrss.default);
const d = core.decide(plan, { id: 'p', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } }, { now: '2026-03-02T09:10:00+08:00' });
let code = null; try { core.loadPlan('hrss'); } catch (e) { code = e instanceof core.PlanError && e.issues[0].code; }
console.log(JSON.stringify({ level: d.level.id, same: JSON.stringify(plan.definition) === JSON.stringify(api.loadPlan('hrss').definition), plans: core.listPlans().length, code, id: hrss.id }));
`;
  const coreResult = { level: 'II', same: true, plans: 0, code: 'unknown_plan', id: 'hrss' };

  it('serves yuqing-playbook/core and yuqing-playbook/plans/<id> from ESM and from CommonJS', () => {
    const esm = run(['--input-type=module', '-e', `import * as api from 'yuqing-playbook'; import * as core from 'yuqing-playbook/core'; import * as hrss from 'yuqing-playbook/plans/hrss'; ${core}`]);
    expect(JSON.parse(esm)).toEqual(coreResult);
    const cjs = run(['-e', `const api = require('yuqing-playbook'); const core = require('yuqing-playbook/core'); const hrss = require('yuqing-playbook/plans/hrss'); ${core}`]);
    expect(JSON.parse(cjs)).toEqual(coreResult);
  });
});

// zod is bundled into the build (issue 15: a fast start): a host's own zod must still take our schemas.
const withHostZod = `
const incident = { id: 'p', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
const Request = z.object({ incident: api.IncidentSchema, events: z.array(api.EventSchema).optional() });
const parsed = Request.parse({ incident, events: [{ type: 'report', at: '2026-03-02T09:30:00+08:00' }] });
const refused = Request.safeParse({ incident: { ...incident, occurredAt: 'x' } });
const tagged = api.IncidentSchema.extend({ tag: z.string() }).parse({ ...incident, tag: 't' });
const json = z.toJSONSchema(api.IncidentSchema, { io: 'input' });
console.log(JSON.stringify({
  instances: [api.IncidentSchema, api.EventSchema, api.PlanDefinitionSchema, api.DecisionSchema, api.ObligationSchema, api.AuditSchema, api.CalendarDataSchema].every((s) => s instanceof z.ZodType),
  exercise: parsed.incident.exercise,
  refused: refused.success ? null : [refused.error.issues[0].path, refused.error.issues[0].message],
  tag: tagged.tag,
  required: json.required,
  shape: Object.keys(api.IncidentSchema.shape).length,
}));
`;

describe('the built package with a host’s own zod', () => {
  const expected = {
    instances: true,
    exercise: false,
    refused: [['incident', 'occurredAt'], 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00'],
    tag: 't',
    required: ['id', 'occurredAt', 'discoveredAt'],
    shape: 9,
  };

  it('composes our schemas inside the host’s z.object, from ESM and from CommonJS', () => {
    const esm = run(['--input-type=module', '-e', `import * as api from 'yuqing-playbook'; import { z } from 'zod'; ${withHostZod}`]);
    expect(JSON.parse(esm)).toEqual(expected);
    const cjs = run(['-e', `const api = require('yuqing-playbook'); const { z } = require('zod'); ${withHostZod}`]);
    expect(JSON.parse(cjs)).toEqual(expected);
  });

  it('holds its own copy of zod with the English locale only, and no import of zod at run time', () => {
    for (const file of ['index.js', 'index.cjs', 'testing.js', 'testing.cjs', 'cli.js']) {
      const text = readFileSync(join(root, 'dist', file), 'utf8');
      expect(text, file).not.toMatch(/from ["']zod["']|require\(["']zod["']\)/);
    }
    const bundled = ['index.cjs', 'cli.js'].map((file) => readFileSync(join(root, 'dist', file), 'utf8'));
    for (const text of bundled) {
      expect(text).toContain('// node_modules/zod/v4/classic/schemas.js');
      expect(text.match(/^\/\/ node_modules\/zod\/v4\/locales\/[\w-]+\.js$/gm)).toEqual(['// node_modules/zod/v4/locales/en.js']);
    }
    // Node reads a file of ASCII text as one-byte text, faster than UTF-8 with other characters.
    for (const file of ['index.js', 'index.cjs', 'testing.js', 'testing.cjs', 'core.js', 'core.cjs', 'cli.js']) {
      expect([...readFileSync(join(root, 'dist', file), 'utf8')].some((c) => c.charCodeAt(0) > 0x7f), file).toBe(false);
    }
    // The declaration files keep importing zod's types: it stays a dependency.
    expect(readFileSync(join(root, 'dist', 'index.d.ts'), 'utf8')).toMatch(/from 'zod'/);
    expect(pkg.dependencies.zod).toBeDefined();
  });
});

describe('the built program with its dependencies bundled', () => {
  it('reads YAML (yaml), checks against json-rules-engine and parses options (commander), with no import of them at run time', () => {
    const text = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');
    expect(text).not.toMatch(/from ["'](commander|yaml|json-rules-engine)["']/);
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-cli-'));
    // JSON is YAML: the file is read by the yaml package.
    try {
      writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(root, 'rules', 'county-bureau.json'), 'utf8'));
      expect(run(['dist/cli.js', 'check', join(dir, 'plan.yaml')])).toMatch(/预案有效/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(run(['dist/cli.js', 'verify', 'hrss'])).toMatch(/引擎核对（json-rules-engine）：\d+ 条条件的 \d+ 个取值组合，编译条件与引擎一致/);
    expect(run(['dist/cli.js', '--version']).trim()).toBe(pkg.version);
  });
});
