import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, dueText, loadPlan, planFacts, PlanError, statusText, type Obligation } from '../src/index.js';
import { factTableOf } from '../src/model/facts.js';
import { factLabel, factText, FLAG_LABELS, INDICATOR_LABELS, STATE_LABELS, valueLabel } from '../src/model/labels.js';
import { PlanDefinitionSchema } from '../src/model/plan.js';
import { FACT_NAMES, FLAG_NAMES, INDICATORS } from '../src/model/vocabulary.js';

// Labels of facts (关注度：高), the due time and status of a duty in words, and the facts of a plan (issue 16).
const hrss = loadPlan('hrss');
const mediaTierFile = JSON.parse(readFileSync('examples/plans/city-media-tier.json', 'utf8')) as object;
const mediaTier = loadPlan(mediaTierFile);
const incident = { id: 'x', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } };
const obligation = (changes: Partial<Obligation>): Obligation => {
  const { until: _until, ...base } = decide(hrss, incident, { now: '2026-03-02T09:30:00+08:00' }).obligations[0] as Obligation;
  return { ...base, ...changes };
};
const errorOf = (run: () => unknown): PlanError => {
  try {
    run();
  } catch (error) {
    return error as PlanError;
  }
  throw new Error('no error');
};

describe('the labels table', () => {
  it('labels every shared indicator, each of its values, every flag and every other fact in both languages', () => {
    for (const [name, values] of Object.entries(INDICATORS)) {
      const entry = INDICATOR_LABELS[name as keyof typeof INDICATORS];
      expect(Object.keys(entry.values)).toEqual([...values]);
      for (const label of [entry.label, ...Object.values(entry.values)]) expect(label.zh).toMatch(/\p{Script=Han}/u);
    }
    expect(Object.keys(FLAG_LABELS)).toEqual([...FLAG_NAMES]);
    const table = factTableOf(hrss.definition);
    for (const name of FACT_NAMES) {
      expect(factLabel(table.facts.get(name), name, 'zh')).toMatch(/\p{Script=Han}/u);
      expect(factLabel(table.facts.get(name), name, 'en')).toMatch(/^[a-z ]+$/);
    }
    expect(Object.keys(STATE_LABELS).length).toBe(FACT_NAMES.length - 5 - FLAG_NAMES.length);
  });

  it('writes the grading criteria of 002 篇三 四 in their own words', () => {
    expect(INDICATOR_LABELS.attention.label.zh).toBe('关注度');
    expect(Object.values(INDICATOR_LABELS.attention.values).map((v) => v.zh)).toEqual(['极高', '高', '较高', '低']);
    expect(Object.values(INDICATOR_LABELS.foreignMedia.values).map((v) => v.zh)).toEqual(['高度关注', '开始关注', '未关注']);
    expect(Object.values(INDICATOR_LABELS.spread.values).map((v) => v.zh)).toEqual(['非常快', '快', '中等', '慢']);
  });

  it('writes a fact with its label and its value with its label, in either language', () => {
    const table = factTableOf(hrss.definition);
    expect(factText(table, 'attention', 'high')).toBe('关注度：高');
    expect(factText(table, 'foreignMedia', 'emerging', 'en')).toBe('foreign media: emerging');
    expect(factText(table, 'massIncident', true)).toBe('群体性突发事件：是');
    expect(factText(table, 'massIncident', false, 'en')).toBe('mass incident: no');
    expect(factText(table, 'levelRank', 2)).toBe('级别序号：2');
    expect(factText(table, 'level', 'II')).toBe('级别：II');
    expect(factText(table, 'attention', null)).toBe('关注度：无');
    expect(factText(table, 'attention', null, 'en')).toBe('attention: none');
    expect(factText(table, 'attention', 'unheard-of')).toBe('关注度：unheard-of');
    expect(factText(table, 'mystery', 'x')).toBe('mystery：x');
  });

  it('uses a declared fact’s own names, English ones where the plan gives them, else its Chinese ones', () => {
    const table = factTableOf(mediaTier.definition);
    expect(factText(table, 'mediaTier', 'central')).toBe('媒体层级：中央媒体');
    expect(factText(table, 'mediaTier', 'central', 'en')).toBe('Media tier: Central media');
    expect(factText(table, 'reposts', 1200, 'en')).toBe('Reposts: 1200 次');
    const bare = PlanDefinitionSchema.parse({ ...mediaTierFile, facts: { indicators: { tier: { name: '层级', values: [{ id: 'a', name: '甲' }, { id: 'b', name: '乙' }] } } } });
    const plain = factTableOf(bare);
    expect(factText(plain, 'tier', 'a', 'en')).toBe('层级: 甲');
    expect(valueLabel(plain.facts.get('tier'), 'tier', 'c', 'zh')).toBe('c');
  });
});

describe('dueText', () => {
  it('writes a deadline as renderDecision does, soft, with its hard limit and extension', () => {
    const timed = obligation({ kind: 'deadline', dueAt: '2026-03-02T20:00:00+08:00' });
    expect(dueText(timed)).toBe('03-02 20:00 前');
    expect(dueText(timed, { lang: 'en' })).toBe('by 03-02 20:00');
    const soft = obligation({ kind: 'deadline', dueAt: '2026-03-02T20:00:00+08:00', soft: true, latestAt: '2026-03-03T09:00:00+08:00', extendedBy: 'PT12H' });
    expect(dueText(soft)).toBe('原则上 03-02 20:00 前，最迟 03-03 09:00 前（已延长 PT12H）');
    expect(dueText(soft, { lang: 'en' })).toBe('in principle by 03-02 20:00, at the latest by 03-03 09:00 (extended by PT12H)');
  });

  it('writes a duty with no time, done at once, going on, or waiting for its clock', () => {
    expect(dueText(obligation({ kind: 'immediate', immediate: true, dueAt: null }))).toBe('第一时间');
    expect(dueText(obligation({ kind: 'immediate', immediate: true, dueAt: null }), { lang: 'en' })).toBe('at once');
    expect(dueText(obligation({ kind: 'undated', dueAt: null }))).toBe('无固定时限');
    expect(dueText(obligation({ kind: 'undated', dueAt: null }), { lang: 'en' })).toBe('no fixed deadline');
    expect(dueText(obligation({ kind: 'continuous', until: 'subsided', dueAt: null }))).toBe('持续至平息');
    expect(dueText(obligation({ kind: 'continuous', until: 'subsided', dueAt: null }), { lang: 'en' })).toBe('until it subsides');
    expect(dueText(obligation({ kind: 'continuous', until: 'ended', dueAt: null }))).toBe('持续至应急结束');
    expect(dueText(obligation({ kind: 'continuous', until: 'ended', dueAt: null }), { lang: 'en' })).toBe('until the emergency ends');
    expect(dueText(obligation({ kind: 'continuous', dueAt: null }))).toBe('持续');
    expect(dueText(obligation({ kind: 'continuous', dueAt: null }), { lang: 'en' })).toBe('continuous');
    expect(dueText(obligation({ kind: 'deadline', dueAt: null, waitingFor: { event: 'verify' } }))).toBe('待起算');
    expect(dueText(obligation({ kind: 'deadline', dueAt: null, waitingFor: { event: 'verify' } }), { lang: 'en' })).toBe('clock not started');
  });

  it('writes a deadline counted in working days at its day on the calendar (claimed on Friday 03-06: the third working day after is Wednesday 03-11, due by its end)', () => {
    const claimed = { id: 'w', occurredAt: '2026-03-06T08:30:00+08:00', discoveredAt: '2026-03-06T09:00:00+08:00', indicators: { mediaTier: 'provincial' }, events: [{ type: 'claim', at: '2026-03-06T10:00:00+08:00' }] };
    const feedback = decide(mediaTier, claimed, { now: '2026-03-06T11:00:00+08:00' }).obligations.find((o) => o.id === 'feedback') as Obligation;
    expect(dueText(feedback)).toBe('03-12 00:00 前');
    expect(dueText(feedback, { lang: 'en' })).toBe('by 03-12 00:00');
  });

  it('refuses anything but an obligation, and a language it does not know', () => {
    expect(errorOf(() => dueText({ id: 'x' } as unknown as Obligation))).toBeInstanceOf(PlanError);
    expect(errorOf(() => dueText({ id: 'x' } as unknown as Obligation)).issues[0]?.path[0]).toBe('obligation');
    const bad = errorOf(() => dueText(obligation({}), { lang: 'fr' as 'en' }));
    expect(bad).toBeInstanceOf(PlanError);
    expect(bad.code).toBe('INVALID_OPTION');
    expect(bad.issues[0]).toMatchObject({ path: ['lang'], code: 'invalid_option', received: 'fr' });
    expect(bad.issues[0]?.expected).toContain('"zh"');
  });
});

describe('statusText', () => {
  it('names every status in Chinese by default and in English on request', () => {
    const statuses = ['pending', 'overdue', 'met', 'met-late', 'not-applicable', 'late'] as const;
    expect(statuses.map((s) => statusText(s))).toEqual(['待办', '已超时', '按时完成', '超时完成', '不再适用', '已过原则性时限']);
    expect(statuses.map((s) => statusText(s, { lang: 'en' }))).toEqual(['pending', 'overdue', 'met', 'met late', 'no longer applies', 'past its soft deadline']);
    expect(statusText('met', { lang: 'zh' })).toBe('按时完成');
    expect(statusText('met', {})).toBe('按时完成');
  });

  it('refuses a status that is none of them, and a language it does not know', () => {
    expect(errorOf(() => statusText('done' as 'met')).issues[0]?.path).toEqual(['status']);
    expect(errorOf(() => statusText('met', { lang: 'EN' as 'en' })).issues[0]).toMatchObject({ path: ['lang'], received: 'EN' });
  });
});

describe('planFacts', () => {
  it('lists the shared indicators and flags a bundled plan reads, with their labels', () => {
    const facts = planFacts(hrss);
    expect(facts.indicators.map((i) => i.name)).toEqual(['attention', 'foreignMedia', 'spread', 'reach', 'offlineRisk']);
    expect(facts.indicators[0]).toEqual({ name: 'attention', label: '关注度', values: [{ value: 'extreme', label: '极高' }, { value: 'high', label: '高' }, { value: 'elevated', label: '较高' }, { value: 'low', label: '低' }] });
    expect(facts.flags.every((f) => (FLAG_NAMES as readonly string[]).includes(f.name) && f.label === FLAG_LABELS[f.name as keyof typeof FLAG_LABELS].zh)).toBe(true);
    expect(facts.metrics).toEqual([]);
    expect(planFacts(hrss, { lang: 'en' }).indicators[0]?.label).toBe('attention');
  });

  it('lists a format-2 plan’s declared facts after the shared ones it reads, with the plan’s names', () => {
    const facts = planFacts(mediaTier);
    expect(facts.indicators.map((i) => `${i.name} ${i.label}`)).toEqual(['spread 传播速度', 'mediaTier 媒体层级']);
    expect(facts.indicators[1]?.values).toEqual([{ value: 'central', label: '中央媒体' }, { value: 'provincial', label: '省级媒体' }, { value: 'local', label: '地方媒体' }]);
    expect(facts.flags).toEqual([{ name: 'staffInvolved', label: '涉及本市公职人员' }]);
    expect(facts.metrics[0]).toEqual({ name: 'reposts', label: '转发量', unit: '次', min: 0, integer: true });
    const en = planFacts(mediaTier, { lang: 'en' });
    expect(en.indicators[1]).toMatchObject({ label: 'Media tier', values: [{ value: 'central', label: 'Central media' }, { value: 'provincial', label: 'Provincial media' }, { value: 'local', label: 'Local media' }] });
    expect(en.flags[0]?.label).toBe('Involves the city\u2019s public servants'.replace('\u2019', "'"));
  });

  it('refuses anything but a loaded plan, and a language it does not know', () => {
    expect(errorOf(() => planFacts({} as typeof hrss)).issues[0]?.path).toEqual(['plan']);
    expect(errorOf(() => planFacts(hrss, { lang: 'de' as 'en' })).issues[0]).toMatchObject({ path: ['lang'], code: 'invalid_option', received: 'de' });
  });
});
