import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audit, decide, DecisionSchema, loadPlan, PlanError } from '../src/index.js';

// grading.hold (原则上不因数据回落降级): a level the criteria gave stands when they fall, until a judgement.
const source = JSON.parse(readFileSync('examples/plans/city-media-tier.json', 'utf8')) as Record<string, unknown>;
const hold = { basis: { clause: '第十三条', quote: '原则上不因数据回落降级' } };
const held = loadPlan({ ...source, grading: { hold } });
const plain = loadPlan(source);
const at = (hhmm: string): string => `2026-03-02T${hhmm}:00+08:00`;
const fell = (reposts: number) => ({ type: 'metrics-updated', at: at('10:00'), metrics: { reposts } });
const base = { id: 'h', occurredAt: at('08:30'), discoveredAt: at('09:00'), metrics: { reposts: 12000 } };

describe('grading.hold', () => {
  it('keeps the level the criteria gave when they fall, and says so', () => {
    const incident = { ...base, events: [fell(50)] };
    const d = decide(held, incident, { now: at('10:10') });
    expect(d.level).toMatchObject({ id: 'I', source: 'criteria', held: { criteriaLevel: 'III' }, setAt: at('09:00') });
    expect(DecisionSchema.safeParse(d).success).toBe(true);
    const why = d.explanation.filter((e) => e.subject === 'level');
    expect(why.map((e) => [e.id, e.rule])).toEqual([['III', 'general'], ['I', 'grading.hold']]);
    expect(why[1]!.text).toBe('分级标准现为 III 一般舆情；原则上不因指标回落降级，保持 I 重大舆情，待研判调整');
    expect(why[1]!.basis).toMatchObject({ clause: '第十三条' });
    expect(d.warnings).toEqual([]);
    // Without hold the same incident falls to III.
    const p = decide(plain, incident, { now: at('10:10') });
    expect(p.level.id).toBe('III');
    expect(p.level.held).toBeUndefined();
  });

  it('still rises with the criteria, and holds the highest level reached', () => {
    const d = decide(held, { ...base, metrics: { reposts: 50 }, events: [{ ...fell(12000), at: at('09:30') }, fell(50)] }, { now: at('10:10') });
    expect(d.level).toMatchObject({ id: 'I', held: { criteriaLevel: 'III' }, setAt: at('09:30') });
    const levels = audit(held, { ...base, metrics: { reposts: 50 }, events: [{ ...fell(12000), at: at('09:30') }, fell(50)] }, { now: at('10:10') }).levels.map((l) => l.id);
    expect(levels).toEqual(['III', 'I']);
  });

  it('gives way to a judgement, which may lower the level', () => {
    const d = decide(held, { ...base, events: [fell(50), { type: 'level-set', at: at('10:05'), level: 'III', by: 'leading-group' }] }, { now: at('10:10') });
    expect(d.level).toMatchObject({ id: 'III', source: 'judgement' });
    expect(d.level.held).toBeUndefined();
  });

  it('changes nothing while the criteria do not fall', () => {
    const d = decide(held, base, { now: at('09:10') });
    expect(d.level.id).toBe('I');
    expect(d.level.held).toBeUndefined();
    expect(d.explanation.map((e) => e.rule)).not.toContain('grading.hold');
  });

  it('needs format 2 and a basis', () => {
    const { format: _format, ...formatOne } = source;
    expect(() => loadPlan({ ...formatOne, grading: { hold } })).toThrow(PlanError);
    expect(() => loadPlan({ ...source, grading: { hold: {} } })).toThrow(/grading\.hold\.basis/);
  });
});
