// Red-team regressions for plan format 2: inputs (plans written by untrusted people, incidents) that broke
// a guarantee — a crash or an output timestamp that is no timestamp, a cost past any bound — each fixed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decide, IncidentError, loadPlan, PlanError } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { GENERATE_BUDGET, generateIncidents, mutantsOf } from '../src/testing/index.js';
import { parseTimestamp } from '../src/time/timestamp.js';
import { writerIn, yuqing } from './support/cli.js';

const example = (): Record<string, any> => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'examples', 'plans', 'city-media-tier.json'), 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any
const incident = (extra: Record<string, unknown> = {}) => ({ id: 'red', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', ...extra });
const NOW = '2026-03-02T12:00:00+08:00';

/** The issues an IncidentError carries (fails when the call does not throw one). */
function incidentIssues(call: () => unknown) {
  try {
    inLanguage('en', () => call());
  } catch (error) {
    expect(error).toBeInstanceOf(IncidentError);
    return (error as IncidentError).issues;
  }
  throw new Error('expected an IncidentError');
}

/** Every ISO timestamp-like value in a decision (keys ending in At, and reminders' at). */
function timestampsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => timestampsOf(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'at' || key.endsWith('At')) && typeof v === 'string') out.push(v);
      else timestampsOf(v, out);
    }
  }
  return out;
}

describe('an extension longer than any calendar', () => {
  const plan = (() => {
    const p = example();
    p.obligations[0].extension = { max: 'P100Y' };
    return loadPlan(p);
  })();
  const extended = (duration: string) => incident({ events: [{ type: 'extended', at: '2026-03-02T09:10:00+08:00', obligation: 'claim', duration }] });

  // Before: P99999999999Y moved the deadline to "0NaN-NaN-NaNTNaN:NaN:NaN.NaN+NaN:NaN" (status overdue), and
  // P9999999999999999999999D (1e22 days, written "P1e+22D") crashed with a TypeError reading 'years' of null.
  it.each(['P99999999999Y', 'P9999999999999999999999D', 'PT99999999999999999999H', 'P36501D'])('refuses %s as an IncidentError naming path, value and bound', (duration) => {
    const issues = incidentIssues(() => decide(plan, extended(duration), { now: NOW }));
    expect(issues).toEqual([expect.objectContaining({ path: ['events', 0, 'duration'], code: 'invalid_duration', received: duration, expected: 'at most 100 years' })]);
  });

  it('takes up to 100 years, every output timestamp an ISO timestamp with an offset', () => {
    const d = decide(plan, extended('P36500D'), { now: NOW });
    const claim = d.obligations.find((o) => o.id === 'claim')!;
    expect(claim.extendedBy).toBe('P36500D');
    const stamps = timestampsOf(d);
    expect(stamps.length).toBeGreaterThan(3);
    for (const stamp of stamps) expect(parseTimestamp(stamp), stamp).not.toBeNull();
  });
});

describe('generated incidents over many declared facts', () => {
  /** A plan declaring `n` indicators of 20 values each (20^n combinations), read by one classification rule. */
  const wide = (n: number, version = '1.0.0') => {
    const p = example();
    p.version = version;
    for (let k = 0; k < n; k++) p.facts.indicators[`wide${k}`] = { name: `维度${k}`, values: Array.from({ length: 20 }, (_, j) => ({ id: `v${j}`, name: `值${j}` })) };
    p.classification[0].conditions = { any: [p.classification[0].conditions, { all: Array.from({ length: n }, (_, k) => ({ fact: `wide${k}`, operator: 'equal', value: 'v0' })) }] };
    return p;
  };

  // Before: every combination was built (20^8 × 4 × 3 here: 3e11 objects), exhausting the heap.
  it('builds no more than the budget: one fact at a time past it, and says how many were left out', () => {
    const plan = loadPlan(wide(8));
    const partial: [number, number][] = [];
    const cases = generateIncidents({ plans: [plan], flags: false, onPartial: (n, budget) => partial.push([n, budget]) });
    expect(partial).toEqual([[20 ** 8 * 5 * 4 * 3, GENERATE_BUDGET]]);
    // The empty incident, then each value of each fact alone: 8 × 20 + 3 (mediaTier) + 4 (reposts: both sides of 2 thresholds) + 4 (spread).
    expect(cases.length).toBe(1 + 8 * 20 + 3 + 4 + 4);
    expect(cases.filter((c) => JSON.stringify(c.incident).includes('"wide3":"v7"'))).toHaveLength(1);
    // Every case is a valid incident of the plan.
    for (const c of cases) expect(() => decide(plan, c.incident as never, { now: c.now })).not.toThrow();
  });

  it('still builds every combination within the budget (and a smaller budget applies)', () => {
    const plan = loadPlan(wide(1));
    const onPartial = (): void => {
      throw new Error('not partial');
    };
    expect(generateIncidents({ plans: [plan], flags: false, onPartial })).toHaveLength(20 * 5 * 4 * 3);
    expect(generateIncidents({ flags: false, onPartial })).toHaveLength(576);
    const partial: number[] = [];
    expect(generateIncidents({ plans: [plan], flags: false, maxCombinations: 100, onPartial: (n) => partial.push(n) })).toHaveLength(1 + 20 + 3 + 4 + 4);
    expect(partial).toEqual([1200]);
  });

  describe('yuqing diff', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-redteam-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = writerIn(dir);
    const before = write('wide.json', { ...wide(8), $schema: undefined });
    const after = write('wide-2.json', { ...wide(8, '1.0.1'), $schema: undefined });

    it('reports the combinations not generated (text and JSON), and finishes', async () => {
      const text = await yuqing(['diff', before, after, '--no-flags']);
      expect(text.stdout).toContain(`not-checked 未全部生成：${20 ** 8 * 60} 种事实取值组合超出预算 ${GENERATE_BUDGET}；改为逐项生成`);
      expect(text.stdout).toContain('172 个案例（场景 0，生成 172），0 个有变化');
      const json = JSON.parse((await yuqing(['diff', before, after, '--no-flags', '--json'])).stdout);
      expect(json.notChecked).toContain('not-checked');
      expect(json.summary.generated.cases).toBe(172);
    });
  });
});

describe('a duty that waits for a continuous one', () => {
  // Before: accepted, and the duty stayed `pending` with `blockedBy: ["watch"]`, no deadline and never in
  // `next`, for ever (a continuous duty is never done) — a plan mistake that passed silently.
  it('is refused when the plan loads, naming the path, the id and what is expected', () => {
    const p = example();
    p.obligations.push(
      { id: 'watch', step: 'monitor', title: '持续监测', responsible: 'office', continuous: true, offset: null, basis: { clause: '第七条' } },
      { id: 'after-watch', step: 'claim', title: '监测后认领', responsible: 'office', offset: 'PT1H', after: ['claim', 'watch'], basis: { clause: '第七条' } },
    );
    const index = p.obligations.length - 1;
    expect(() => loadPlan(p)).toThrow(PlanError);
    try {
      inLanguage('en', () => loadPlan(p));
    } catch (error) {
      expect((error as PlanError).issues).toEqual([
        expect.objectContaining({ path: ['obligations', index, 'after', 1], received: 'watch', expected: 'an obligation that is not continuous' }),
      ]);
    }
  });
});

describe('mutant ids over many conditions', () => {
  // Before: each mutant's id searched every mutant made so far (quadratic: 20 000 mutants took 1.4 s, a
  // plan at the size limit tens of seconds). Now counted; the ids are those the search gave.
  it('numbers each kind of mutant of each target from 1, as before', () => {
    const p = example();
    for (let i = 0; i < 40; i++) {
      p.obligations.push({ id: `o${i}`, step: 'claim', title: '认领', responsible: 'office', offset: 'PT1H', when: { any: Array.from({ length: 5 }, () => ({ fact: 'mediaTier', operator: 'equal', value: 'provincial' })) }, basis: { clause: '第七条' } });
    }
    const mutants = mutantsOf(loadPlan(p).definition);
    const searched = mutants.map((m, i) => `${m.target}#${m.kind}-${mutants.slice(0, i).filter((x) => x.target === m.target && x.kind === m.kind).length + 1}`);
    expect(mutants.map((m) => m.id)).toEqual(searched);
    expect(new Set(searched).size).toBe(mutants.length);
    expect(mutants.map((m) => m.id)).toContain('obligations.o39#enum-5');
  });
});

describe('a plan of an unknown format', () => {
  // Before: "format": 3 (or "2", a text) was refused as `expected one of 1`, as if format 2 were no format.
  it.each([3, '2', 0])('refuses format %j, expecting 1 or 2', (format) => {
    const p = example();
    p.format = format;
    try {
      inLanguage('en', () => loadPlan(p));
      throw new Error('loaded');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).issues).toEqual([expect.objectContaining({ path: ['format'], received: format, expected: 'one of 1, 2' })]);
    }
  });
});

describe('an incident naming many facts the plan does not know', () => {
  // Before: 150 000 unknown metric names made as many issues, spread into one push: RangeError (Maximum call
  // stack size exceeded); 20 000 events of 30 unknown flags each held 600 000 issues (585 MB) before failing so.
  it('is refused with the first 100 problems listed and the rest counted', () => {
    const plan = loadPlan(example());
    const metrics = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`m${i}`, 1]));
    const issues = incidentIssues(() => decide(plan, incident({ metrics }), { now: NOW }));
    expect(issues).toHaveLength(101);
    expect(issues[0]).toMatchObject({ path: ['metrics', 'm0'], code: 'unknown_fact', received: 'm0', expected: 'one of "reposts"' });
    expect(issues[99]).toMatchObject({ path: ['metrics', 'm99'] });
    expect(issues[100]).toEqual({ path: [], code: 'too_many_issues', message: "149900 more problems of the incident's facts and steps are not listed", received: '150000 problems', expected: 'the facts and steps the plan declares' });
  });

  it('lists every problem up to 100, with no count', () => {
    const plan = loadPlan(example());
    const metrics = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}`, 1]));
    const issues = incidentIssues(() => decide(plan, incident({ metrics }), { now: NOW }));
    expect(issues).toHaveLength(100);
    expect(issues.map((i) => i.code)).not.toContain('too_many_issues');
  });
});

describe('approvals in sequence, out of order 100 000 times', () => {
  // Each approval before its predecessor is noted; they were spread into one push (as many arguments as events).
  it('notes every one, and the duty stays open', () => {
    const p = example();
    p.obligations.push({ id: 'sign', step: 'inspect', title: '审签', responsible: 'office', offset: 'PT1H', approval: { mode: 'sequence', by: ['office', 'leading-group'] }, basis: { clause: '第九条' } });
    const events = Array.from({ length: 100_000 }, () => ({ type: 'inspect', by: 'leading-group', at: '2026-03-02T10:00:00+08:00' }));
    const d = decide(loadPlan(p), incident({ events }), { now: NOW });
    expect(d.warnings.filter((w) => w.code === 'out-of-order')).toHaveLength(100_000);
    expect(d.obligations.find((o) => o.id === 'sign')).toMatchObject({ status: 'overdue', doneAt: null });
  });
});

describe('a clock from another duty done, on duties that arise at every upgrade', () => {
  // Before: every waiting instance looked through every instance of the duty it waits for, at every state:
  // 20 000 level flips took 8 s, 40 000 took 56 s (minutes at the 100 000-event limit). Now each duty's
  // possible completions are kept sorted and found by binary search.
  it('answers 40 000 level flips, each instance counting from the claim that followed its own upgrade', () => {
    const p = example();
    const basis = { clause: '（测试）' };
    p.obligations.push({ id: 'claim-each', step: 'claim', title: '认领', responsible: 'office', offset: 'PT1H', on: 'upgrade', basis });
    p.obligations.push({ id: 'inspect-each', step: 'inspect', title: '督查', responsible: 'office', offset: 'PT1H', on: 'upgrade', anchor: { done: 'claim-each' }, basis });
    const plan = loadPlan(p);
    const events: object[] = [];
    const t0 = Date.parse('2026-03-02T01:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
    for (let i = 0; i < 40_000; i++) {
      events.push({ type: 'level-set', level: i % 2 ? 'III' : 'I', at: iso(t0 + i * 1000), by: 'leading-group' });
      if (i % 2 === 0) events.push({ type: 'claim', at: iso(t0 + i * 1000 + 100), by: 'office' });
    }
    const d = decide(plan, incident({ events }), { now: '2026-03-09T12:00:00+08:00' });
    const inspections = d.obligations.filter((o) => o.id.startsWith('inspect-each'));
    // The first upgrade is at 09:00:02 (the level set at discovery is no upgrade): no claim was done before it,
    // so its clock runs from the first claim after it. Every later one runs from the latest claim done by the
    // time it arose (docs/clocks.md): the last, arisen at 20:06:38, from the claim at 20:06:36.1.
    expect(inspections.length).toBe(19_999);
    expect(inspections[0]).toMatchObject({ dueAt: '2026-03-02T10:00:02.100+08:00' });
    expect(inspections[1]).toMatchObject({ dueAt: '2026-03-02T10:00:02.100+08:00' });
    expect(inspections.at(-1)).toMatchObject({ dueAt: '2026-03-02T21:06:36.100+08:00' });
  });
});
