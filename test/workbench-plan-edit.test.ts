// The workbench's plan editor, its pure parts: deadlines in the form's terms, edits applied to a copy of a plan file, the comparisons a threshold form lists, and scenario expectations rewritten for a changed plan.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, listPlans, loadPlan, PlanError, planFacts, type Plan } from '../src/index.js';
import { runScenario, type Scenario } from '../src/testing/index.js';
import { changeText, fieldLabel, planNames } from '../workbench/src/plan-edit/diff-labels.js';
import { deadlineFields, deadlineOf, deadlineText, durationOf } from '../workbench/src/plan-edit/duration.js';
import { applyEdits, describeEdit, type Edit } from '../workbench/src/plan-edit/edits.js';
import { rewriteExpect, rewriteScenarioFile, type DecisionLike, type Outcome } from '../workbench/src/plan-edit/expectations.js';
import { comparisonText, conditionOwners, thresholdTargets, valueControl, withValue, type Json } from '../workbench/src/plan-edit/thresholds.js';

const read = (path: string): Json => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')) as Json;
const ruleFile = (id: string): Json => read(`rules/${id}.json`);
const scenarioFile = (id: string): Json => read(`rules/${id}.scenarios.json`);
/** Loads a plan file as the page does: with its scenario file's parameters. */
const load = (id: string, file: object): Plan => {
  const parameters = scenarioFile(id).parameters as Record<string, string | number> | undefined;
  return loadPlan(file, parameters ? { parameters } : {});
};
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
};
const obligation = (plan: Plan, id: string) => plan.definition.obligations.find((o) => o.id === id)!;
const scenarios = (id: string): Scenario[] => scenarioFile(id).scenarios as Scenario[];

describe('deadlines in the form’s terms', () => {
  it('reads offsets as a number and a unit, and writes them back as ISO 8601 durations', () => {
    expect(deadlineOf({ offset: 'PT30M' })).toEqual({ kind: 'offset', amount: '30', unit: 'minutes' });
    expect(deadlineOf({ offset: 'PT12H' })).toEqual({ kind: 'offset', amount: '12', unit: 'hours' });
    expect(deadlineOf({ offset: 'PT1H30M' })).toEqual({ kind: 'offset', amount: '90', unit: 'minutes' });
    expect(deadlineOf({ offset: 'P2D' })).toEqual({ kind: 'offset', amount: '2', unit: 'days' });
    expect(deadlineOf({ offset: 'P2D', workingDays: true })).toEqual({ kind: 'offset', amount: '2', unit: 'workingDays' });
    expect(deadlineOf({ offset: 'P1W' })).toEqual({ kind: 'offset', amount: '7', unit: 'days' });
    expect(deadlineOf({ offset: 'P1M' })).toEqual({ kind: 'other', offset: 'P1M' });
    expect(deadlineOf({ offset: null, immediate: true })).toEqual({ kind: 'immediate' });
    expect(deadlineOf({ offset: null })).toEqual({ kind: 'none' });
    expect(deadlineOf({ continuous: true, offset: null })).toEqual({ kind: 'continuous' });
    expect(durationOf('30', 'minutes')).toBe('PT30M');
    expect(durationOf(' 2 ', 'hours')).toBe('PT2H');
    expect(durationOf('3', 'days')).toBe('P3D');
    expect(durationOf('3', 'workingDays')).toBe('P3D');
    expect(deadlineFields({ kind: 'offset', amount: '3', unit: 'workingDays' })).toEqual({ offset: 'P3D', immediate: null, workingDays: true });
    expect(deadlineFields({ kind: 'immediate' })).toEqual({ offset: null, immediate: true, workingDays: null });
    expect(deadlineFields({ kind: 'none' })).toEqual({ offset: null, immediate: null, workingDays: null });
    expect(deadlineText({ kind: 'offset', amount: '2', unit: 'workingDays' })).toBe('2 工作日');
    expect(deadlineText({ kind: 'immediate' })).toBe('第一时间');
  });

  it('round-trips every deadline of the bundled plans', () => {
    let offsets = 0;
    for (const { id } of listPlans()) {
      const plan = load(id, ruleFile(id));
      for (const o of plan.definition.obligations) {
        const d = deadlineOf(o);
        if (o.offset === null) continue;
        offsets += 1;
        expect(d.kind, `${id} ${o.id} ${o.offset}`).toBe('offset');
        if (d.kind === 'offset') expect(deadlineFields(d).offset).toBe(o.offset);
      }
    }
    expect(offsets).toBeGreaterThan(10);
  });
});

describe('edits applied to a copy of a plan file', () => {
  it('changes a template duty’s deadline under overrides, keeps the file’s own patch, and does not touch the file', () => {
    const file = deepFreeze(ruleFile('hrss'));
    const original = load('hrss', file);
    expect(obligation(original, 'report-leading-group').offset).toBe('PT30M');
    const changed = applyEdits(file, original.definition, [{ kind: 'deadline', obligation: 'report-leading-group', deadline: { kind: 'offset', amount: '1', unit: 'hours' } }]);
    const patch = ((changed.overrides as Json).obligations as Json)['report-leading-group'] as Json;
    expect(patch.offset).toBe('PT1H');
    expect(patch.title).toBe('发现舆情后第一时间（半小时内）上报局网络舆情应急处置领导小组');
    expect(changed).not.toBe(file);
    expect(JSON.stringify(file)).toBe(JSON.stringify(ruleFile('hrss')));
    const plan = load('hrss', changed);
    expect(obligation(plan, 'report-leading-group').offset).toBe('PT1H');
    const scenario = scenarios('hrss')[0]!;
    const due = (p: Plan) => decide(p, scenario.incident, { now: scenario.now }).obligations.find((o) => o.id === 'report-leading-group')!.dueAt;
    expect(due(original)).toBe('2026-03-02T09:30:00+08:00');
    expect(due(plan)).toBe('2026-03-02T10:00:00+08:00');
  });

  it('changes a plan’s own duty in its list: immediate, none, a working-day offset', () => {
    const file = deepFreeze(ruleFile('city-drill'));
    const original = load('city-drill', file);
    const edits: Edit[] = [
      { kind: 'deadline', obligation: 'drill-written-report', deadline: { kind: 'immediate' } },
      { kind: 'deadline', obligation: 'verify', deadline: { kind: 'none' } },
      { kind: 'deadline', obligation: 'report-city-leaders', deadline: { kind: 'offset', amount: '2', unit: 'workingDays' } },
    ];
    const changed = applyEdits(file, original.definition, edits);
    const own = (id: string) => (changed.obligations as Json[]).find((o) => o.id === id)!;
    expect(own('drill-written-report')).not.toHaveProperty('offset');
    expect(own('drill-written-report').immediate).toBe(true);
    expect(own('verify')).not.toHaveProperty('immediate');
    expect(own('report-city-leaders')).toMatchObject({ offset: 'P2D', workingDays: true });
    expect(own('report-city-leaders')).not.toHaveProperty('immediate');
    expect(changed).not.toHaveProperty('overrides');
    const plan = load('city-drill', changed);
    expect(deadlineOf(obligation(plan, 'drill-written-report'))).toEqual({ kind: 'immediate' });
    expect(deadlineOf(obligation(plan, 'verify'))).toEqual({ kind: 'none' });
    expect(deadlineOf(obligation(plan, 'report-city-leaders'))).toEqual({ kind: 'offset', amount: '2', unit: 'workingDays' });
  });

  it('renames a recipient of the file and a role of the template, and changes whom a duty reports to', () => {
    const file = deepFreeze(ruleFile('hrss'));
    const original = load('hrss', file);
    const edits: Edit[] = [
      { kind: 'party-name', list: 'recipients', id: 'city-cac', name: '市委网信办（改）' },
      { kind: 'party-name', list: 'roles', id: 'office', name: '局办公室' },
      { kind: 'obligation-to', obligation: 'report-office-to-cac', to: 'city-committee-office' },
    ];
    const changed = applyEdits(file, original.definition, edits);
    expect((changed.recipients as Json[]).find((r) => r.id === 'city-cac')!.name).toBe('市委网信办（改）');
    expect((((changed.overrides as Json).roles as Json).office as Json).name).toBe('局办公室');
    const plan = load('hrss', changed);
    expect(plan.definition.roles.find((r) => r.id === 'office')!.name).toBe('局办公室');
    expect(obligation(plan, 'report-office-to-cac').to).toBe('city-committee-office');
    expect(describeEdit(edits[2]!, original.definition)).toBe(`报送对象「${obligation(original, 'report-office-to-cac').title}」：市委网信办 → 市委办`);
  });

  it('leaves a bad deadline to the library, whose PlanError names the offset and what it received', () => {
    const file = ruleFile('city-drill');
    const original = load('city-drill', file);
    for (const amount of ['-5', '']) {
      const changed = applyEdits(file, original.definition, [{ kind: 'deadline', obligation: 'drill-on-site-release', deadline: { kind: 'offset', amount, unit: 'hours' } }]);
      let caught: unknown;
      try {
        load('city-drill', changed);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PlanError);
      const issue = (caught as PlanError).issues[0]!;
      expect(issue.path.at(-1)).toBe('offset');
      expect(issue.received).toBe(`PT${amount}H`);
    }
  });

  it('refuses, with a Chinese message, an item the file does not have', () => {
    const file = ruleFile('city-drill');
    const original = load('city-drill', file);
    expect(() => applyEdits(file, original.definition, [{ kind: 'obligation-to', obligation: 'nope', to: 'office' }])).toThrow(/预案中没有/);
    expect(() => applyEdits([], original.definition, [])).toThrow(/不是一个 JSON 对象/);
  });
});

describe('thresholds', () => {
  it('lists each classification rule’s comparisons through its named conditions, with the controls to change them', () => {
    const plan = load('city-drill', ruleFile('city-drill'));
    const resolved = plan.definition as unknown as Json;
    const owners = conditionOwners(resolved);
    expect(owners.map((o) => o.label)).toContain('定级规则 level-ii-criteria（II 级）');
    expect(owners.map((o) => o.label)).toContain('命名条件 reaches-row-ii');
    const targets = thresholdTargets(resolved, { kind: 'classification', id: 'level-ii-criteria' });
    expect(targets.map((t) => t.fact)).toEqual(['attention', 'foreignMedia', 'spread', 'reach', 'offlineRisk']);
    expect(targets[0]).toEqual({ owner: { kind: 'condition', name: 'reaches-row-ii' }, path: ['any', 0], fact: 'attention', operator: 'in', value: ['extreme', 'high'], via: 'reaches-row-ii' });
    expect(thresholdTargets(resolved, { kind: 'classification', id: 'level-iv-otherwise' })).toEqual([]);
    const facts = planFacts(plan);
    expect(comparisonText(targets[0]!, facts)).toBe('关注度 属于 极高、高');
    const control = valueControl(targets[0]!, facts);
    expect(control).toMatchObject({ kind: 'indicator', multiple: true });
    expect(control.kind === 'indicator' && control.options.map((o) => o.value)).toEqual(['extreme', 'high', 'elevated', 'low']);
    const severe = thresholdTargets(resolved, { kind: 'condition', name: 'severe' });
    expect(severe).toEqual([{ owner: { kind: 'condition', name: 'severe' }, path: ['any', 0], fact: 'levelRank', operator: 'lessThanInclusive', value: 2, via: null }]);
    expect(valueControl(severe[0]!, facts)).toEqual({ kind: 'number', integer: true });
  });

  it('changes a comparison in the file’s own named condition, and the level follows', () => {
    const file = deepFreeze(ruleFile('city-drill'));
    const original = load('city-drill', file);
    const changed = applyEdits(file, original.definition, [{ kind: 'threshold', owner: { kind: 'condition', name: 'reaches-row-ii' }, path: ['any', 0], value: ['extreme'] }]);
    expect((((changed.conditions as Json)['reaches-row-ii'] as Json).any as Json[])[0]!.value).toEqual(['extreme']);
    const incident = { id: 'x', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } };
    const now = '2026-03-02T09:10:00+08:00';
    expect(decide(original, incident, { now }).level.id).toBe('II');
    expect(decide(load('city-drill', changed), incident, { now }).level.id).toBe('III');
  });

  it('changes a template’s condition under overrides.conditions, whole', () => {
    const file = deepFreeze(ruleFile('hrss'));
    const original = load('hrss', file);
    const changed = applyEdits(file, original.definition, [{ kind: 'threshold', owner: { kind: 'condition', name: 'reaches-row-ii' }, path: ['any', 0], value: ['extreme'] }]);
    const tree = ((changed.overrides as Json).conditions as Json)['reaches-row-ii'] as Json;
    expect((tree.any as Json[]).length).toBe(5);
    expect((tree.any as Json[])[0]).toEqual({ fact: 'attention', operator: 'in', value: ['extreme'] });
    const plan = load('hrss', changed);
    expect(((plan.definition.conditions['reaches-row-ii'] as Json).any as Json[])[0]!.value).toEqual(['extreme']);
    expect(() => withValue(tree, ['any', 9], 1)).toThrow(/条件中没有这一比较/);
  });
});

describe('scenario expectations rewritten for a changed plan', () => {
  it('brings every scenario that the change broke back in line, asserting the same fields, and leaves the others', () => {
    const file = deepFreeze(ruleFile('hrss'));
    const original = load('hrss', file);
    const plan = load('hrss', applyEdits(file, original.definition, [{ kind: 'deadline', obligation: 'report-leading-group', deadline: { kind: 'offset', amount: '45', unit: 'minutes' } }]));
    const source = deepFreeze(scenarioFile('hrss'));
    const broken = scenarios('hrss').filter((s) => runScenario(original, s).passed && !runScenario(plan, s).passed);
    expect(broken.length).toBeGreaterThan(0);
    const { file: rewritten, rewritten: names } = rewriteScenarioFile(source, (scenario) => {
      const s = scenario as unknown as Scenario;
      if (!runScenario(original, s).passed || runScenario(plan, s).passed) return null;
      return { decision: decide(plan, s.incident, { now: s.now }) };
    });
    expect(names).toEqual(broken.map((s) => s.name));
    const list = rewritten.scenarios as Scenario[];
    for (const s of list) expect(runScenario(plan, s).mismatches, s.name).toEqual([]);
    list.forEach((s, i) => {
      const before = (source.scenarios as Scenario[])[i]!;
      expect(Object.keys(s.expect)).toEqual(Object.keys(before.expect));
      if (!names.includes(s.name)) expect(s.expect).toEqual(before.expect);
    });
    const one = list.find((s) => s.name === names[0])!;
    expect(one.expect.obligations!['report-leading-group']!.dueAt).toBe('2026-03-02T09:45:00+08:00');
  });

  it('moves a duty that no longer arises to absent, expects one that now arises, and writes errors', () => {
    const decision: DecisionLike = {
      level: { id: 'II', source: 'criteria' },
      lead: { id: 'office' },
      notify: [{ id: 'b', dueAt: null }],
      obligations: [{ id: 'new', status: 'pending', dueAt: null, doneAt: null, responsible: { id: 'office' }, kind: 'immediate' }],
      next: [{ id: 'new' }],
      nextReviewAt: null,
      warnings: [{ code: 'w2' }],
    };
    const expectation = deepFreeze({ level: 'I', notify: ['a'], obligations: { gone: { status: 'pending' } }, absent: ['new'], next: [], warnings: ['w1'] });
    expect(rewriteExpect(expectation, { decision })).toEqual({ level: 'II', notify: ['b'], obligations: { new: { status: 'pending' } }, absent: ['gone'], next: ['new'], warnings: ['w2'] });
    const error: Outcome = { error: { name: 'IncidentError', paths: ['events.0.at'] } };
    expect(rewriteExpect({ level: 'I' }, error)).toEqual({ error: { name: 'IncidentError', paths: ['events.0.at'] } });
    expect(rewriteExpect({ error: { name: 'PlanError' } }, error)).toEqual({ error: { name: 'IncidentError' } });
    expect(rewriteExpect({ error: { name: 'IncidentError' } }, { decision })).toEqual({ level: 'II', lead: 'office' });
    expect(() => rewriteScenarioFile({}, () => null)).toThrow(/场景文件/);
  });
});

describe('diff fields in Chinese', () => {
  it('names decision fields by the plan’s titles and parties, and values in words', () => {
    const plan = load('hrss', ruleFile('hrss'));
    const names = planNames(plan.definition);
    const title = obligation(plan, 'report-leading-group').title;
    expect(fieldLabel('obligations.report-leading-group.dueAt', names)).toBe(`「${title}」截止时间`);
    expect(fieldLabel('notify.city-cac', names)).toBe('通知「市委网信办」');
    expect(fieldLabel('level', names)).toBe('级别');
    expect(changeText('obligations.x.dueAt', '2026-03-02T09:30:00+08:00', names, String)).toBe('2026-03-02 09:30');
    expect(changeText('obligations.x.status', 'overdue', names, (s) => (s === 'overdue' ? '已逾期' : s))).toBe('已逾期');
    expect(changeText('notify.city-cac', 'absent', names, String)).toBe('无');
    expect(changeText('obligations.x.to', 'city-cac', names, String)).toBe('市委网信办');
    expect(changeText('obligations.x.kind', 'immediate', names, String)).toBe('第一时间');
  });
});
