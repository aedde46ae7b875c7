import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../src/core.js';
import * as api from '../src/index.js';
import { BUNDLED_LAYERS, BUNDLED_PLANS } from '../src/plans/bundled.js';
import { bundleCases, bundleFor, bundleTable, measureBundles, planEntries, type BundleSize } from '../scripts/bundle-sizes.js';

// docs/browser.md: '.' and './testing' bundle for browsers with no Node-only import; 'yuqing-playbook/core'
// carries no bundled plan, and each plan comes on its own from 'yuqing-playbook/plans/<id>'.
// The bundles are made from dist/ (`npm run build`, which `npm test` runs first).
const root = join(import.meta.dirname, '..');
const entriesDir = join(root, 'src', 'plans', 'entries');
const ENTRY_IDS = readdirSync(entriesDir).filter((name) => name !== 'file.ts').map((name) => name.slice(0, -3)).sort();
const PARAMETERS = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 2, officeDepartment: '办公室' };
const needs = (id: string) => (id === 'ideology-emergency' ? { parameters: PARAMETERS } : {});
const entry = async (id: string) => (await import(`../src/plans/entries/${id}.ts`)) as { default: object; id: string };

describe('the browser bundle', () => {
  it('a Node-only import fails the check (the check bites)', async () => {
    await expect(bundleFor(root, "import { types } from 'node:util'; export const t = types;")).rejects.toThrow(/node:util/);
    await expect(bundleFor(root, "import { readFileSync } from 'fs'; export const r = readFileSync;")).rejects.toThrow(/fs/);
  });

  it.each([
    ['.', "export * from './dist/index.js';"],
    ['./testing', "export * from './dist/testing.js';"],
    ['./core', "export * from './dist/core.js';"],
  ])('%s bundles for browsers with no Node-only import', async (name, code) => {
    const { text, metafile } = await bundleFor(root, code);
    expect(Object.keys(metafile.inputs).filter((input) => input.startsWith('node:') || !/^(dist|node_modules|<stdin>|page\.js)/.test(input))).toEqual([]);
    expect(text).not.toMatch(/\brequire\(["'](node:)?(fs|path|util|os|events|child_process|url|module|crypto|zlib|stream)["']\)/);
    // Hosts that disable code generation (CSP without 'unsafe-eval') run it: no eval, no new Function.
    const generated = [...text.matchAll(/\beval\(|new Function\(/g)].map((m) => text.slice(Math.max(0, m.index - 200), m.index + 40));
    if (name !== './testing') expect(generated).toEqual([]);
    // './testing' bundles json-rules-engine, whose dependencies hold two that never run here: eventemitter2's
    // search for the global object when loaded as a plain script, and jsonpath-plus's evaluator of script
    // paths (`?(…)`), which no condition of a plan uses (docs/browser.md).
    else {
      expect(generated.length).toBe(2);
      expect(generated[0]).toMatch(/EventEmitter2|define\.amd/);
      expect(generated[1]).toMatch(/var arguments = undefined/);
    }
  });

  it("'yuqing-playbook/core' carries no bundled plan; with one plan module, only that plan", async () => {
    const plans = Object.keys(BUNDLED_PLANS);
    // A plan's file in the bundle, as JSON text (escaped or not): its "id" field.
    const carries = (text: string, id: string): boolean => new RegExp(`\\\\?"id\\\\?":\\\\?"${id}\\\\?"`).test(text);
    const alone = await bundleFor(root, "export * from './dist/core.js';");
    for (const id of plans) expect(carries(alone.text, id), id).toBe(false);
    const one = await bundleFor(root, "export { decide, loadPlan } from './dist/core.js'; export { default as hrss } from './dist/plans/hrss.js';");
    expect(carries(one.text, 'hrss')).toBe(true);
    for (const id of plans.filter((p) => p !== 'hrss')) expect(carries(one.text, id), id).toBe(false);
    // '.' carries them all.
    const whole = await bundleFor(root, "export { decide, loadPlan } from './dist/index.js';");
    for (const id of plans) expect(carries(whole.text, id), id).toBe(true);
  });

  it('every bundled plan and layer has its entry', () => {
    expect(ENTRY_IDS).toEqual([...Object.keys(BUNDLED_PLANS), ...Object.keys(BUNDLED_LAYERS)].sort());
    expect(planEntries(root)).toEqual(ENTRY_IDS);
  });
});

describe("'yuqing-playbook/core' and the per-plan entries", () => {
  it.each(ENTRY_IDS)('%s: the entry loads with the core into the plan loadPlan(id) of "." makes', async (id) => {
    const module = await entry(id);
    expect(module.id).toBe(id);
    expect(module.default).toStrictEqual(id === 'national' ? BUNDLED_LAYERS[id] : BUNDLED_PLANS[id]);
    const fromCore = core.loadPlan(module.default, needs(id));
    const fromWhole = api.loadPlan(id, needs(id));
    expect(JSON.stringify(fromCore.definition)).toBe(JSON.stringify(fromWhole.definition));
    expect(fromCore.parameters).toStrictEqual(fromWhole.parameters);
  });

  it('the same decisions as "." over the scenarios of hrss', async () => {
    const plan = core.loadPlan((await entry('hrss')).default);
    const whole = api.loadPlan('hrss');
    const scenarios = JSON.parse(readFileSync(join(root, 'rules', 'hrss.scenarios.json'), 'utf8')) as { scenarios: { incident: unknown; now: string }[] };
    expect(scenarios.scenarios.length).toBeGreaterThan(5);
    for (const s of scenarios.scenarios) expect(core.decide(plan, s.incident, { now: s.now })).toStrictEqual(api.decide(whole, s.incident, { now: s.now }));
  });

  it("an entry's export is a frozen copy: changing it throws, and '.' keeps its own", async () => {
    const drill = (await entry('city-drill')).default as { levels: { name: string }[] };
    expect(Object.isFrozen(drill) && Object.isFrozen(drill.levels[0])).toBe(true);
    expect(() => {
      drill.levels[0]!.name = 'x';
    }).toThrow(TypeError);
    expect(drill).not.toBe(BUNDLED_PLANS['city-drill']);
    expect(Object.isFrozen(BUNDLED_PLANS['city-drill'])).toBe(false);
    expect(api.loadPlan('city-drill').definition.levels[0]!.name).toBe(drill.levels[0]!.name);
  });

  it('the core knows no plan by id: a PlanError that points to the per-plan entries; no plan listed', () => {
    expect(core.listPlans()).toEqual([]);
    expect(core.listLayers()).toEqual([]);
    let error: unknown;
    try {
      core.loadPlan('hrss');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(api.PlanError);
    const issue = (error as InstanceType<typeof api.PlanError>).issues[0]!;
    expect(issue).toMatchObject({ path: [], code: 'unknown_plan', received: 'hrss' });
    expect(String((error as InstanceType<typeof api.PlanError>).issues.map((i) => i.expected))).toContain('yuqing-playbook/plans/<id>');
    // '.' keeps naming its bundled ids.
    expect(() => api.loadPlan('nope')).toThrow(/county-bureau/);
  });

  it('the core knows the template four plans extend, and a layer given by the caller, by id', async () => {
    const national = (await entry('national')).default;
    expect(core.loadPlan('national', { layers: [national] }).id).toBe('national');
    const county = (await entry('county-bureau')).default as { extends?: string };
    expect(county.extends).toBe('seven-step-procedure');
    expect(core.loadPlan(county).id).toBe('county-bureau');
  });
});

describe('docs/performance.md, "Browser bundle"', () => {
  it('lists every case measured, with figures within 10 % of what the build measures now (rerun `npm run bench:doc`)', async () => {
    const sizes: BundleSize[] = await measureBundles(root);
    expect(sizes.map((s) => s.name)).toEqual(bundleCases(root).map((c) => c.name));
    const doc = readFileSync(join(root, 'docs', 'performance.md'), 'utf8');
    const rows = bundleTable(sizes).filter((line) => line.startsWith('| ') && !line.startsWith('| what'));
    for (const [i, size] of sizes.entries()) {
      const written = doc.split('\n').find((line) => line.startsWith(`| ${size.name} |`));
      expect(written, `${size.name} (${rows[i]})`).toBeDefined();
      const kib = [...written!.matchAll(/([\d.]+) KiB/g)].map((m) => Number(m[1]) * 1024);
      expect(kib.length).toBe(2);
      expect(Math.abs(kib[0]! - size.bytes) / size.bytes, `${size.name}: minified`).toBeLessThan(0.1);
      expect(Math.abs(kib[1]! - size.gzipBytes) / size.gzipBytes, `${size.name}: gzip`).toBeLessThan(0.1);
    }
  });
});
