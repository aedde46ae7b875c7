// Red team of layers (docs/layers.md, docs/security.md "Layers"): legal but deep chains and conditions,
// lists named twice, names that outgrow an id, hostile options of verifyAgainst, and the CLI's layer files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, loadPlan, PlanError } from '../src/index.js';
import { verifyAgainst } from '../src/testing/index.js';
import { conditionDepth, MAX_CONDITION_DEPTH, type Condition } from '../src/model/condition.js';
import { planErrorOf } from './support/errors.js';
import { writerIn, yuqing } from './support/cli.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const at = (time: string) => `2026-03-02T${time}:00+08:00`;
const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis: { clause: '第二条' } });
const duty = (id: string, extra: Json = {}) => ({ id, step: 'statement', title: `${id} 发布`, responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', basis: { clause: '第五条' }, ...extra });
const MAP = { I: ['I'], II: ['II'], III: ['III'] };

/** A file of format 2 with levels I–III graded by judgement; `above` when it builds on a layer. */
function file(id: string, kind: 'layer' | 'plan', above: Json | undefined, extra: Json = {}): Json {
  return {
    format: 2,
    ...(kind === 'layer' ? { kind } : {}),
    id,
    version: '1.0.0',
    title: `${id} 规定`,
    unit: '各地',
    source: { document: `${id} 规定` },
    ...(above ? { above } : {}),
    levels: [lvl('I', 1), lvl('II', 2), lvl('III', 3)],
    classification: [],
    grading: { ungraded: { name: '待研判定级', lead: 'office', basis: { clause: '第三条' } } },
    roles: [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }],
    recipients: [],
    escalation: ['I', 'II', 'III'].map((level) => ({ level, lead: 'leading-group', basis: { clause: '第四条' } })),
    obligations: [],
    ...extra,
  };
}

/** `inner` inside `depth - 1` single-item `all`s. */
const nest = (depth: number, inner: Condition): Condition => (depth <= 1 ? inner : { all: [nest(depth - 1, inner)] });
const level = (value: string): Condition => ({ fact: 'level', operator: 'equal', value });

/** A chain l0 ← l1 ← … ← l{n-1}, each mapping III to nothing (so each adds a guard), l0 with `duties`. */
function chain(n: number, duties: Json[], conditions: Json = {}): Json[] {
  const layers = [file('l0', 'layer', undefined, { obligations: duties, conditions })];
  for (let i = 1; i < n; i++) layers.push(file(`l${i}`, 'layer', { layer: `l${i - 1}`, levels: { I: ['I'], II: ['II'], III: [] } }));
  return layers;
}

const incident = (levelId: string) => ({ id: 'inc', occurredAt: at('08:00'), discoveredAt: at('08:05'), events: [{ type: 'level-set', level: levelId, at: at('08:10'), by: 'leading-group' }] });
/** The duties in force at the level (one that arose before grading and no longer applies is not). */
const arisen = (plan: ReturnType<typeof loadPlan>, levelId: string) => decide(plan, incident(levelId), { now: at('09:00') }).obligations.filter((o) => o.status !== 'not-applicable').map((o) => o.id);

describe('conditions through a chain of layers stay within the depth a plan may have', () => {
  it('a duty whose condition is 10 deep comes down 8 layers that each map a level to nothing: the guards share one all, not 8 nested ones', () => {
    const layers = chain(8, [duty('deep', { when: nest(10, { fact: 'level', operator: 'in', value: ['I', 'II'] }) })]);
    const plan = loadPlan(file('p', 'plan', { layer: 'l7', levels: { I: ['I'], II: ['II'], III: [] } }), { layers });
    const when = plan.definition.obligations.find((o) => o.id === 'deep')?.when as Condition;
    expect(conditionDepth(when)).toBeLessThanOrEqual(MAX_CONDITION_DEPTH);
    // Wrapped while it fits, then each further guard put first in the outer all.
    expect('all' in when && when.all.length).toBeGreaterThan(2);
    expect(arisen(plan, 'I')).toContain('deep');
    expect(arisen(plan, 'III')).not.toContain('deep');
  });

  it('keeps the plain wrapping where it fits: { all: [guard, when] }', () => {
    const layers = chain(1, [duty('shallow', { when: { all: [level('I')] } })]);
    const plan = loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] } }), { layers });
    expect(plan.definition.obligations[0]?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['I', 'II', 'ungraded'] }, { all: [{ fact: 'level', operator: 'in', value: ['I'] }] }] });
  });

  it('a condition at the deepest a plan allows whose deepest comparison never holds below is folded, not nested deeper', () => {
    // III maps from no level of the file: `level = III` never holds there and becomes a never-holding condition (2 deep, where the comparison was 1).
    const inner: Condition = {
      any: [
        { not: { all: [level('III')] } },
        { all: [level('I')] },
        { any: [level('III')] },
        { not: { all: [level('II')] } },
      ],
    };
    const deep = nest(9, inner);
    expect(conditionDepth(deep)).toBe(MAX_CONDITION_DEPTH);
    const layers = chain(1, [duty('folded', { when: deep })], { named: deep });
    const plan = loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] } }), { layers });
    const when = plan.definition.obligations[0]?.when as Condition;
    expect(conditionDepth(when)).toBeLessThanOrEqual(MAX_CONDITION_DEPTH);
    expect(conditionDepth(plan.definition.conditions['l0-named'] as Condition)).toBeLessThanOrEqual(MAX_CONDITION_DEPTH);
    // not (level = III) always holds below; the any that only held at III is gone.
    expect(JSON.stringify(plan.definition.conditions['l0-named'])).toContain('{"any":[{"all":[]},{"all":[{"fact":"level","operator":"in","value":["I"]}]},{"not":{"all":[{"fact":"level","operator":"in","value":["II"]}]}}]}');
    expect(arisen(plan, 'II')).toContain('folded');
    expect(arisen(plan, 'III')).not.toContain('folded');
  });

  it('an all whose every item never holds below folds to a condition that never holds', () => {
    const layers = chain(1, [duty('never', { when: nest(11, { all: [level('III')] }) })]);
    const plan = loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] } }), { layers });
    expect(plan.definition.obligations[0]?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['I', 'II', 'ungraded'] }, { not: { all: [] } }] });
    expect(arisen(plan, 'I')).not.toContain('never');
  });

  it('a root any or a full all at the deepest allowed still cannot take a guard: the composed plan names the duty and the layer', () => {
    const fullAll: Condition = { all: Array.from({ length: 100 }, (_, i) => (i === 0 ? nest(11, { fact: 'level', operator: 'in', value: ['I', 'II'] }) : { fact: 'levelRank', operator: 'greaterThanInclusive', value: 1 })) };
    for (const when of [{ any: [nest(11, { fact: 'level', operator: 'in', value: ['I', 'II'] })] }, fullAll]) {
      const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] } }), { layers: chain(1, [duty('root', { when })]) }));
      expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], message: expect.stringMatching(/obligations "root" from the layer "l0" \(obligations\.0\.when of the composed plan\): condition nested too deeply/), expected: 'at most 12 levels' })]);
    }
  });
});

describe('layers by id: names of Object.prototype, a layer naming itself, revoked items', () => {
  it('an id such as constructor names a layer only when one has it; toString and constructor are no bundled plan', () => {
    const unknown = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'constructor', levels: MAP })));
    expect(unknown.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], code: 'unknown_layer', received: 'constructor' })]);
    for (const id of ['toString', 'constructor', '__proto__']) expect(planErrorOf(() => loadPlan(id)).code).toBe('UNKNOWN_PLAN');
    const layer = file('constructor', 'layer', undefined, { obligations: [duty('info')] });
    const plan = loadPlan(file('p', 'plan', { layer: 'constructor', levels: MAP }), { layers: [layer] });
    expect(plan.layers.map((l) => l.id)).toEqual(['constructor']);
    expect(plan.definition.obligations.map((o) => [o.id, o.layer])).toEqual([['info', 'constructor']]);
    expect(loadPlan('constructor', { layers: [layer] }).id).toBe('constructor');
  });

  it('a layer naming itself is a cycle at above.layer, loaded directly or under a plan', () => {
    const self = file('s', 'layer', { layer: 's', levels: MAP });
    for (const load of [() => loadPlan(self, { layers: [self] }), () => loadPlan('s', { layers: [self] }), () => loadPlan(file('p', 'plan', { layer: 's', levels: MAP }), { layers: [self] })]) {
      expect(planErrorOf(load).issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], code: 'layer_cycle', message: expect.stringContaining('s → s') })]);
    }
  });

  it('a revoked Proxy among the layers is an issue at its place', () => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    expect(planErrorOf(() => loadPlan('national', { layers: [r.proxy] })).issues).toEqual([expect.objectContaining({ path: ['layers', 0] })]);
  });
});

describe('above: lists named twice, names that outgrow an id, lists that outgrow a plan', () => {
  const top = file('top', 'layer', undefined, { obligations: [duty('a'), duty('b')] });
  const mid = file('mid', 'layer', { layer: 'top', levels: MAP, remove: { obligations: ['a'] } });

  it('an id restored twice is an issue at its second place, not a duplicate in the composed plan', () => {
    const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'mid', levels: MAP, restore: { obligations: ['a', 'a'] } }), { layers: [top, mid] }));
    expect(error.issues).toEqual([{ path: ['above', 'restore', 'obligations', 1], code: 'invalid_override', message: 'listed twice (first at above.restore.obligations.0)', received: 'a', expected: 'each id once' }]);
  });

  it('an id removed twice is an issue at its second place', () => {
    const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'mid', levels: MAP, remove: { obligations: ['b', 'b'] } }), { layers: [top, mid] }));
    expect(error.issues).toEqual([{ path: ['above', 'remove', 'obligations', 1], code: 'invalid_override', message: 'listed twice (first at above.remove.obligations.0)', received: 'b', expected: 'each id once' }]);
  });

  it('an override of a duty when none is left, or of a party none was taken, says so instead of "one of" nothing', () => {
    const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'mid', levels: MAP, remove: { obligations: ['b'] }, overrides: { obligations: { b: { offset: 'PT1H' } }, roles: { chief: { name: '主任' } } } }), { layers: [top, mid] }));
    expect(error.issues.map((i) => [i.path.join('.'), i.expected])).toEqual([
      ['above.overrides.obligations.b', 'none: no obligations of the layer "mid" is left to change here'],
      ['above.overrides.roles.chief', 'none: no role of the layer "mid" is left to change here'],
    ]);
  });

  it("a layer's condition whose copied name would be longer than an id is named at above.layer, with the name and the bound", () => {
    const long = 'a'.repeat(30);
    const layers = [file(`${long}0`, 'layer', undefined, { conditions: { [`c${long}`]: { all: [] } } })];
    for (let i = 1; i <= 2; i++) layers.push(file(`${long}${i}`, 'layer', { layer: `${long}${i - 1}`, levels: MAP }));
    const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: `${long}2`, levels: MAP }), { layers }));
    const renamed = `${long}1-${long}0-c${long}`;
    expect(error.issues).toEqual([
      {
        path: ['above', 'layer'],
        code: 'layer_name',
        message: `the layer "${long}2" does not load: above.layer: the layer "${long}1" brings its condition "${long}0-c${long}" as "${renamed}", longer than an id may be`,
        received: renamed,
        expected: 'at most 64 characters for the layer\'s id, "-" and the condition\'s name (shorter ids in the layers, or fewer layers)',
      },
    ]);
  });

  it('a composed list longer than a plan may have is counted: this file\'s and the layer\'s', () => {
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => duty(`${prefix}${i}`));
    const error = planErrorOf(() => loadPlan(file('p', 'plan', { layer: 'big', levels: MAP }, { obligations: many('own', 600) }), { layers: [file('big', 'layer', undefined, { obligations: many('lay', 600) })] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], received: 1200, message: expect.stringMatching(/^the composed plan has 1200 obligations: 600 of this file and 600 from the layer "big": /), expected: 'at most 1000 items' })]);
  });

  it('a file of format 1 with above is refused at above alone: nothing of the layer is blamed on it, nothing internal shown', () => {
    const { format: _, ...unnumbered } = file('p', 'plan', { layer: 'top', levels: MAP });
    for (const plan of [{ ...unnumbered, format: 1 }, unnumbered]) {
      const error = planErrorOf(() => loadPlan(plan, { layers: [top] }));
      const aboveIssues = error.issues.filter((i) => i.path[0] === 'above');
      expect(aboveIssues).toEqual([{ path: ['above'], code: 'format_2_field', message: '"above" is a field of plan format 2', received: 1, expected: '"format": 2 at the top of the file (docs/rule-authoring.md)' }]);
      expect(JSON.stringify(error.issues)).not.toContain('composed');
    }
  });
});

describe('overrides are taken as written (docs/layers.md, step 7)', () => {
  it("an overriding when replaces the rewritten one and its guard: the duty arises at a level mapped to nothing unless the when excludes it", () => {
    const layers = [file('l0', 'layer', undefined, { obligations: [duty('a', { when: { all: [level('I')] } })] })];
    const own = { all: [{ fact: 'graded', operator: 'equal', value: true }] };
    const plan = loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] }, overrides: { obligations: { a: { when: own } } } }), { layers });
    expect(plan.definition.obligations[0]?.when).toEqual(own);
    expect(arisen(plan, 'III')).toContain('a');
    const guarded = loadPlan(file('p', 'plan', { layer: 'l0', levels: { I: ['I'], II: ['II'], III: [] } }), { layers });
    expect(arisen(guarded, 'III')).not.toContain('a');
  });
});

describe('verifyAgainst with hostile arguments', () => {
  const plan = loadPlan('hrss');
  const layer = loadPlan('national');
  const revoked = (): object => {
    const r = Proxy.revocable({}, {});
    r.revoke();
    return r.proxy;
  };
  const optionError = (options: unknown): PlanError => planErrorOf(() => verifyAgainst(plan, layer, options as never));

  it('a revoked Proxy as the plan, the layer or the options is a PlanError naming it, never a TypeError', () => {
    expect(planErrorOf(() => verifyAgainst(revoked() as never, layer)).issues).toEqual([expect.objectContaining({ path: ['plan'], received: '(a revoked Proxy)' })]);
    expect(planErrorOf(() => verifyAgainst(plan, revoked() as never)).issues).toEqual([expect.objectContaining({ path: ['layer'], received: '(a revoked Proxy)' })]);
    expect(optionError(revoked()).issues).toEqual([expect.objectContaining({ path: ['options'], received: '(a revoked Proxy)' })]);
    expect(optionError({ levels: revoked() }).issues).toEqual([expect.objectContaining({ path: ['options', 'levels'], code: 'invalid_type', received: '(a revoked Proxy)' })]);
    expect(optionError({ levels: { I: revoked() } }).issues).toEqual([expect.objectContaining({ path: ['options', 'levels', 'I'], code: 'invalid_type', received: '(a revoked Proxy)' })]);
  });

  it('a Map of levels is refused, not read as no mapping at all', () => {
    expect(optionError({ levels: new Map([['I', ['I']]]) }).issues).toEqual([expect.objectContaining({ path: ['options', 'levels'], code: 'invalid_type' })]);
  });

  it('a hole in a list of levels is not a level: named at its place', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(optionError({ levels: { I: [, 'I'] } }).issues).toEqual([{ path: ['options', 'levels', 'I', 0], code: 'unknown_level', message: 'not a level of the layer', received: undefined, expected: 'one of "I", "II", "other"' }]);
  });

  it('a list longer than the layer has levels is refused by its length, before any item is read (4 294 967 295 places)', () => {
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;
    expect(optionError({ levels: { I: huge } }).issues).toEqual([expect.objectContaining({ path: ['options', 'levels', 'I'], code: 'invalid_type', expected: 'a list of at most 3 of "I", "II", "other" (empty: none)' })]);
  });
});

describe('the CLI and layer files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-layers-redteam-'));
  const write = writerIn(dir);
  write('prov.json', file('prov', 'layer', { layer: 'national', levels: { I: ['I'], II: ['II'], III: ['other'] } }));
  write('prov-copy.json', file('prov', 'layer', { layer: 'national', levels: { I: ['I'], II: ['II'], III: ['other'] } }));
  write('plan.json', file('unit', 'plan', { layer: 'prov', levels: MAP }));
  write('sub/dir/.keep', '');
  const scenario = { name: '定级前', clause: '第三条', incident: { id: 'i', occurredAt: at('08:00'), discoveredAt: at('08:05') }, now: at('09:00'), expect: { level: 'ungraded' } };

  it('a directory given as a layer says it is a directory (exit 2), from --layer and from a scenario file', async () => {
    const r = await yuqing(['check', 'plan.json', '--layer', 'sub'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('yuqing: 无法读取层级文件 sub：它是目录');
    write('dir.scenarios.json', { plan: 'plan.json', layers: ['sub/dir'], scenarios: [scenario] });
    const t = await yuqing(['test', 'dir.scenarios.json'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stdout + t.stderr).toContain('无法读取层级文件 sub/dir：它是目录');
  });

  it('the same layer file named twice is read once; two files giving one layer id are a usage error naming both', async () => {
    expect((await yuqing(['check', 'plan.json', '--layer', 'prov.json', '--layer', './prov.json'], { cwd: dir })).code).toBe(0);
    const r = await yuqing(['check', 'plan.json', '--layer', 'prov.json', '--layer', 'prov-copy.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('yuqing: --layer："prov.json" 和 "prov-copy.json" 给出同一层级 "prov"：每个层级只用一个文件');
    write('twice.scenarios.json', { plan: 'plan.json', layers: ['prov.json', 'prov.json'], scenarios: [scenario] });
    expect((await yuqing(['test', 'twice.scenarios.json'], { cwd: dir })).code).toBe(0);
    write('both.scenarios.json', { plan: 'plan.json', layers: ['prov.json', 'prov-copy.json'], scenarios: [scenario] });
    const t = await yuqing(['test', 'both.scenarios.json'], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stdout + t.stderr).toContain('场景文件 both.scenarios.json 的 "layers"："prov.json" 和 "prov-copy.json" 给出同一层级 "prov"');
  });

  it('verify --against a layer with blanks fills them from --param; the names only the plan declares are not the layer\'s', async () => {
    const hours = (id: string) => ({ id, name: '时限', type: 'number', unit: 'hours', basis: { clause: '第一条' } });
    write('blank-layer.json', file('blank', 'layer', undefined, { parameters: [hours('hours')], obligations: [duty('info', { offset: 'PT{{hours}}H' })] }));
    write('blank-plan.json', file('blanks', 'plan', { layer: 'blank', levels: MAP }, { parameters: [hours('own')], obligations: [duty('mine', { offset: 'PT{{own}}H' })] }));
    const r = await yuqing(['verify', 'blank-plan.json', '--against', 'blank-layer.json', '--layer', 'blank-layer.json', '--param', 'hours=3', '--param', 'own=2', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).met.map((m: Json) => [m.layer.obligation, m.layer.due])).toEqual([['info', '自事件发生起3小时'], ['info', '自事件发生起3小时'], ['info', '自事件发生起3小时']]);
    const missing = await yuqing(['verify', 'blank-plan.json', '--against', 'blank-layer.json', '--layer', 'blank-layer.json', '--param', 'own=2'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('parameters.hours：缺少参数：时限');
  });

  it('--levels with a comma too many says so (exit 2)', async () => {
    const r = await yuqing(['verify', 'hrss', '--against', 'national', '--levels', 'I=I,'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('收到一个空项（多了一个逗号？）');
  });
});

describe('verifyAgainst costs work in proportion to the duties, not their product', () => {
  it("evaluates each of the plan's conditions once per level and situation, however many duties of the layer ask (200 × 200 duties, 9 levels)", async () => {
    const { compiledOf } = await import('../src/plans/load.js');
    const ids = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
    const levels = ids.map((id, i) => lvl(id, i + 1));
    const flags = { urgent: { name: '紧急' } };
    const escalation = ids.map((id) => ({ level: id, lead: 'leading-group', basis: { clause: '第四条' } }));
    // Each duty applies at the most severe levels, or when the flag is set; the plan's are an hour laxer, so every candidate is compared.
    const at = (prefix: string, i: number, hours: number) => duty(`${prefix}${i}`, { offset: `PT${hours}H`, when: { any: [{ fact: 'level', operator: 'in', value: ids.slice(0, (i % 9) + 1) }, { fact: 'urgent', operator: 'equal', value: true }] } });
    const n = 200;
    const layer = loadPlan(file('big', 'layer', undefined, { levels, escalation, facts: { flags }, obligations: Array.from({ length: n }, (_, i) => at('o', i, 5)) }));
    const plan = loadPlan(file('p', 'plan', undefined, { levels, escalation, facts: { flags }, obligations: Array.from({ length: n }, (_, i) => at('p', i, 6)) }));
    let evaluations = 0;
    for (const p of compiledOf(plan).obligations) {
      const applies = p.applies as NonNullable<typeof p.applies>;
      (p as { applies: typeof applies }).applies = (facts) => {
        evaluations++;
        return applies(facts);
      };
    }
    const report = verifyAgainst(plan, layer, { levels: Object.fromEntries(ids.map((id) => [id, [id]])) });
    expect(report.met).toEqual([]);
    expect(report.findings.every((f) => f.kind === 'laxer' && f.reason === 'later-offset')).toBe(true);
    // With the flag set every duty applies at every level: one finding per duty and level.
    expect(report.findings.length).toBe(n * ids.length);
    // Two situations (no flag, the flag set) per level: at most 9 × 2 × 200; comparing pair by pair took 9 × 200 × 200 and more.
    expect(evaluations).toBeLessThanOrEqual(ids.length * 2 * n);
  });
});
