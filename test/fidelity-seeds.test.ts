// The domain readings of issue 13 item 6, each checked against the seed sentence it encodes: the sentence is
// quoted here (simplified characters, as the rule files quote it), the rule must cite that clause and quote
// those words, and the decision must behave as the reading says. (The seed files themselves stay outside
// the repository; the quotes below are their words.)
import { describe, expect, it } from 'vitest';
import { decide, loadPlan, type Plan } from '../src/index.js';

const NOW = '2026-03-02T09:10:00+08:00';
const ROW_III = { attention: 'elevated', foreignMedia: 'none', spread: 'moderate', reach: 'limited', offlineRisk: 'none' } as const;
const ROW_IV = { attention: 'low', foreignMedia: 'none', spread: 'slow', reach: 'small', offlineRisk: 'none' } as const;
const IE_PARAMETERS = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' };

function incident(indicators: Record<string, string>, flags: Record<string, boolean> = {}, events: unknown[] = []) {
  return { id: 'fid', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators, flags, events };
}

/** The rule of the plan with this id, with its resolved basis. */
function rule(plan: Plan, id: string) {
  const found = plan.definition.obligations.find((o) => o.id === id);
  if (found === undefined) throw new Error(`${plan.definition.id} has no obligation ${id}`);
  return found;
}

const arisen = (plan: Plan, facts: Parameters<typeof incident>, now = NOW): Set<string> =>
  new Set(decide(plan, incident(...facts), { now }).obligations.map((o) => o.id));

describe('003 一4: the report to 市新闻中心 covers every online incident', () => {
  const SEED = '特别是在网络平台、电视、报纸、广播等传统媒体中出现相关事件时，要第一时间向市新闻中心报告';
  const plan = loadPlan('city-drill');

  it('cites 003 一 4 with the seed sentence, and has no condition', () => {
    const r = rule(plan, 'report-city-news-center');
    expect(r.basis).toMatchObject({ seed: '003', clause: expect.stringMatching(/^一 4/) });
    expect(r.basis.quote).toContain(SEED);
    expect(r.to).toBe('city-news-center');
    expect(r.immediate).toBe(true);
    expect(r.when).toBeUndefined();
  });

  it('arises for an online incident with no media inquiry, at once, and is listed in notify', () => {
    const decision = decide(plan, incident(ROW_IV, { mediaInquiry: false }), { now: NOW });
    expect(decision.obligations.find((o) => o.id === 'report-city-news-center')).toMatchObject({ status: 'pending', dueAt: null, kind: 'immediate' });
    expect(decision.notify.map((n) => n.id)).toContain('city-news-center');
  });
});

describe('000/001 六（三）2, 002 篇二/篇三 五（三）2: 第一时间发出官方声音 for 舆情 arising from a 突发事件', () => {
  const SEED = '针对突发事件产生的网络舆情';
  const VOICE = '在第一时间内发出官方声音';
  const plans: [string, string, string | undefined, string][] = [
    ['county-bureau', '000', undefined, '六（三）2'],
    ['party-branch', '001', '篇1', '六（三）2'],
    ['civil-affairs', '002', '篇二', '五（三）2'],
    ['hrss', '002', '篇三', '五（三）2'],
  ];

  it.each(plans)('%s cites seed %s %s %s with the seed sentence', (id, seed, section, clause) => {
    const r = rule(loadPlan(id), 'official-voice');
    expect(r.basis).toEqual({ seed, ...(section ? { section } : {}), clause, quote: expect.stringContaining(SEED) });
    expect(r.basis.quote).toContain(VOICE);
    expect(r.immediate).toBe(true);
    expect(r.offset ?? null).toBeNull();
  });

  it.each(plans)('%s: a duty of its own beside the reply, only for 舆情 from a 突发事件', (id) => {
    const plan = loadPlan(id);
    const withEvent = decide(plan, incident(ROW_III, { emergencyEvent: true }), { now: NOW });
    expect(withEvent.obligations.find((o) => o.id === 'official-voice')).toMatchObject({ step: 'reply', status: 'pending', dueAt: null });
    expect(withEvent.obligations.some((o) => o.id === 'reply')).toBe(true);
    const without = arisen(plan, [ROW_III, { emergencyEvent: false }]);
    expect(without.has('official-voice')).toBe(false);
    expect(without.has('reply')).toBe(true);
  });

  it('county-bureau and hrss keep the 12-hour reply on occurrence beside the official voice', () => {
    for (const id of ['county-bureau', 'hrss']) {
      const decision = decide(loadPlan(id), incident(ROW_III, { emergencyEvent: true }), { now: NOW });
      expect(decision.obligations.find((o) => o.id === 'reply')?.dueAt).toBe('2026-03-02T20:00:00+08:00');
    }
  });
});

describe('002 篇二 五（一）1: 不利于社会稳定的负面舆情或重大的虚假舆情 → 及时反馈到局党组', () => {
  const SEED = '一旦发现不利于社会稳定的负面舆情或重大的虚假舆情，及时反馈到局党组';
  const plan = loadPlan('civil-affairs');

  it('cites 002 篇二 五（一）1 with the seed sentence: a report to 局党组, at once', () => {
    const r = rule(plan, 'report-party-group-stability');
    expect(r.basis).toMatchObject({ seed: '002', section: '篇二', clause: '五（一）1' });
    expect(r.basis.quote).toContain(SEED);
    expect(r).toMatchObject({ step: 'report', to: 'party-group', immediate: true });
  });

  it('不利于社会稳定: offline action possible or imminent, or a mass incident', () => {
    expect(arisen(plan, [{ ...ROW_III, offlineRisk: 'possible' }]).has('report-party-group-stability')).toBe(true);
    expect(arisen(plan, [{ ...ROW_III, offlineRisk: 'imminent' }]).has('report-party-group-stability')).toBe(true);
    expect(arisen(plan, [ROW_IV, { massIncident: true }]).has('report-party-group-stability')).toBe(true);
  });

  it('重大的虚假舆情: a false report at level II or above, not below', () => {
    expect(arisen(plan, [{ ...ROW_III, attention: 'high' }, { falseReport: true }]).has('report-party-group-stability')).toBe(true);
    expect(arisen(plan, [ROW_III, { falseReport: true }]).has('report-party-group-stability')).toBe(false);
    expect(arisen(plan, [{ ...ROW_III, attention: 'high' }, { falseReport: false }]).has('report-party-group-stability')).toBe(false);
  });
});

describe('004 四（三）现场处置: 组织力量, 维护秩序, 调查取证', () => {
  const plan = loadPlan('ideology-emergency', { parameters: IE_PARAMETERS });
  const clauses: [string, string, string][] = [
    ['on-site', '四（三）1 组织力量', '迅速组织相关部门和人员赶赴现场，开展现场处置工作'],
    ['keep-order', '四（三）2 维护秩序', '采取有效措施维护现场秩序，防止事态扩大'],
    ['evidence', '四（三）3 调查取证', '现场处置人员要及时收集相关证据'],
  ];

  it.each(clauses)('%s cites 004 %s with the seed sentence', (id, clause, seed) => {
    const r = rule(plan, id);
    expect(r.basis).toMatchObject({ seed: '004', clause });
    expect(r.basis.quote).toContain(seed);
  });

  it('organising forces and collecting evidence are due at once; keeping order goes on until the end', () => {
    expect(rule(plan, 'on-site')).toMatchObject({ immediate: true, responsible: 'leading-group' });
    expect(rule(plan, 'evidence')).toMatchObject({ immediate: true, responsible: 'on-site-team' });
    expect(rule(plan, 'keep-order')).toMatchObject({ continuous: true, until: 'ended', responsible: 'on-site-team' });
  });

  it('arise where there is a scene (a mass incident), not for attention alone', () => {
    const scene = arisen(plan, [ROW_IV, { massIncident: true }]);
    for (const [id] of clauses) expect(scene.has(id)).toBe(true);
    const online = arisen(plan, [{ ...ROW_IV, attention: 'extreme' }, { massIncident: false }]);
    for (const [id] of clauses) expect(online.has(id)).toBe(false);
  });
});

describe('004 三（二）1 橙色预警 "舆情关注度较高": attention high is orange, elevated is yellow', () => {
  const plan = loadPlan('ideology-emergency', { parameters: IE_PARAMETERS });
  const levelOf = (attention: string): string => decide(plan, incident({ attention }), { now: NOW }).level.id;

  it('the orange rule cites 三（二）1 with the words 关注度较高', () => {
    const orange = plan.definition.classification.find((c) => c.id === 'orange-criteria');
    expect(orange?.basis).toMatchObject({ seed: '004', clause: '三（二）1 橙色预警' });
    expect(orange?.basis.quote).toContain('舆情关注度较高');
  });

  it('each attention value alone: extreme red, high orange, elevated yellow, low blue', () => {
    expect(['extreme', 'high', 'elevated', 'low'].map(levelOf)).toEqual(['red', 'orange', 'yellow', 'blue']);
  });
});
