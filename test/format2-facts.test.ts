import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, EventSchema, IncidentSchema, loadPlan, PlanError, type Decision } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { bandValueOf, factTableOf, indicatorsSetBy, isIntegerMetric, isSharedFactName, moreSevere, oneOfNames, stepOrderOf, stepPlacesOf } from '../src/model/facts.js';
import { PlanDefinitionSchema, type DeclaredMetric, type PlanDefinition } from '../src/model/plan.js';
import { STEP_IDS } from '../src/model/vocabulary.js';
import { factText } from '../src/model/labels.js';
import { incidentErrorOf } from './support/errors.js';

// Facts and steps a plan declares (plan format 2, `facts` and `steps`), on the example plan
// examples/plans/city-media-tier.json: a declared indicator (媒体层级), a metric (转发量) whose bands set
// the shared indicator spread, a declared flag, and the declared steps 认领 (claim) and 督查 (inspect).
// Times are on 2026-03-02 in +08:00.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const EXAMPLE: Json = JSON.parse(readFileSync(new URL('../examples/plans/city-media-tier.json', import.meta.url), 'utf8'));
const at = (hhmm: string): string => `2026-03-02T${hhmm}:00+08:00`;

/** The example plan, changed by `edit` on a copy. */
function source(edit: (plan: Json) => void = () => {}): Json {
  const plan = structuredClone(EXAMPLE);
  edit(plan);
  return plan;
}
const PLAN = loadPlan(source());
const definition = (edit?: (plan: Json) => void): PlanDefinition => PlanDefinitionSchema.parse(source(edit));

const incident = (fields: Json = {}): Json => ({ id: 'cmt', occurredAt: at('08:30'), discoveredAt: at('09:00'), ...fields });
const decideAt = (fields: Json, now = at('09:10'), plan = PLAN): Decision => decide(plan, incident(fields), { now });

function planIssues(plan: Json): { path: string; message: string; received?: unknown; expected?: string }[] {
  try {
    inLanguage('en', () => loadPlan(plan));
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, received: i.received, ...(i.expected !== undefined ? { expected: i.expected } : {}) }));
  }
  throw new Error('expected a PlanError');
}
const issueAt = (plan: Json, path: string) => planIssues(plan).filter((i) => i.path === path);

describe('the fact table of a plan', () => {
  const table = factTableOf(definition());

  it('holds the shared facts first, then the declared ones, each with its kind', () => {
    expect(table.names.slice(-3)).toEqual(['mediaTier', 'staffInvolved', 'reposts']);
    expect(table.names.slice(0, 5)).toEqual(['attention', 'foreignMedia', 'spread', 'reach', 'offlineRisk']);
    expect(table.facts.get('mediaTier')).toMatchObject({ kind: 'indicator', shared: false, label: '媒体层级', values: ['central', 'provincial', 'local'] });
    expect(table.facts.get('mediaTier')?.labels?.get('provincial')).toBe('省级媒体');
    expect(table.facts.get('staffInvolved')).toMatchObject({ kind: 'flag', shared: false, label: '涉及本市公职人员' });
    expect(table.facts.get('reposts')).toMatchObject({ kind: 'metric', shared: false, label: '转发量' });
    expect(table.facts.get('spread')).toMatchObject({ kind: 'indicator', shared: true, values: ['very-fast', 'fast', 'moderate', 'slow'] });
    expect(table.facts.get('massIncident')).toMatchObject({ kind: 'flag', shared: true });
    expect(table.facts.get('subsided')).toMatchObject({ kind: 'state', shared: true });
    expect(table.facts.get('level')).toMatchObject({ kind: 'level', values: ['I', 'II', 'III'] });
    expect(table.facts.get('levelRank')).toMatchObject({ kind: 'levelRank' });
    expect(table.indicators).toEqual(['attention', 'foreignMedia', 'spread', 'reach', 'offlineRisk', 'mediaTier']);
    expect(table.flags.at(-1)).toBe('staffInvolved');
    expect(table.metrics).toEqual(['reposts']);
    expect(table.setters.get('spread')).toEqual(['reposts']);
  });

  it('lets classification read the declared facts but not the states or the level', () => {
    expect(table.classificationNames).toEqual(expect.arrayContaining(['mediaTier', 'staffInvolved', 'reposts', 'attention', 'exercise']));
    expect(table.classificationNames).not.toContain('subsided');
    expect(table.classificationNames).not.toContain('level');
  });

  it('is the shared vocabulary alone for a plan that declares nothing', () => {
    const plain = factTableOf(definition((p) => { delete p.facts; }));
    expect(plain.metrics).toEqual([]);
    expect(plain.names).not.toContain('mediaTier');
    expect(plain.setters.size).toBe(0);
    // A metric whose target is no indicator sets nothing (validation refuses it).
    const stray = factTableOf(definition((p) => { p.facts.metrics.reposts.sets.indicator = 'staffInvolved'; }));
    expect(stray.setters.size).toBe(0);
    expect(indicatorsSetBy(stray, { reposts: 50_000 }).size).toBe(0);
  });

  it('finds the band a number reaches: a threshold belongs to its band, below the last band nothing', () => {
    const reposts = table.facts.get('reposts')?.metric as DeclaredMetric;
    expect(bandValueOf(reposts, 10_000)).toBe('very-fast');
    expect(bandValueOf(reposts, 9_999)).toBe('fast');
    expect(bandValueOf(reposts, 1_000)).toBe('fast');
    expect(bandValueOf(reposts, 999)).toBeUndefined();
    expect(bandValueOf({ name: '无档位' }, 5)).toBeUndefined();
    expect(isIntegerMetric(reposts)).toBe(true);
    expect(isIntegerMetric({ name: 'x' })).toBe(true);
    expect(isIntegerMetric({ name: 'x', integer: false })).toBe(false);
  });

  it('takes the most severe value where several metrics set one indicator, and skips metrics not given', () => {
    const two = factTableOf(definition((p) => {
      p.facts.metrics.views = { name: '阅读量', sets: { indicator: 'spread', bands: [{ atLeast: 1_000_000, value: 'very-fast' }, { atLeast: 10_000, value: 'moderate' }] } };
    }));
    expect(two.setters.get('spread')).toEqual(['reposts', 'views']);
    expect(indicatorsSetBy(two, { reposts: 2_000, views: 20_000 }).get('spread')).toBe('fast');
    expect(indicatorsSetBy(two, { reposts: 2_000, views: 2_000_000 }).get('spread')).toBe('very-fast');
    expect(indicatorsSetBy(two, { views: 20_000 }).get('spread')).toBe('moderate');
    expect(indicatorsSetBy(two, { reposts: 10 }).has('spread')).toBe(false);
  });

  it('compares values by their order, most severe first', () => {
    const order = ['central', 'provincial', 'local'];
    expect(moreSevere(order, 'local', 'central')).toBe('central');
    expect(moreSevere(order, 'central', 'local')).toBe('central');
    expect(moreSevere(order, undefined, 'local')).toBe('local');
    expect(moreSevere(order, 'local', undefined)).toBe('local');
  });

  it('orders steps shared first, then declared in declaration order', () => {
    expect(stepOrderOf(definition())).toEqual([...STEP_IDS, 'claim', 'inspect']);
    expect(stepPlacesOf(definition()).get('inspect')).toBe(STEP_IDS.length + 1);
    expect(stepOrderOf(definition((p) => { delete p.steps; }))).toEqual([...STEP_IDS]);
  });

  it('writes a fact with its label and its value with its label', () => {
    expect(factText(table, 'mediaTier', 'central')).toBe('媒体层级：中央媒体');
    expect(factText(table, 'spread', 'fast')).toBe('传播速度：快');
    expect(factText(table, 'reposts', 12)).toBe('转发量：12 次');
    expect(isSharedFactName('spread')).toBe(true);
    expect(isSharedFactName('mediaTier')).toBe(false);
  });

  it('lists at most 50 names in what it expected, and says when there are none', () => {
    expect(oneOfNames([])).toBe('none: the plan declares none');
    expect(oneOfNames(['a', 'b'])).toBe('one of "a", "b"');
    const many = Array.from({ length: 60 }, (_, i) => `n${i}`);
    expect(oneOfNames(many)).toMatch(/"n49", … \(60 in all\)$/);
    expect(oneOfNames(many)).not.toContain('"n50"');
  });
});

describe('deciding over declared facts', () => {
  it('grades by a declared indicator and names its label in the explanation', () => {
    const d = decideAt({ indicators: { mediaTier: 'central' } });
    expect(d.level.id).toBe('I');
    expect(d.explanation[0]?.text).toContain('媒体层级：中央媒体');
    expect(decideAt({ indicators: { mediaTier: 'provincial' } }).level.id).toBe('II');
    expect(decideAt({ indicators: { mediaTier: 'local' } }).level.id).toBe('III');
  });

  it('lets a metric set an indicator through its bands, the threshold in its band', () => {
    expect(decideAt({ metrics: { reposts: 10_000 } }).level.id).toBe('I');
    expect(decideAt({ metrics: { reposts: 9_999 } }).level.id).toBe('II');
    expect(decideAt({ metrics: { reposts: 1_000 } }).level.id).toBe('II');
    expect(decideAt({ metrics: { reposts: 999 } }).level.id).toBe('III');
    expect(decideAt({ metrics: { reposts: 0 } }).level.id).toBe('III');
  });

  it('takes the more severe of the given value and the band (就高), both ways', () => {
    expect(decideAt({ indicators: { spread: 'very-fast' }, metrics: { reposts: 500 } }).level.id).toBe('I');
    expect(decideAt({ indicators: { spread: 'slow' }, metrics: { reposts: 1_500 } }).level.id).toBe('II');
    expect(decideAt({ indicators: { spread: 'fast' }, metrics: { reposts: 50_000 } }).level.id).toBe('I');
  });

  it('keeps the band when a later given value is milder, and follows a metric that falls', () => {
    const d = decideAt({
      metrics: { reposts: 20_000 },
      events: [
        { type: 'indicators-updated', at: at('09:20'), indicators: { spread: 'slow' } },
        { type: 'metrics-updated', at: at('09:40'), metrics: { reposts: 100 } },
      ],
    }, at('09:30'));
    expect(d.level.id).toBe('I');
    expect(decideAt({
      metrics: { reposts: 20_000 },
      events: [
        { type: 'indicators-updated', at: at('09:20'), indicators: { spread: 'slow' } },
        { type: 'metrics-updated', at: at('09:40'), metrics: { reposts: 100 } },
      ],
    }, at('09:50')).level.id).toBe('III');
  });

  it('raises the level when a metrics-updated event crosses a band, and duties arise then', () => {
    const d = decideAt({ metrics: { reposts: 500 }, events: [{ type: 'metrics-updated', at: at('10:00'), metrics: { reposts: 20_000 } }] }, at('10:05'));
    expect(d.level.id).toBe('I');
    expect(d.obligations.find((o) => o.id === 'report-leaders')?.arisenAt).toBe(at('10:00'));
    expect(decideAt({ metrics: { reposts: 500 }, events: [{ type: 'metrics-updated', at: at('10:00'), metrics: { reposts: 20_000 } }] }, at('09:55')).level.id).toBe('III');
  });

  it('compares a metric with the numeric operators', () => {
    expect(decideAt({ metrics: { reposts: 100_000 } }).obligations.map((o) => o.id)).toContain('press-conference');
    expect(decideAt({ metrics: { reposts: 99_999 } }).obligations.map((o) => o.id)).not.toContain('press-conference');
    // Absent, the metric is no number: the comparison does not hold.
    expect(decideAt({}).obligations.map((o) => o.id)).not.toContain('press-conference');
  });

  it('reads a declared flag as false until it is set', () => {
    const negated = loadPlan(source((p) => {
      p.obligations[5].when = { all: [{ fact: 'staffInvolved', operator: 'equal', value: false }] };
    }));
    expect(decideAt({}, at('09:10'), negated).obligations.map((o) => o.id)).toContain('inspect');
    expect(decideAt({ flags: { staffInvolved: true } }, at('09:10'), negated).obligations.map((o) => o.id)).not.toContain('inspect');
    expect(decideAt({ events: [{ type: 'flags-updated', at: at('09:05'), flags: { staffInvolved: true } }] }).obligations.map((o) => o.id)).toContain('inspect');
  });

  it('settles two declared values at one instant by the declared order (就高), with a warning', () => {
    const events = (first: string, second: string) => [
      { type: 'indicators-updated', at: at('09:05'), indicators: { mediaTier: first } },
      { type: 'indicators-updated', at: at('09:05'), indicators: { mediaTier: second } },
    ];
    for (const [a, b] of [['local', 'central'], ['central', 'local']] as const) {
      const d = decideAt({ events: events(a, b) });
      expect(d.level.id).toBe('I');
      expect(d.warnings.map((w) => w.code)).toContain('conflicting-events');
    }
    // Provincial over local: an order the shared vocabulary does not know.
    expect(decideAt({ events: events('provincial', 'local') }).level.id).toBe('II');
    expect(decideAt({ events: events('local', 'provincial') }).level.id).toBe('II');
  });

  it('settles two numbers of a metric at one instant toward the larger, with a warning', () => {
    // Events at one instant replay in the order of their content: 1 500 comes before 20 000, 20 000 before 500.
    for (const [a, b] of [[500, 20_000], [20_000, 500], [1_500, 20_000]]) {
      const d = decideAt({ events: [
        { type: 'metrics-updated', at: at('09:05'), metrics: { reposts: a } },
        { type: 'metrics-updated', at: at('09:05'), metrics: { reposts: b } },
      ] });
      expect(d.level.id).toBe('I');
      expect(d.warnings.map((w) => w.code)).toContain('conflicting-events');
    }
    const later = decideAt({ events: [
      { type: 'metrics-updated', at: at('09:05'), metrics: { reposts: 20_000 } },
      { type: 'metrics-updated', at: at('09:06'), metrics: { reposts: 500 } },
    ] });
    expect(later.level.id).toBe('III');
    expect(later.warnings.map((w) => w.code)).not.toContain('conflicting-events');
  });
});

describe('declared steps', () => {
  it('are fulfilled by events of their type, and their duties carry the step id', () => {
    const d = decideAt({ indicators: { mediaTier: 'local' }, flags: { staffInvolved: true }, events: [{ type: 'claim', at: at('09:40'), by: 'responsible-unit' }, { type: 'inspect', at: at('10:00') }] }, at('10:30'));
    const claim = d.obligations.find((o) => o.id === 'claim');
    expect(claim).toMatchObject({ step: 'claim', status: 'met', doneAt: at('09:40') });
    expect(d.obligations.find((o) => o.id === 'inspect')).toMatchObject({ step: 'inspect', status: 'met', doneAt: at('10:00') });
    expect(d.warnings).toEqual([]);
  });

  it('say in a warning when an event of a declared step fulfils no duty', () => {
    const d = decideAt({ indicators: { mediaTier: 'local' }, events: [{ type: 'inspect', at: at('09:05') }] });
    expect(d.warnings.map((w) => w.code)).toEqual(['unmatched-event']);
  });

  it('tie in `next` after the shared steps, in declaration order', () => {
    const immediate = (id: string, step: string) => ({ id, step, title: id, responsible: 'office', immediate: true, basis: { clause: '第七条' } });
    const plan = loadPlan(source((p) => {
      p.steps = [{ id: 'zeta', title: '后声明者' }, ...p.steps, { id: 'alpha', title: '先声明者' }];
      p.obligations = [immediate('d-alpha', 'alpha'), immediate('d-claim', 'claim'), immediate('d-report', 'report'), immediate('d-zeta', 'zeta')];
    }));
    expect(decideAt({}, at('09:10'), plan).next.map((o) => o.id)).toEqual(['d-report', 'd-zeta', 'd-claim', 'd-alpha']);
  });
});

describe('an incident checked against the plan\'s facts and steps', () => {
  const errorOf = (fields: Json): { path: string; code: string; received: unknown; expected?: string }[] =>
    incidentErrorOf(() => decideAt(fields)).issues.map((i) => ({ path: i.path.join('.'), code: i.code, received: i.received, ...(i.expected !== undefined ? { expected: i.expected } : {}) }));

  it('refuses a fact name the plan does not know, naming the names it knows', () => {
    expect(errorOf({ indicators: { tier: 'central' } })).toEqual([{ path: 'indicators.tier', code: 'unknown_fact', received: 'tier', expected: 'one of "attention", "foreignMedia", "spread", "reach", "offlineRisk", "mediaTier"' }]);
    expect(errorOf({ flags: { involved: true } })[0]).toMatchObject({ path: 'flags.involved', code: 'unknown_fact', received: 'involved', expected: expect.stringContaining('"staffInvolved"') });
    expect(errorOf({ metrics: { views: 3 } })).toEqual([{ path: 'metrics.views', code: 'unknown_fact', received: 'views', expected: 'one of "reposts"' }]);
    // A fact of another kind is not taken for this one.
    expect(errorOf({ metrics: { mediaTier: 3 } })[0]).toMatchObject({ path: 'metrics.mediaTier', code: 'unknown_fact' });
    expect(errorOf({ events: [{ type: 'indicators-updated', at: at('09:05'), indicators: { tier: 'local' } }] })[0]).toMatchObject({ path: 'events.0.indicators.tier', code: 'unknown_fact' });
    expect(errorOf({ events: [{ type: 'flags-updated', at: at('09:05'), flags: { involved: true } }] })[0]).toMatchObject({ path: 'events.0.flags.involved', code: 'unknown_fact' });
    expect(errorOf({ events: [{ type: 'metrics-updated', at: at('09:05'), metrics: { views: 1 } }] })[0]).toMatchObject({ path: 'events.0.metrics.views', code: 'unknown_fact' });
  });

  it('refuses a metric in a plan that declares none, saying it declares none', () => {
    const plain = loadPlan(source((p) => { delete p.facts.metrics; p.obligations.splice(4, 1); }));
    expect(incidentErrorOf(() => decideAt({ metrics: { reposts: 1 } }, at('09:10'), plain)).issues).toEqual([
      { path: ['metrics', 'reposts'], code: 'unknown_fact', message: 'this plan has no metric of that name', received: 'reposts', expected: 'none: the plan declares none' },
    ]);
  });

  it('refuses a value outside a declared indicator\'s values, naming them', () => {
    expect(errorOf({ indicators: { mediaTier: 'national' } })).toEqual([{ path: 'indicators.mediaTier', code: 'invalid_value', received: 'national', expected: 'one of "central", "provincial", "local"' }]);
    expect(errorOf({ events: [{ type: 'indicators-updated', at: at('09:05'), indicators: { mediaTier: 'national' } }] })[0]).toMatchObject({ path: 'events.0.indicators.mediaTier', code: 'invalid_value' });
  });

  it('refuses a metric that is not whole, below its least or above its greatest value', () => {
    expect(errorOf({ metrics: { reposts: 12.5 } })).toEqual([{ path: 'metrics.reposts', code: 'invalid_value', received: 12.5, expected: 'a whole number' }]);
    expect(errorOf({ metrics: { reposts: -1 } })).toEqual([{ path: 'metrics.reposts', code: 'invalid_value', received: -1, expected: 'at least 0' }]);
    const bounded = loadPlan(source((p) => { p.facts.metrics.reposts.max = 1_000_000_000; p.facts.metrics.reposts.integer = false; }));
    expect(incidentErrorOf(() => decideAt({ metrics: { reposts: 2_000_000_000 } }, at('09:10'), bounded)).issues[0]).toMatchObject({ path: ['metrics', 'reposts'], code: 'invalid_value', expected: 'at most 1000000000' });
    expect(decideAt({ metrics: { reposts: 1_000_000_000 } }, at('09:10'), bounded).level.id).toBe('I');
    expect(decideAt({ metrics: { reposts: 12.5 } }, at('09:10'), bounded).level.id).toBe('III');
    // A number that is no number is refused by the incident model itself.
    expect(errorOf({ metrics: { reposts: 'many' } })[0]).toMatchObject({ path: 'metrics.reposts', code: 'invalid_type' });
  });

  it('refuses an event of a step the plan does not declare, naming the steps it knows', () => {
    const [issue] = errorOf({ events: [{ type: 'approve', at: at('09:05') }] });
    expect(issue).toMatchObject({ path: 'events.0.type', code: 'unknown_step', received: 'approve' });
    expect(issue?.expected).toContain('"claim", "inspect"');
    expect(issue?.expected).toContain('"report"');
  });

  it('refuses prototype names as incident keys: forbidden outright, or unknown to the plan', () => {
    const forbidden = (text: string): string[] => incidentErrorOf(() => decide(PLAN, JSON.parse(text), { now: at('09:10') })).issues.map((i) => `${i.path.join('.')} ${i.code}`);
    const base = `"id": "x", "occurredAt": "${at('08:30')}", "discoveredAt": "${at('09:00')}"`;
    expect(forbidden(`{ ${base}, "indicators": { "__proto__": "central" } }`)).toEqual(['indicators.__proto__ forbidden_key']);
    expect(forbidden(`{ ${base}, "flags": { "constructor": true } }`)).toEqual(['flags.constructor forbidden_key']);
    expect(errorOf({ indicators: { toString: 'central' } })).toEqual([expect.objectContaining({ path: 'indicators.toString', code: 'unknown_fact' })]);
    expect(errorOf({ metrics: { hasOwnProperty: 1 } })).toEqual([expect.objectContaining({ path: 'metrics.hasOwnProperty', code: 'unknown_fact' })]);
    expect(errorOf({ events: [{ type: 'constructor', at: at('09:05') }] })).toEqual([expect.objectContaining({ path: 'events.0.type', code: 'unknown_step', received: 'constructor' })]);
  });

  it('changes nothing the caller passed in', () => {
    const plan = source();
    const given = incident({ indicators: { mediaTier: 'local' }, metrics: { reposts: 12_000 }, flags: { staffInvolved: true }, events: [{ type: 'claim', at: at('09:40') }, { type: 'metrics-updated', at: at('09:50'), metrics: { reposts: 20 } }] });
    const before = JSON.stringify([plan, given]);
    const loaded = loadPlan(plan);
    decide(loaded, given, { now: at('10:00') });
    expect(JSON.stringify([plan, given])).toBe(before);
  });
});

describe('the incident model keeps the shared vocabulary typed', () => {
  it('parses shared events as before and a declared step\'s event as a step event', () => {
    expect(EventSchema.parse({ type: 'report', at: at('09:00'), to: 'x' })).toEqual({ type: 'report', at: at('09:00'), to: 'x' });
    expect(EventSchema.parse({ type: 'claim', at: at('09:00'), by: 'office', subject: '一号' })).toEqual({ type: 'claim', at: at('09:00'), by: 'office', subject: '一号' });
    expect(EventSchema.parse({ type: 'metrics-updated', at: at('09:00'), metrics: { reposts: 3 } })).toEqual({ type: 'metrics-updated', at: at('09:00'), metrics: { reposts: 3 } });
    expect(EventSchema.parse({ type: 'extended', at: at('09:00'), obligation: 'reply#2', duration: 'P2D', by: 'office', note: '经批准' })).toMatchObject({ type: 'extended', obligation: 'reply#2' });
    expect(EventSchema.safeParse({ type: 'level-set', at: at('09:00') }).success).toBe(false);
    expect(EventSchema.safeParse({ type: 'Claim', at: at('09:00') }).success).toBe(false);
    expect(EventSchema.safeParse({ type: 'claim', at: at('09:00'), level: 'I' }).success).toBe(false);
    expect(EventSchema.safeParse('claim').success).toBe(false);
  });

  it('checks the shared indicators\' values and takes other names as given', () => {
    expect(IncidentSchema.safeParse(incident({ indicators: { attention: 'bogus' } })).success).toBe(false);
    expect(IncidentSchema.parse(incident({ indicators: { mediaTier: 'central' }, flags: { staffInvolved: true }, metrics: { reposts: 1 } }))).toMatchObject({ indicators: { mediaTier: 'central' }, flags: { staffInvolved: true }, metrics: { reposts: 1 } });
    expect(IncidentSchema.safeParse(incident({ metrics: { reposts: Number.POSITIVE_INFINITY } })).success).toBe(false);
  });

  it('reports a broken shared event by its own fields, a broken declared one by its own', () => {
    const paths = (event: Json): string[] => incidentErrorOf(() => decideAt({ events: [event] })).issues.map((i) => i.path.join('.'));
    expect(paths({ type: 'level-set', at: at('09:05') })).toEqual(['events.0.level']);
    expect(paths({ type: 'claim', at: 'soon' })).toEqual(['events.0.at']);
    expect(paths({ type: 'claim', at: at('09:05'), level: 'I' })).toEqual(['events.0.level']);
    expect(paths({ type: 'No Such', at: at('09:05') })).toEqual(['events.0.type']);
  });
});

describe('a plan declaring facts and steps is checked', () => {
  it('loads the example', () => {
    expect(PLAN.definition.facts?.indicators?.mediaTier?.values).toHaveLength(3);
  });

  it('refuses a declared name that is a shared fact, a property of every object, or declared twice', () => {
    expect(issueAt(source((p) => { p.facts.flags.spread = { name: '重名' }; }), 'facts.flags.spread')[0]).toMatchObject({ received: 'spread', expected: 'a name that is not a shared fact' });
    expect(issueAt(source((p) => { p.facts.flags.toString = { name: '原型' }; }), 'facts.flags.toString')[0]).toMatchObject({ received: 'toString', message: expect.stringContaining('property of every object') });
    expect(issueAt(source((p) => { p.facts.metrics.valueOf = { name: '原型' }; }), 'facts.metrics.valueOf')).toHaveLength(1);
    expect(issueAt(source((p) => { p.facts.flags.reposts = { name: '重名' }; }), 'facts.metrics.reposts')[0]).toMatchObject({ received: 'reposts', expected: 'a name declared once' });
    // "constructor" and "__proto__" never get this far: the untrusted-input scan refuses them as keys.
    expect(planIssues(JSON.parse(JSON.stringify(source()).replace('"staffInvolved":', '"constructor":')))).toEqual([expect.objectContaining({ path: 'facts.flags.constructor' })]);
    expect(planIssues(JSON.parse(JSON.stringify(source()).replace('"staffInvolved":', '"__proto__":')))).toEqual([expect.objectContaining({ path: 'facts.flags.__proto__' })]);
    // A name not shaped like a fact's is refused by the schema.
    expect(issueAt(source((p) => { p.facts.flags['Bad-Name'] = { name: '坏名' }; }), 'facts.flags.Bad-Name')).toHaveLength(1);
  });

  it('refuses duplicate values, bounds the wrong way round and bands that do not fit their indicator', () => {
    expect(issueAt(source((p) => { p.facts.indicators.mediaTier.values[2].id = 'central'; }), 'facts.indicators.mediaTier.values.2.id')[0]).toMatchObject({ received: 'central' });
    expect(issueAt(source((p) => { p.facts.metrics.reposts.max = -1; }), 'facts.metrics.reposts.max')[0]).toMatchObject({ received: -1, expected: 'at least 0' });
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.indicator = 'speed'; }), 'facts.metrics.reposts.sets.indicator')[0]).toMatchObject({ received: 'speed', expected: expect.stringContaining('"mediaTier"') });
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.indicator = 'staffInvolved'; }), 'facts.metrics.reposts.sets.indicator')).toHaveLength(1);
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.bands[0].value = 'rapid'; }), 'facts.metrics.reposts.sets.bands.0.value')[0]).toMatchObject({ received: 'rapid', expected: 'one of "very-fast", "fast", "moderate", "slow"' });
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.bands.reverse(); }), 'facts.metrics.reposts.sets.bands.1.value')[0]).toMatchObject({ received: 'very-fast', expected: 'a value after "fast" in "very-fast", "fast", "moderate", "slow"' });
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.bands[1].value = 'very-fast'; }), 'facts.metrics.reposts.sets.bands.1.value')).toHaveLength(1);
    expect(issueAt(source((p) => { p.facts.metrics.reposts.sets.bands[1].atLeast = 10_000; }), 'facts.metrics.reposts.sets.bands.1.atLeast')[0]).toMatchObject({ received: 10_000, expected: 'less than 10000' });
    // A band of a declared indicator, in its order.
    const declared = (values: string[]) => source((p) => { p.facts.metrics.reposts.sets = { indicator: 'mediaTier', bands: values.map((value, i) => ({ atLeast: 100 - i, value })) }; });
    expect(() => loadPlan(declared(['central', 'local']))).not.toThrow();
    expect(issueAt(declared(['local', 'central']), 'facts.metrics.reposts.sets.bands.1.value')).toHaveLength(1);
  });

  it('refuses a step id that is shared, an event type, a property of every object, or declared twice', () => {
    const stepIssue = (id: string) => issueAt(source((p) => { p.steps.push({ id, title: '步骤' }); }), 'steps.2.id');
    expect(stepIssue('report')[0]).toMatchObject({ received: 'report', expected: 'an id that is not a shared step or event type' });
    expect(stepIssue('level-set')).toHaveLength(1);
    expect(stepIssue('extended')).toHaveLength(1);
    expect(stepIssue('metrics-updated')).toHaveLength(1);
    expect(stepIssue('claim')[0]).toMatchObject({ received: 'claim', expected: 'an id used once in "steps"' });
    expect(stepIssue('constructor')[0]).toMatchObject({ received: 'constructor', message: expect.stringContaining('property of every object') });
  });

  it('refuses a duty whose step is neither shared nor declared, naming the steps it knows', () => {
    const [issue] = issueAt(source((p) => { p.obligations[0].step = 'approve'; }), 'obligations.0.step');
    expect(issue).toMatchObject({ received: 'approve' });
    expect(issue?.expected).toMatch(/^one of "discover", .*"claim", "inspect"$/);
    expect(issueAt(source((p) => { p.recurring = [{ id: 'monthly', step: 'approve', title: '月度', responsible: 'office', every: 'P1M', basis: { clause: '第十三条' } }]; }), 'recurring.0.step')).toHaveLength(1);
    expect(() => loadPlan(source((p) => { p.recurring = [{ id: 'monthly', step: 'inspect', title: '月度督查', responsible: 'inspection-team', every: 'P1M', basis: { clause: '第十三条' } }]; }))).not.toThrow();
  });

  it('checks conditions over the plan\'s facts: unknown names refused naming the known ones, values from the declarations', () => {
    const when = (condition: Json) => source((p) => { p.obligations[0].when = { all: [condition] }; });
    const [unknown] = issueAt(when({ fact: 'tier', operator: 'equal', value: 'central' }), 'obligations.0.when.all.0.fact');
    expect(unknown).toMatchObject({ received: 'tier', message: 'unknown fact: neither a shared fact nor one the plan declares in "facts"' });
    expect(unknown?.expected).toContain('"mediaTier", "staffInvolved", "reposts"');
    expect(issueAt(when({ fact: 'mediaTier', operator: 'equal', value: 'national' }), 'obligations.0.when.all.0.value')[0]).toMatchObject({ received: 'national', expected: 'one of "central", "provincial", "local"' });
    expect(issueAt(when({ fact: 'mediaTier', operator: 'in', value: ['central', 'nation'] }), 'obligations.0.when.all.0.value.1')).toHaveLength(1);
    expect(issueAt(when({ fact: 'staffInvolved', operator: 'equal', value: 'yes' }), 'obligations.0.when.all.0.value')[0]).toMatchObject({ expected: 'one of "true", "false"' });
    expect(issueAt(when({ fact: 'reposts', operator: 'equal', value: 'many' }), 'obligations.0.when.all.0.value')[0]).toMatchObject({ message: '"reposts" is a number' });
    expect(() => loadPlan(when({ fact: 'reposts', operator: 'lessThan', value: 10 }))).not.toThrow();
    expect(issueAt(when({ fact: 'reposts', operator: 'lessThan', value: '10' }), 'obligations.0.when.all.0.value')).toHaveLength(1);
    expect(issueAt(when({ fact: 'mediaTier', operator: 'lessThan', value: 1 }), 'obligations.0.when.all.0.fact')[0]).toMatchObject({
      message: '"lessThan" applies only to number facts: "levelRank" and the plan\'s metrics',
      expected: 'one of "levelRank", "reposts"',
    });
    // A fact name of the wrong shape is refused by the schema.
    expect(issueAt(when({ fact: 'Media tier', operator: 'equal', value: 'central' }), 'obligations.0.when.all.0.fact')).toHaveLength(1);
  });

  it('lets classification read declared facts, but not the states', () => {
    const rule = (fact: string, value: unknown) => source((p) => { p.classification[0].conditions = { all: [{ fact, operator: 'equal', value }] }; });
    expect(() => loadPlan(rule('staffInvolved', true))).not.toThrow();
    expect(issueAt(rule('subsided', true), 'classification.0.conditions.all.0.fact')[0]).toMatchObject({ message: 'this fact cannot be used here' });
  });

  it('is refused in a plan of format 1', () => {
    const issues = planIssues(source((p) => { delete p.format; }));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['facts', 'steps']));
  });
});

describe('the no-indicators warning with metrics', () => {
  it('stays quiet when the incident records a metric, and warns when it records nothing', () => {
    const base = { id: 'm', occurredAt: at('08:00'), discoveredAt: at('09:00') };
    const now = { now: at('09:10') };
    // 5 reposts set no band: no rule fires on them, yet the incident did record something.
    const measured = decide(PLAN, { ...base, metrics: { reposts: 5 } }, now);
    expect(measured.level.source).toBe('criteria');
    expect(measured.warnings.map((w) => w.code)).not.toContain('no-indicators');
    expect(decide(PLAN, base, now).warnings.map((w) => w.code)).toContain('no-indicators');
  });
});
