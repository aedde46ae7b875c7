// Composing plans from layers (docs/layers.md): a layer's duties rewritten to the levels, roles and
// condition names of the file built on it, with overrides, removals and restorations, through a chain.
import { describe, expect, it } from 'vitest';
import { decide, listLayers, listPlans, loadPlan, PlanError, type Issue } from '../src/index.js';
import { planErrorOf } from './support/errors.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const at = (time: string, day = '02') => `2026-03-${day}T${time}:00+08:00`;
const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis: { clause: '第二条' } });
const judged = (lead = 'office') => ({ ungraded: { name: '待研判定级', lead, basis: { clause: '第三条' } } });
const escalate = (ids: string[], lead = 'leading-group') => ids.map((level) => ({ level, lead, basis: { clause: '第四条' } }));

/** The layer at the top: three levels, its own document and number, a named condition, a flag, a step, a monthly duty. */
function top(): Json {
  return {
    format: 2,
    kind: 'layer',
    id: 'top',
    version: '2.0.0',
    title: '上级规定',
    unit: '各地',
    source: { document: '上级规定', number: '上发〔2026〕1号' },
    levels: [lvl('I', 1), lvl('II', 2), lvl('III', 3)],
    correspondence: { I: ['I'], II: ['II'], III: ['III'], IV: ['III'] },
    conditions: { serious: { any: [{ fact: 'level', operator: 'equal', value: 'I' }, { fact: 'level', operator: 'equal', value: 'II' }] } },
    classification: [],
    grading: judged(),
    facts: { flags: { crossRegion: { name: '跨地区', setBy: [['chief']] } } },
    steps: [{ id: 'take-over', title: '认领' }],
    roles: [
      { id: 'leading-group', name: '领导小组' },
      { id: 'office', name: '办公室' },
      { id: 'chief', name: '主要负责同志' },
      { id: 'spokes', name: '新闻发言人' },
      { id: 'board', name: '党组', collective: true, members: ['chief', 'spokes'] },
      { id: 'unused', name: '未用角色' },
    ],
    recipients: [{ id: 'superior', name: '上级政府' }],
    escalation: escalate(['I', 'II', 'III']),
    obligations: [
      { id: 'info', step: 'statement', title: '5小时内发布权威信息', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', when: { all: [{ condition: 'serious' }] }, basis: { clause: '第五条' } },
      { id: 'conference', step: 'press-conference', title: '24小时内举行新闻发布会', responsible: 'spokes', anchor: 'occurredAt', clock: 'keep', offset: 'PT24H', approval: { mode: 'any', by: ['chief'] }, when: { all: [{ fact: 'level', operator: 'in', value: ['I', 'II'] }] }, basis: { clause: '第六条' } },
      { id: 'respond', step: 'reply', title: '48小时内回应', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT48H', extension: { max: 'PT24H', approvedBy: ['chief'] }, when: { all: [{ fact: 'level', operator: 'equal', value: 'III' }] }, basis: { clause: '第七条' } },
      { id: 'releasing', step: 'statement', title: '持续发布权威信息', responsible: 'office', continuous: true, until: 'subsided', basis: { clause: '第八条' } },
      { id: 'phone', step: 'phone-report', title: '力争30分钟内电话报告', responsible: 'office', to: 'superior', notify: 'report', anchor: 'occurredAt', clock: 'keep', offset: 'PT30M', soft: true, when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] }, basis: { clause: '第九条' } },
      { id: 'cross', step: 'take-over', title: '跨地区的由上级认领', responsible: 'board', when: { all: [{ fact: 'crossRegion', operator: 'equal', value: true }, { fact: 'level', operator: 'notEqual', value: 'ungraded' }] }, basis: { clause: '第十条' } },
    ],
    recurring: [{ id: 'monthly', step: 'monthly-analysis', title: '每月研判', responsible: 'office', every: 'P1M', basis: { clause: '第十一条' } }],
  };
}

/** A provincial layer on `top`: four levels, its governor filling the chief, its duty office the superior; info within 3 h; no continuous releasing. */
function mid(): Json {
  return {
    format: 2,
    kind: 'layer',
    id: 'mid',
    version: '1.1.0',
    title: '省级办法',
    unit: '省内各地',
    source: { document: '省级办法', number: '省发〔2026〕2号' },
    above: {
      layer: 'top',
      levels: { m1: ['I'], m2: ['II'], m3: ['III'], m4: ['III'] },
      roles: { chief: 'governor' },
      recipients: { superior: 'mid-duty' },
      overrides: { obligations: { info: { title: '3小时内发布权威信息', offset: 'PT3H', basis: { clause: '第九条' } } } },
      remove: { obligations: ['releasing'] },
    },
    levels: [lvl('m1', 1), lvl('m2', 2), lvl('m3', 3), lvl('m4', 4)],
    classification: [],
    grading: judged(),
    roles: [
      { id: 'leading-group', name: '省领导小组' },
      { id: 'office', name: '省办公室' },
      { id: 'governor', name: '省长' },
      { id: 'spokes', name: '省新闻发言人' },
    ],
    recipients: [{ id: 'mid-duty', name: '省总值班室' }],
    escalation: escalate(['m1', 'm2', 'm3', 'm4']),
    obligations: [],
  };
}

/** The local plan on `mid`: two levels and a drill level no layer duty applies at; conference within 12 h; no 48 h reply; releasing restored. */
function local(): Json {
  return {
    format: 2,
    id: 'loc',
    version: '0.1.0',
    title: '县级预案',
    unit: '县政府',
    source: { document: '县级预案' },
    above: {
      layer: 'mid',
      levels: { big: ['m1', 'm2'], small: ['m3', 'm4'], drill: [] },
      roles: { governor: 'head' },
      recipients: { 'mid-duty': 'city' },
      overrides: { obligations: { conference: { offset: 'PT12H', basis: { clause: '第六条' } } } },
      remove: { obligations: ['respond'] },
      restore: { obligations: ['releasing'] },
    },
    levels: [lvl('big', 1), lvl('small', 2), lvl('drill', 3)],
    classification: [],
    grading: judged(),
    roles: [
      { id: 'leading-group', name: '县领导小组' },
      { id: 'office', name: '县办公室' },
      { id: 'head', name: '县长' },
    ],
    recipients: [{ id: 'city', name: '市总值班室' }],
    escalation: escalate(['big', 'small', 'drill']),
    obligations: [{ id: 'tell-head', step: 'report', title: '30分钟内报告县长', responsible: 'office', to: 'head', anchor: 'discoveredAt', offset: 'PT30M', basis: { clause: '第五条' } }],
  };
}

/** A plan on `top` directly, with levels X (→ A, B) and Y (→ C). */
function onTop(): Json {
  return {
    format: 2,
    id: 'unit',
    version: '1.0.0',
    title: '单位预案',
    unit: '某单位',
    source: { document: '单位预案' },
    above: { layer: 'top', levels: { x: ['I', 'II'], y: ['III'] }, roles: { chief: 'boss' }, recipients: { superior: 'county' } },
    levels: [lvl('x', 1), lvl('y', 2)],
    classification: [],
    grading: judged(),
    roles: [
      { id: 'leading-group', name: '领导小组' },
      { id: 'office', name: '办公室' },
      { id: 'boss', name: '单位主要负责人' },
    ],
    recipients: [{ id: 'county', name: '县政府' }],
    escalation: escalate(['x', 'y']),
    obligations: [{ id: 'own', step: 'report', title: '1小时内报告', responsible: 'office', to: 'boss', anchor: 'discoveredAt', offset: 'PT1H', basis: { clause: '第五条' } }],
  };
}

const incident = (level: string | null, extra: Json = {}) => ({
  id: 'inc',
  occurredAt: at('08:00'),
  discoveredAt: at('08:05'),
  ...extra,
  events: level === null ? [] : [{ type: 'level-set', level, at: at('08:10'), by: 'leading-group' }],
});

const byId = (decision: ReturnType<typeof decide>) => new Map(decision.obligations.map((o) => [o.id, o]));
const paths = (error: PlanError) => error.issues.map((i) => i.path.join('.'));
const issueAt = (error: PlanError, path: string): Issue => {
  const found = error.issues.find((i) => i.path.join('.') === path);
  if (!found) throw new Error(`no issue at ${path}: ${paths(error).join(', ')}`);
  return found;
};
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

describe('a plan built on one layer', () => {
  const plan = loadPlan(onTop(), { layers: [top()] });

  it("gets the layer's deadlines at the levels it maps, each citing the layer's document and number and naming the layer", () => {
    const d = byId(decide(plan, incident('x'), { now: at('09:00') }));
    expect(d.get('info')).toMatchObject({ dueAt: at('13:00'), layer: 'top', basis: { document: '上级规定', number: '上发〔2026〕1号', clause: '第五条' } });
    expect(d.get('conference')).toMatchObject({ dueAt: at('08:00', '03'), layer: 'top', responsible: { id: 'spokes' } });
    expect(d.get('phone')).toMatchObject({ dueAt: at('08:30'), soft: true, to: 'county', recipient: { id: 'county', name: '县政府' }, layer: 'top' });
    expect(d.get('own')).toMatchObject({ dueAt: at('09:05'), basis: { document: '单位预案', clause: '第五条' } });
    expect(d.get('own')).not.toHaveProperty('layer');
    expect(d.has('respond')).toBe(false);
    const y = byId(decide(plan, incident('y'), { now: at('09:00') }));
    expect(y.get('respond')).toMatchObject({ dueAt: at('08:00', '04'), layer: 'top' });
    expect([...y.keys()].filter((id) => ['info', 'conference', 'phone'].includes(id))).toEqual([]);
  });

  it('rewrites conditions on levels and ranks to its own levels, and renames the named conditions and the parties', () => {
    const o = new Map(plan.definition.obligations.map((x) => [x.id, x]));
    expect(o.get('info')?.when).toEqual({ all: [{ condition: 'top-serious' }] });
    expect(plan.definition.conditions['top-serious']).toEqual({ any: [{ fact: 'level', operator: 'in', value: ['x'] }, { fact: 'level', operator: 'in', value: ['x'] }] });
    expect(o.get('phone')?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['x'] }] });
    // notEqual "ungraded" holds at every level of the layer, and the plan's ungraded phase stands for the layer's.
    expect(o.get('cross')?.when).toEqual({ all: [{ fact: 'crossRegion', operator: 'equal', value: true }, { fact: 'level', operator: 'in', value: ['x', 'y'] }] });
    expect(o.get('conference')?.approval).toEqual({ mode: 'any', by: ['boss'] });
    expect(o.get('respond')?.extension).toEqual({ max: 'PT24H', approvedBy: ['boss'] });
    expect(plan.definition.facts?.flags?.crossRegion?.setBy).toEqual([['boss']]);
    expect(plan.definition.steps?.map((s) => s.id)).toEqual(['take-over']);
    expect(plan.definition.recurring).toMatchObject([{ id: 'monthly', layer: 'top' }]);
  });

  it('takes the roles the layer duties name that it neither defines nor maps, a collective one with its members renamed', () => {
    expect(plan.definition.roles.map((r) => r.id)).toEqual(['leading-group', 'office', 'boss', 'spokes', 'board']);
    expect(plan.definition.roles.find((r) => r.id === 'board')?.members).toEqual(['boss', 'spokes']);
    expect(plan.definition.recipients.map((r) => r.id)).toEqual(['county']);
    expect(plan.definition.roles.find((r) => r.id === 'office')?.name).toBe('办公室');
  });

  it('lists its layer with its mapping, and a plan on none lists none', () => {
    expect(plan.layers).toEqual([{ id: 'top', version: '2.0.0', title: '上级规定', levels: { x: ['I', 'II'], y: ['III'] } }]);
    expect(Object.isFrozen(plan.layers) && Object.isFrozen(plan.layers[0]) && Object.isFrozen(plan.layers[0]?.levels)).toBe(true);
    expect(Object.getPrototypeOf(plan.layers[0]?.levels)).toBe(null);
    expect(loadPlan('county-bureau').layers).toEqual([]);
  });

  it('decides as the same duties written out by hand', () => {
    const layerBasis = (clause: string) => ({ document: '上级规定', number: '上发〔2026〕1号', clause });
    const inX = { fact: 'level', operator: 'in', value: ['x'] };
    const byHand = {
      ...onTop(),
      above: undefined,
      conditions: { 'top-serious': { any: [inX, inX] } },
      facts: { flags: { crossRegion: { name: '跨地区', setBy: [['boss']] } } },
      steps: [{ id: 'take-over', title: '认领' }],
      roles: [...onTop().roles, { id: 'spokes', name: '新闻发言人' }, { id: 'board', name: '党组', collective: true, members: ['boss', 'spokes'] }],
      obligations: [
        ...onTop().obligations,
        { id: 'info', step: 'statement', title: '5小时内发布权威信息', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', when: { all: [{ condition: 'top-serious' }] }, layer: 'top', basis: layerBasis('第五条') },
        { id: 'conference', step: 'press-conference', title: '24小时内举行新闻发布会', responsible: 'spokes', anchor: 'occurredAt', clock: 'keep', offset: 'PT24H', approval: { mode: 'any', by: ['boss'] }, when: { all: [inX] }, layer: 'top', basis: layerBasis('第六条') },
        { id: 'respond', step: 'reply', title: '48小时内回应', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT48H', extension: { max: 'PT24H', approvedBy: ['boss'] }, when: { all: [{ fact: 'level', operator: 'in', value: ['y'] }] }, layer: 'top', basis: layerBasis('第七条') },
        { id: 'releasing', step: 'statement', title: '持续发布权威信息', responsible: 'office', continuous: true, until: 'subsided', layer: 'top', basis: layerBasis('第八条') },
        { id: 'phone', step: 'phone-report', title: '力争30分钟内电话报告', responsible: 'office', to: 'county', notify: 'report', anchor: 'occurredAt', clock: 'keep', offset: 'PT30M', soft: true, when: { all: [inX] }, layer: 'top', basis: layerBasis('第九条') },
        { id: 'cross', step: 'take-over', title: '跨地区的由上级认领', responsible: 'board', when: { all: [{ fact: 'crossRegion', operator: 'equal', value: true }, { fact: 'level', operator: 'in', value: ['x', 'y'] }] }, layer: 'top', basis: layerBasis('第十条') },
      ],
      recurring: [{ id: 'monthly', step: 'monthly-analysis', title: '每月研判', responsible: 'office', every: 'P1M', layer: 'top', basis: layerBasis('第十一条') }],
    };
    delete (byHand as Json).above;
    const written = loadPlan(byHand);
    for (const [level, flags, now] of [['x', {}, at('09:00')], ['y', { crossRegion: true }, at('10:00', '03')], [null, {}, at('08:20')]] as const) {
      const events = [...incident(level).events, { type: 'statement', at: at('09:30'), by: 'office' }];
      const inc = { ...incident(level, { flags }), events };
      expect(decide(plan, inc, { now })).toEqual(decide(written, inc, { now }));
    }
  });

  it('is taken as it stands when its definition is loaded again (a composed plan, as mutation testing reloads it)', () => {
    expect(plan.definition.above).toMatchObject({ layer: 'top', composed: true });
    const again = loadPlan(structuredClone(plan.definition));
    expect(again.layers).toEqual([]);
    expect(again.definition.obligations.map((o) => o.id)).toEqual(plan.definition.obligations.map((o) => o.id));
    expect(decide(again, incident('x'), { now: at('09:00') })).toEqual(decide(plan, incident('x'), { now: at('09:00') }));
  });
});

describe('a three-file chain: top → mid → local', () => {
  const middle = loadPlan(mid(), { layers: [top()] });
  const plan = loadPlan(local(), { layers: [top(), mid()] });

  it('maps levels at each step: mid M1 → top A, local big → mid M1 and M2 → top A and B', () => {
    expect(middle.layers.map((l) => [l.id, l.levels])).toEqual([['top', { m1: ['I'], m2: ['II'], m3: ['III'], m4: ['III'] }]]);
    expect(plan.layers.map((l) => [l.id, l.version, l.levels])).toEqual([
      ['mid', '1.1.0', { big: ['m1', 'm2'], small: ['m3', 'm4'], drill: [] }],
      ['top', '2.0.0', { big: ['I', 'II'], small: ['III'], drill: [] }],
    ]);
    const mm = byId(decide(middle, incident('m2'), { now: at('09:00') }));
    expect(mm.get('conference')).toMatchObject({ dueAt: at('08:00', '03'), layer: 'top' });
    expect(byId(decide(middle, incident('m3'), { now: at('09:00') })).has('conference')).toBe(false);
  });

  it('the middle override (info within 3 h) reaches the local plan, with the middle clause and document', () => {
    expect(byId(decide(middle, incident('m1'), { now: at('09:00') })).get('info')).toMatchObject({ dueAt: at('11:00'), title: '3小时内发布权威信息', basis: { document: '省级办法', number: '省发〔2026〕2号', clause: '第九条' }, layer: 'top' });
    expect(byId(decide(plan, incident('big'), { now: at('09:00') })).get('info')).toMatchObject({ dueAt: at('11:00'), basis: { document: '省级办法', clause: '第九条' }, layer: 'top' });
  });

  it('the local override (conference within 12 h) cites the local document; the parties are renamed at each step', () => {
    const d = byId(decide(plan, incident('big'), { now: at('09:00') }));
    expect(d.get('conference')).toMatchObject({ dueAt: at('20:00'), basis: { document: '县级预案', clause: '第六条' }, layer: 'top', responsible: { id: 'spokes', name: '省新闻发言人' } });
    expect(d.get('phone')).toMatchObject({ to: 'city', dueAt: at('08:30') });
    expect(plan.definition.obligations.find((o) => o.id === 'conference')?.approval?.by).toEqual(['head']);
  });

  it('the middle remove takes out releasing; the local restore brings it back from the top, rewritten through both mappings', () => {
    expect(middle.definition.obligations.map((o) => o.id)).not.toContain('releasing');
    const restored = plan.definition.obligations.find((o) => o.id === 'releasing');
    expect(restored).toMatchObject({ layer: 'top', basis: { document: '上级规定', clause: '第八条' }, when: { all: [{ fact: 'level', operator: 'in', value: ['big', 'small', 'ungraded'] }] } });
    expect(byId(decide(plan, incident('small'), { now: at('09:00') })).get('releasing')).toMatchObject({ kind: 'continuous', status: 'pending' });
  });

  it('the local remove takes out the 48 h reply: nothing at small but what it restored', () => {
    expect(plan.definition.obligations.map((o) => o.id)).toEqual(['tell-head', 'info', 'conference', 'phone', 'cross', 'releasing']);
    expect([...byId(decide(plan, incident('small'), { now: at('09:00') })).keys()]).toEqual(['tell-head', 'releasing']);
  });

  it('no layer duty applies at a level mapped to nothing, whatever its condition', () => {
    // Graded at 08:10: the continuous duty that arose while ungraded no longer applies at drill.
    const drill = decide(plan, incident('drill', { flags: { crossRegion: true } }), { now: at('09:00') });
    expect(drill.obligations.map((o) => [o.id, o.status])).toEqual([['tell-head', 'overdue'], ['releasing', 'not-applicable']]);
    expect(byId(decide(plan, incident('big', { flags: { crossRegion: true } }), { now: at('09:00') })).get('cross')).toMatchObject({ layer: 'top' });
  });

  it('names the condition copied twice by both layer ids', () => {
    expect(Object.keys(plan.definition.conditions)).toEqual(['mid-top-serious']);
    expect(plan.definition.obligations.find((o) => o.id === 'info')?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['big', 'small', 'ungraded'] }, { all: [{ condition: 'mid-top-serious' }] }] });
  });
});

describe('the bundled national layer', () => {
  it('is listed by listLayers, not listPlans, and loads by its id', () => {
    expect(listLayers().map((l) => l.id)).toEqual(['national']);
    expect(listPlans().map((p) => p.id)).not.toContain('national');
    const national = loadPlan('national');
    expect(national.definition.kind).toBe('layer');
    expect(national.layers).toEqual([]);
    expect(planErrorOf(() => loadPlan('nowhere')).issues[0]?.expected).toMatch(/"county-bureau".*"national"/);
  });

  it('gives a plan above it the national deadlines with the national citations', () => {
    const unit = { ...onTop(), above: { layer: 'national', levels: { x: ['I', 'II'], y: ['other'] }, roles: { 'main-leader': 'boss' } } };
    const plan = loadPlan(unit);
    const d = byId(decide(plan, incident('x'), { now: at('09:00') }));
    expect(d.get('authoritative-info')).toMatchObject({ dueAt: at('13:00'), layer: 'national', basis: { number: '国办发〔2016〕80号' } });
    expect(d.get('press-conference')).toMatchObject({ dueAt: at('08:00', '03'), layer: 'national' });
    expect(d.get('phone-report')).toMatchObject({ dueAt: at('08:30'), soft: true, layer: 'national', to: 'higher-government' });
    expect(byId(decide(plan, incident('y'), { now: at('09:00') })).get('respond-48h')).toMatchObject({ dueAt: at('08:00', '04'), basis: { number: '国办发〔2016〕61号' } });
  });

  it('a seed-citing plan of format 2 may be built on it: the duties it brings cite the national documents, not the seed', () => {
    const unit = { ...onTop(), source: { seed: '000', file: 'seeds/000.md' }, above: { layer: 'national', levels: { x: ['I'], y: ['II', 'other'] } } };
    const seeded = JSON.parse(JSON.stringify(unit).replace(/"basis":\{"clause":"([^"]+)"\}/g, '"basis":{"seed":"000","clause":"$1"}'));
    const plan = loadPlan(seeded);
    expect(plan.definition.obligations.find((o) => o.id === 'authoritative-info')?.basis).toMatchObject({ number: '国办发〔2016〕80号' });
    expect(plan.definition.obligations.find((o) => o.id === 'own')?.basis).toEqual({ seed: '000', clause: '第五条' });
  });
});

describe('the layers option, ids and what is passed in', () => {
  it('a supplied layer with a bundled id replaces it, and loadPlan loads a supplied layer by its id', () => {
    const national = { ...top(), id: 'national' };
    const plan = loadPlan({ ...onTop(), above: { ...onTop().above, layer: 'national' } }, { layers: [national] });
    expect(plan.layers[0]).toMatchObject({ id: 'national', title: '上级规定' });
    expect(loadPlan('top', { layers: [top()] }).definition.kind).toBe('layer');
  });

  it('changes nothing it is given, and loads frozen inputs', () => {
    const inputs = [local(), top(), mid()];
    const copies = structuredClone(inputs);
    loadPlan(inputs[0] as Json, { layers: [inputs[1] as Json, inputs[2] as Json] });
    expect(inputs).toEqual(copies);
    const frozen = deepFreeze(structuredClone(inputs));
    expect(loadPlan(frozen[0] as Json, { layers: [frozen[1] as Json, frozen[2] as Json] }).id).toBe('loc');
  });

  it('refuses a layers option that is not a list of layers, each problem with its path', () => {
    expect(paths(planErrorOf(() => loadPlan(onTop(), { layers: 'top' as never })))).toEqual(['layers']);
    const error = planErrorOf(() => loadPlan(onTop(), { layers: [null as never, { kind: 'layer' }, { ...top(), kind: 'plan' }, top(), top()] }));
    expect(paths(error)).toEqual(['layers.0', 'layers.1.id', 'layers.2.kind', 'layers.4.id']);
    expect(issueAt(error, 'layers.2.kind')).toMatchObject({ received: 'plan', expected: '"layer"' });
    expect(issueAt(error, 'layers.4.id').message).toBe('a second layer with this id');
    const forbidden = JSON.parse('[{"id":"top","kind":"layer","__proto__":{"x":1}}]');
    expect(paths(planErrorOf(() => loadPlan(onTop(), { layers: forbidden })))).toEqual(['layers.0.__proto__']);
  });

  it('an unknown layer, a plan named as a layer, a name of Object.prototype: issues at above.layer', () => {
    for (const [layer, message] of [['nowhere', 'no layer has this id'], ['county-bureau', '"county-bureau" is a plan, not a layer'], ['constructor', 'no layer has this id']] as const) {
      const error = planErrorOf(() => loadPlan({ ...onTop(), above: { ...onTop().above, layer } }));
      expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], received: layer, message: expect.stringContaining(message) })]);
    }
  });

  it('a cycle of layers and a chain more than 8 deep: issues at above.layer naming the chain', () => {
    const a = { ...top(), id: 'la', above: { layer: 'lb', levels: { I: ['I'], II: ['II'], III: ['III'] } } };
    const b = { ...top(), id: 'lb', above: { layer: 'la', levels: { I: ['I'], II: ['II'], III: ['III'] } } };
    const cycle = planErrorOf(() => loadPlan({ ...onTop(), above: { ...onTop().above, layer: 'la' } }, { layers: [a, b] }));
    expect(cycle.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], code: 'layer_cycle', message: 'layers build on each other in a cycle: la → lb → la' })]);
    const chain = Array.from({ length: 10 }, (_, i) => ({ ...top(), id: `l${i}`, ...(i < 9 ? { obligations: [], recurring: [], above: { layer: `l${i + 1}`, levels: { I: ['I'], II: ['II'], III: ['III'] } } } : {}) }));
    const deep = planErrorOf(() => loadPlan({ ...onTop(), above: { ...onTop().above, layer: 'l0' } }, { layers: chain }));
    expect(deep.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], code: 'layer_too_deep', message: expect.stringContaining('l0 → l1 → l2 → l3 → l4 → l5 → l6 → l7 → l8') })]);
    expect(loadPlan({ ...onTop(), above: { ...onTop().above, layer: 'l2' } }, { layers: chain }).layers).toHaveLength(8);
  });

  it("a layer's own problems are the plan's, at above.layer, naming the layer and the path in it", () => {
    const broken = { ...top(), obligations: [{ ...top().obligations[0], offset: 'soon' }] };
    const error = planErrorOf(() => loadPlan(onTop(), { layers: [broken] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], received: 'soon', message: 'the layer "top" does not load: obligations.0.offset: not an ISO 8601 duration' })]);
    const blank = { ...top(), parameters: [{ id: 'hours', type: 'number', name: '小时', basis: { clause: '第一条' } }], obligations: [{ ...top().obligations[0], offset: 'PT{{hours}}H' }] };
    expect(planErrorOf(() => loadPlan(onTop(), { layers: [blank] })).code).toBe('MISSING_PARAMETER');
    const rootless = planErrorOf(() => loadPlan(onTop(), { layers: [{ ...top(), extends: 'nowhere' }] }));
    expect(rootless.issues[0]?.message).toMatch(/^the layer "top" does not load: extends: /);
  });

  it('each file fills the blanks it declares; a value no file declares is an issue', () => {
    const blank = { ...top(), parameters: [{ id: 'hours', type: 'number', name: '小时', basis: { clause: '第一条' } }], obligations: [{ ...top().obligations[0], offset: 'PT{{hours}}H' }] };
    const unit = { ...onTop(), parameters: [{ id: 'minutes', type: 'number', name: '分钟', basis: { clause: '第一条' } }], obligations: [{ ...onTop().obligations[0], offset: 'PT{{minutes}}M' }] };
    const plan = loadPlan(unit, { layers: [blank], parameters: { hours: 4, minutes: 20 } });
    expect(plan.parameters).toEqual({ minutes: 20 });
    expect(plan.definition.obligations.map((o) => o.offset).slice(0, 2)).toEqual(['PT20M', 'PT4H']);
    const unknown = planErrorOf(() => loadPlan(unit, { layers: [blank], parameters: { hours: 4, minutes: 20, days: 1 } }));
    expect(paths(unknown)).toEqual(['parameters.days']);
  });
});

describe('every bad mapping, override, remove and restore is an issue naming the path, the value and what was expected', () => {
  const withAbove = (above: Json, extra: Json = {}) => ({ ...onTop(), ...extra, above: { ...onTop().above, ...above } });
  const errorOf = (file: Json) => planErrorOf(() => loadPlan(file, { layers: [top(), mid()] }));

  it('levels: one unmapped, a key that is no level of the file, a value that is no level of the layer', () => {
    const error = errorOf(withAbove({ levels: { x: ['I', 'IV'], w: [] } }));
    expect(error.issues).toEqual([
      { path: ['above', 'levels'], code: 'layer_levels', message: 'the level "y" of this file is not mapped to the layer\'s levels', received: 'y', expected: '"y": a list of the levels of the layer "top" it counts as (one of "I", "II", "III"), or [] for none' },
      { path: ['above', 'levels', 'x', 1], code: 'layer_levels', message: 'not a level of the layer "top"', received: 'IV', expected: 'one of "I", "II", "III"' },
      { path: ['above', 'levels', 'w'], code: 'layer_levels', message: 'not a level of this file', received: 'w', expected: 'one of "x", "y"' },
    ]);
  });

  it('roles and recipients: a key the layer lacks, a value this file lacks', () => {
    const error = errorOf(withAbove({ roles: { nobody: 'boss', chief: 'nobody' }, recipients: { superior: 'boss', elsewhere: 'county' } }));
    expect(error.issues.map((i) => [i.path.join('.'), i.received, i.message, i.expected])).toEqual([
      ['above.roles.nobody', 'nobody', 'the layer "top" has no role with this id', 'one of "leading-group", "office", "chief", "spokes", "board", "unused"'],
      ['above.roles.chief', 'nobody', 'not a role of this file', 'one of "leading-group", "office", "boss"'],
      ['above.recipients.superior', 'boss', 'not a recipient of this file', 'one of "county"'],
      ['above.recipients.elsewhere', 'elsewhere', 'the layer "top" has no recipient with this id', 'one of "superior"'],
    ]);
  });

  it('remove: a kind that cannot be removed, an id the layer lacks', () => {
    const error = errorOf(withAbove({ remove: { roles: ['office'], obligations: ['info', 'nothing'] } }));
    expect(error.issues.map((i) => [i.path.join('.'), i.received, i.message])).toEqual([
      ['above.remove.roles', 'roles', 'nothing of this kind can be removed'],
      ['above.remove.obligations.1', 'nothing', 'the layer "top" has no obligations item with this id'],
    ]);
    expect(error.issues[1]?.expected).toBe('one of "conference", "respond", "releasing", "phone", "cross"');
  });

  it('restore: a kind that cannot be restored, a duty in force, an id no layer up has', () => {
    const file = { ...local(), above: { ...local().above, restore: { steps: ['take-over'], obligations: ['info', 'nothing', 'releasing'] } } };
    const error = errorOf(file);
    expect(error.issues.map((i) => [i.path.join('.'), i.received, i.message])).toEqual([
      ['above.restore.steps', 'steps', 'nothing of this kind can be restored'],
      ['above.restore.obligations.0', 'info', 'the layer "mid" has this duty in force: there is nothing to restore (keep it, or change it under "above.overrides")'],
      ['above.restore.obligations.1', 'nothing', 'no layer above "mid" has a obligations item with this id'],
    ]);
    expect(error.issues[2]?.expected).toBe('an id of a duty a layer above "mid" defines and "mid" removed');
    // On a layer built on none, nothing can be restored.
    expect(paths(errorOf(withAbove({ restore: { recurring: ['monthly'] } })))).toEqual(['above.restore.recurring.0']);
  });

  it('overrides: an unknown kind, an id not in force, a patch that is no object, a changed id or layer', () => {
    const error = errorOf(withAbove({ remove: { obligations: ['phone'] }, overrides: { levels: { A: {} }, obligations: { phone: { offset: 'PT1H' }, info: 'PT1H', conference: { id: 'mine' }, respond: { layer: 'x' } } } }));
    expect(error.issues.map((i) => [i.path.join('.'), i.received, i.message])).toEqual([
      ['above.overrides.levels', 'levels', 'the layer has nothing of this kind to override'],
      ['above.overrides.obligations.phone', 'phone', 'the layer "top" has no obligations item in force with this id'],
      ['above.overrides.obligations.info', 'PT1H', 'must be an object of the fields that change'],
      ['above.overrides.obligations.conference.id', 'mine', "the id of a layer's item cannot be changed here"],
      ['above.overrides.obligations.respond.layer', 'x', "the layer of a layer's item cannot be changed here"],
    ]);
    expect(error.issues[0]?.expected).toBe('one of obligations, recurring, roles, recipients');
    expect(error.issues[1]?.expected).toBe('one of "info", "conference", "respond", "releasing", "cross"');
  });

  it('overrides of roles and recipients patch those the plan takes; one it does not take is an issue', () => {
    const plan = loadPlan(withAbove({ overrides: { roles: { spokes: { name: '发言人（本单位）' } }, recurring: { monthly: { every: 'P3M' } } } }), { layers: [top()] });
    expect(plan.definition.roles.find((r) => r.id === 'spokes')?.name).toBe('发言人（本单位）');
    expect(plan.definition.recurring[0]?.every).toBe('P3M');
    const error = errorOf(withAbove({ overrides: { roles: { unused: { name: 'x' }, chief: { name: 'y' } }, recipients: { superior: { name: 'z' } } } }));
    expect(error.issues.map((i) => [i.path.join('.'), i.received])).toEqual([
      ['above.overrides.roles.unused', 'unused'],
      ['above.overrides.roles.chief', 'chief'],
      ['above.overrides.recipients.superior', 'superior'],
    ]);
    expect(error.issues[0]?.expected).toBe('one of "spokes", "board"');
  });

  it('an override that makes a bad field is an issue at the override; a problem of what the layer brings, at above.layer', () => {
    const bad = errorOf(withAbove({ overrides: { obligations: { info: { offset: 'soon' } } } }));
    expect(bad.issues).toEqual([expect.objectContaining({ path: ['above', 'overrides', 'obligations', 'info', 'offset'], received: 'soon' })]);
    const schema = errorOf(withAbove({ overrides: { obligations: { info: { offset: 5 } } } }));
    expect(paths(schema)).toEqual(['above.overrides.obligations.info.offset']);
    // The layer's duty waits for one this file removed: the layer brings a reference to nothing.
    const waiting = { ...top(), obligations: [...top().obligations, { id: 'after-info', step: 'reply', title: '发布后回应', responsible: 'office', after: ['info'], basis: { clause: '第十二条' } }] };
    const orphan = planErrorOf(() => loadPlan(withAbove({ remove: { obligations: ['info'] } }), { layers: [waiting] }));
    expect(orphan.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], message: expect.stringMatching(/^obligations "after-info" from the layer "top" \(obligations\.\d+\.after\.0 of the composed plan\): /) })]);
  });

  it('an own duty with the id of a layer duty clashes; removing the layer one first replaces it', () => {
    const mine = { ...onTop().obligations[0], id: 'info' };
    const clash = planErrorOf(() => loadPlan(withAbove({}, { obligations: [mine] }), { layers: [top()] }));
    expect(clash.issues).toEqual([
      { path: ['obligations', 0, 'id'], code: 'layer_clash', message: 'the layer "top" already defines this duty; change it under "above.overrides.obligations", or remove it there first', received: 'info', expected: 'a new id' },
    ]);
    const recurring = planErrorOf(() => loadPlan(withAbove({}, { recurring: [{ id: 'monthly', step: 'monthly-analysis', title: '月报', responsible: 'office', every: 'P1M', basis: { clause: '第一条' } }] }), { layers: [top()] }));
    expect(paths(recurring)).toEqual(['recurring.0.id']);
    const tagged = planErrorOf(() => loadPlan(withAbove({}, { obligations: [{ ...mine, id: 'mine', layer: 'top' }] }), { layers: [top()] }));
    expect(tagged.issues).toEqual([
      { path: ['obligations', 0, 'layer'], code: 'layer_field', message: 'set by composition on the duties a layer brings; a duty of this file names no layer', received: 'top', expected: 'no "layer"' },
    ]);
    const replaced = loadPlan(withAbove({ remove: { obligations: ['info'] } }, { obligations: [mine] }), { layers: [top()] });
    expect(replaced.definition.obligations.filter((o) => o.id === 'info')).toMatchObject([{ step: 'report' }]);
    expect(replaced.definition.obligations.find((o) => o.id === 'info')).not.toHaveProperty('layer');
  });

  it("a condition of the file named as a layer's copied one clashes; a fact or step the file declares stands for the layer's", () => {
    const error = planErrorOf(() => loadPlan(withAbove({}, { conditions: { 'top-serious': { all: [] } } }), { layers: [top()] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['conditions', 'top-serious'], code: 'layer_clash', expected: 'another name' })]);
    const own = loadPlan(withAbove({}, { facts: { flags: { crossRegion: { name: '本单位跨地区' } } }, steps: [{ id: 'take-over', title: '本单位认领' }] }), { layers: [top()] });
    expect(own.definition.facts?.flags?.crossRegion).toEqual({ name: '本单位跨地区' });
    expect(own.definition.steps).toEqual([{ id: 'take-over', title: '本单位认领' }]);
    const conflicting = planErrorOf(() => loadPlan(withAbove({}, { facts: { indicators: { crossRegion: { name: '跨地区程度', values: [{ id: 'many', name: '多' }, { id: 'one', name: '一' }] } } } }), { layers: [top()] }));
    expect(conflicting.issues[0]).toMatchObject({ path: ['above', 'layer'], message: expect.stringMatching(/^obligations "cross" from the layer "top"/) });
    const layerFact = { ...top(), facts: { flags: { crossRegion: { name: '跨地区' } }, indicators: { scope: { name: '范围', values: [{ id: 'wide', name: '广' }, { id: 'narrow', name: '窄' }], setBy: [['ghost']] } } } };
    const ghost = planErrorOf(() => loadPlan(onTop(), { layers: [layerFact] }));
    expect(paths(ghost)).toEqual(['above.layer']);
  });
});

describe('levels, ranks and the ungraded phase', () => {
  it('a layer condition that holds at no mapped level never holds; a layer without an ungraded phase brings no duty before grading', () => {
    const graded = { ...top(), grading: undefined, classification: [{ id: 'c', level: 'III', priority: 1, conditions: { all: [] }, basis: { clause: '第二条' } }], obligations: top().obligations.filter((o: Json) => o.id !== 'cross') };
    const unit = { ...onTop(), above: { layer: 'top', levels: { x: ['III'], y: ['III'] } } };
    const plan = loadPlan(unit, { layers: [graded] });
    // The plan's ungraded phase maps to nothing (the layer has none): the duties are limited to x and y.
    expect(plan.definition.obligations.find((o) => o.id === 'phone')?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['x', 'y'] }, { all: [{ not: { all: [] } }] }] });
    expect(plan.definition.obligations.find((o) => o.id === 'releasing')?.when).toEqual({ all: [{ fact: 'level', operator: 'in', value: ['x', 'y'] }] });
    expect([...byId(decide(plan, incident(null), { now: at('09:00') })).keys()]).toEqual(['own']);
    expect([...byId(decide(plan, incident('y'), { now: at('09:00') })).keys()]).toEqual(['own', 'respond', 'releasing']);
  });

  it('every level mapped to nothing: the layer brings no duty at all', () => {
    const unit = { ...onTop(), grading: undefined, classification: [{ id: 'x', level: 'x', priority: 1, conditions: { all: [] }, basis: { clause: '第二条' } }], above: { layer: 'top', levels: { x: [], y: [] } } };
    const plan = loadPlan(unit, { layers: [top()] });
    expect(plan.definition.obligations.find((o) => o.id === 'releasing')?.when).toEqual({ all: [{ not: { all: [] } }] });
    expect([...byId(decide(plan, incident(null), { now: at('09:00') })).keys()]).toEqual(['own']);
  });
});

describe('what the composition guards against', () => {
  it('a layer condition under "not" is rewritten inside it; a layer and a plan without facts compose without any', () => {
    const layer = { ...top(), facts: undefined, obligations: [{ ...top().obligations[3], when: { not: { fact: 'level', operator: 'equal', value: 'I' } } }] };
    const plan = loadPlan(onTop(), { layers: [layer] });
    expect(plan.definition.obligations[1]?.when).toEqual({ not: { fact: 'level', operator: 'in', value: ['x'] } });
    expect(plan.definition.facts).toBeUndefined();
  });

  it('an override naming a role no file has is an issue at the override', () => {
    const error = planErrorOf(() => loadPlan({ ...onTop(), above: { ...onTop().above, overrides: { obligations: { info: { responsible: 'ghost' } } } } }, { layers: [top()] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'overrides', 'obligations', 'info', 'responsible'], received: 'ghost' })]);
  });

  it("a layer's named condition or fact that does not fit the file's own facts: an issue at above.layer naming it", () => {
    const spread = { name: '传播范围', values: [{ id: 'wide', name: '广' }, { id: 'narrow', name: '窄' }] };
    const layer = {
      ...top(),
      facts: { indicators: { scope: spread }, metrics: { shares: { name: '转发量', sets: { indicator: 'scope', bands: [{ atLeast: 1000, value: 'wide' }] } } } },
      conditions: { ...top().conditions, 'wide-spread': { all: [{ fact: 'scope', operator: 'equal', value: 'wide' }] } },
      obligations: top().obligations.filter((o: Json) => o.id !== 'cross'),
    };
    const own = { ...onTop(), facts: { indicators: { scope: { name: '本单位范围', values: [{ id: 'city', name: '全市' }, { id: 'town', name: '本镇' }] } } } };
    const error = planErrorOf(() => loadPlan(own, { layers: [layer] }));
    expect(error.issues.map((i) => [i.path.join('.'), i.message.split(':')[0]])).toEqual([
      ['above.layer', 'the fact "shares" from the layer "top" (facts.metrics.shares.sets.bands.0.value of the composed plan)'],
      ['above.layer', 'the condition "top-wide-spread" from the layer "top" (conditions.top-wide-spread.all.0.value of the composed plan)'],
    ]);
  });

  it('a revoked Proxy as the layers option, and a layer id asked of options that are no object', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(planErrorOf(() => loadPlan(onTop(), { layers: proxy })).issues).toEqual([expect.objectContaining({ path: ['layers'], received: '(a revoked Proxy)' })]);
    expect(planErrorOf(() => loadPlan('top', proxy as never)).code).toBe('UNKNOWN_PLAN');
    expect(planErrorOf(() => loadPlan('top', 5 as never)).code).toBe('UNKNOWN_PLAN');
    expect(paths(planErrorOf(() => loadPlan('top', { layers: [null as never, top()] })))).toEqual(['layers.0']);
  });

  it("a problem of the file's own fact or condition keeps its own path in a composed plan", () => {
    const own = { ...onTop(), facts: { flags: { mine: { name: '本单位', setBy: [['ghost']] } } }, conditions: { bad: { all: [{ fact: 'nothing', operator: 'equal', value: 1 }] } } };
    expect(paths(planErrorOf(() => loadPlan(own, { layers: [top()] })))).toEqual(['facts.flags.mine.setBy.0.0', 'conditions.bad.all.0.fact']);
  });

  it('a duty named like a property of Object.prototype is found by id, never on the prototype', () => {
    const layer = { ...top(), obligations: [{ ...top().obligations[2], id: 'gone' }, { ...top().obligations[0], id: 'constructor', after: ['gone'] }] };
    const file = { ...onTop(), above: { ...onTop().above, remove: { obligations: ['gone'] }, overrides: { obligations: {} } } };
    const error = planErrorOf(() => loadPlan(file, { layers: [layer] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], message: expect.stringContaining('obligations "constructor" from the layer "top"') })]);
    // A key "constructor" is refused wherever it stands, an override of it included.
    const keyed = JSON.parse(JSON.stringify(file).replace('"overrides":{"obligations":{}}', '"overrides":{"obligations":{"constructor":{"title":"x"}}}'));
    expect(paths(planErrorOf(() => loadPlan(keyed, { layers: [layer] })))).toEqual(['above.overrides.obligations.constructor']);
  });

  it('a declared parameter that is no object, in a file built on a layer: the schema names it', () => {
    expect(paths(planErrorOf(() => loadPlan({ ...onTop(), parameters: [5] }, { layers: [top()] })))).toEqual(['parameters.0']);
  });

  it("an error of the host's own (a getter that throws) goes through a layer unchanged", () => {
    const parameters = Object.defineProperty({}, 'hours', { enumerable: true, get: () => { throw new RangeError('the host failed'); } });
    expect(() => loadPlan(onTop(), { layers: [top()], parameters })).toThrow(RangeError);
  });
});

describe('correspondence and kind', () => {
  it('only a layer has a correspondence, and its values are its levels', () => {
    const inPlan = planErrorOf(() => loadPlan({ ...onTop(), above: undefined, correspondence: { I: ['x'] } }));
    expect(inPlan.issues).toEqual([expect.objectContaining({ path: ['correspondence'], code: 'layer_only', received: '(no kind: a plan)' })]);
    expect(paths(planErrorOf(() => loadPlan({ ...onTop(), above: undefined, kind: 'plan', correspondence: {} })))).toEqual(['correspondence']);
    const wrong = planErrorOf(() => loadPlan({ ...top(), correspondence: { I: ['I', 'IV'] } }));
    expect(wrong.issues).toEqual([{ path: ['correspondence', 'I', 1], code: 'invalid_reference', message: 'not a level of this layer', received: 'IV', expected: 'one of "I", "II", "III"' }]);
  });
});
