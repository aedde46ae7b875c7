import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessRisk, audit, decide, decideMany, IncidentError, loadPlan, renderAudit, renderDecision, schedule, type Decision, type Plan } from '../src/index.js';

// Chinese first (issue 16): warnings and explanations are Chinese by default and English with `lang: 'en'`;
// codes, ids, paths and the plan's own texts are the same in both.
const HAN = /\p{Script=Han}/u;

/** Every string of a value (a plan's definition, an incident): the plan's and the caller's own texts. */
function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, into);
  return into;
}

/** A text with the plan's and the incident's own strings taken out (longest first), and the one Chinese term the English keeps (就高). */
function libraryWords(text: string, own: readonly string[]): string {
  let rest = text;
  for (const s of own) if (s !== '') rest = rest.split(s).join(' ');
  return rest.split('就高').join(' ');
}

interface Scenario { incident: Record<string, unknown>; now: string }
const SUITES: { plan: Plan; scenarios: Scenario[] }[] = [
  ...['hrss', 'county-bureau', 'party-branch', 'industry-bureau', 'civil-affairs', 'city-drill'].map((id) => ({
    plan: loadPlan(id),
    scenarios: (JSON.parse(readFileSync(`rules/${id}.scenarios.json`, 'utf8')) as { scenarios: Scenario[] }).scenarios,
  })),
  ...['bureau-approval', 'bureau-judgement', 'city-media-tier'].map((id) => ({
    plan: loadPlan(JSON.parse(readFileSync(`examples/plans/${id}.json`, 'utf8')) as object),
    scenarios: (JSON.parse(readFileSync(`examples/plans/${id}.scenarios.json`, 'utf8')) as { scenarios: Scenario[] }).scenarios,
  })),
];

/** The decision without its texts: what must be the same in both languages. */
const skeleton = (d: Decision) => {
  // A reason's words differ; whether a duty has one does not.
  const duty = (o: Decision['obligations'][number]) => (o.reason === undefined ? o : { ...o, reason: typeof o.reason });
  return { ...d, obligations: d.obligations.map(duty), next: d.next.map(duty), warnings: d.warnings.map(({ code, path }) => ({ code, path })), explanation: d.explanation.map(({ text: _text, ...rest }) => rest) };
};

describe('decide in Chinese and in English', () => {
  it('gives the same decision in both languages but for the texts, English texts holding no Chinese but the plan’s and the incident’s own', () => {
    let explained = 0;
    let warned = 0;
    let reasoned = 0;
    for (const { plan, scenarios } of SUITES) {
      const planStrings = stringsOf(plan.definition);
      for (const { incident, now } of scenarios) {
        let zh: Decision;
        try {
          zh = decide(plan, incident, { now });
        } catch {
          continue;
        }
        const en = decide(plan, incident, { now, lang: 'en' });
        expect(skeleton(en)).toStrictEqual(skeleton(zh));
        expect(decide(plan, incident, { now, lang: 'zh' })).toStrictEqual(zh);
        const own = [...new Set([...planStrings, ...stringsOf(incident)])].sort((a, b) => b.length - a.length);
        for (const [i, e] of en.explanation.entries()) {
          expect(libraryWords(e.text, own), e.text).not.toMatch(HAN);
          expect(zh.explanation[i]?.text).toMatch(HAN);
          explained++;
        }
        for (const w of en.warnings) {
          expect(libraryWords(w.message, own), w.message).not.toMatch(HAN);
          warned++;
        }
        for (const w of zh.warnings) expect(w.message).toMatch(HAN);
        // Reasons (why a duty waits, closed, lapsed) are the library's words too: English on request, Chinese by default.
        for (const [i, o] of en.obligations.entries()) {
          if (o.reason === undefined) continue;
          expect(libraryWords(o.reason, own), o.reason).not.toMatch(HAN);
          expect(zh.obligations[i]?.reason).toMatch(HAN);
          reasoned++;
        }
        const auditEn = audit(plan, incident, { now, lang: 'en' });
        for (const o of auditEn.obligations) if (o.reason !== undefined) expect(libraryWords(o.reason, own), o.reason).not.toMatch(HAN);
      }
    }
    expect(explained).toBeGreaterThan(1000);
    expect(warned).toBeGreaterThan(0);
    expect(reasoned).toBeGreaterThan(0);
  });

  it('writes a fact with its labels: 关注度：高 by default, attention: high in English', () => {
    const hrss = loadPlan('hrss');
    const incident = { id: 'x', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high', foreignMedia: 'emerging' } };
    const zh = decide(hrss, incident, { now: '2026-03-02T09:30:00+08:00' });
    expect(zh.explanation[0]?.text).toMatch(/^关注度：高、境外媒体关注：开始关注 满足 II /);
    const en = decide(hrss, incident, { now: '2026-03-02T09:30:00+08:00', lang: 'en' });
    expect(en.explanation[0]?.text).toMatch(/^attention: high, foreign media: emerging meet the criteria of II /);
  });

  it('says events after now in Chinese by default and in English on request', () => {
    const hrss = loadPlan('hrss');
    const incident = { id: 'x', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'low' }, events: [{ type: 'subsided', at: '2026-03-02T12:00:00+08:00' }] };
    expect(decide(hrss, incident, { now: '2026-03-02T09:30:00+08:00' }).warnings).toStrictEqual([{ code: 'events-after-now', path: ['events'], message: '现在之后的 1 个事件不计入' }]);
    expect(decide(hrss, incident, { now: '2026-03-02T09:30:00+08:00', lang: 'en' }).warnings).toStrictEqual([{ code: 'events-after-now', path: ['events'], message: '1 event(s) after now are ignored' }]);
    const a = audit(hrss, incident, { now: '2026-03-02T09:30:00+08:00', lang: 'en' });
    expect(a.warnings[0]?.message).toBe('1 event(s) after now are ignored');
    const [batch] = [...decideMany(hrss, [incident], { now: '2026-03-02T09:30:00+08:00', lang: 'en' })];
    expect(batch?.decision?.warnings[0]?.message).toBe('1 event(s) after now are ignored');
  });
});

describe('the option lang', () => {
  const hrss = loadPlan('hrss');
  const incident = { id: 'x', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00' };
  const now = '2026-03-02T09:30:00+08:00';
  const errorOf = (run: () => unknown): IncidentError => {
    try {
      run();
    } catch (error) {
      return error as IncidentError;
    }
    throw new Error('no error');
  };

  it('refuses a language it does not know, as the other options, naming the path, the value and what it expected', () => {
    for (const run of [
      () => decide(hrss, incident, { now, lang: 'fr' as 'en' }),
      () => audit(hrss, incident, { now, lang: 'EN' as 'en' }),
      () => schedule(hrss, { from: now, to: now, lang: 'english' as 'en' }),
      () => decideMany(hrss, [incident], { now, lang: 1 as unknown as 'en' }),
      () => assessRisk(loadPlan('industry-bureau'), { risk: 'high', lang: null as unknown as 'en' }),
    ]) {
      const error = errorOf(run);
      expect(error).toBeInstanceOf(IncidentError);
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.issues[0]?.path).toEqual(['lang']);
      expect(error.issues[0]?.code).toBe('invalid_option');
    }
  });

  it('throws its errors in English on request, in Chinese by default', () => {
    const zh = errorOf(() => decide(hrss, { ...incident, discoveredAt: '2026-03-02T08:00:00+08:00' }, { now }));
    const en = errorOf(() => decide(hrss, { ...incident, discoveredAt: '2026-03-02T08:00:00+08:00' }, { now, lang: 'en' }));
    expect(zh.issues[0]?.message).toMatch(HAN);
    expect(en.issues[0]?.message).toBe('the incident was discovered before it occurred');
    expect(en.issues[0]?.path).toEqual(zh.issues[0]?.path);
    expect(errorOf(() => audit(hrss, incident, { now: '2026-03-02T08:00:00+08:00', lang: 'en' })).issues[0]?.message).toBe('now is before the incident was discovered: nothing is due yet');
    expect(errorOf(() => schedule(hrss, { from: now, to: '2026-03-01T00:00:00+08:00', lang: 'en' })).issues[0]?.message).toBe('"to" is before "from"');
    expect(errorOf(() => decideMany(hrss, 5 as unknown as unknown[], { now, lang: 'en' })).issues[0]?.message).toBe('incidents must be an iterable of incidents');
    expect(errorOf(() => assessRisk(loadPlan('industry-bureau'), { risk: 'huge' as 'high', lang: 'en' })).issues[0]?.message).toBe('not a risk level');
    expect(schedule(hrss, { from: now, to: now, lang: 'en' })).toEqual(schedule(hrss, { from: now, to: now }));
    expect(assessRisk(loadPlan('industry-bureau'), { risk: 'low', lang: 'en' })).toEqual(assessRisk(loadPlan('industry-bureau'), { risk: 'low' }));
  });
});

describe('renderDecision and renderAudit in both languages', () => {
  const hrss = loadPlan('hrss');
  const incident = { id: 'x', occurredAt: '2026-03-02T08:30:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' }, events: [{ type: 'report', at: '2026-03-02T09:10:00+08:00', to: 'nobody' }] };
  const now = '2026-03-02T09:30:00+08:00';

  it('writes the decision’s headings in Chinese by default and in English on request', () => {
    const zh = renderDecision(decide(hrss, incident, { now }));
    expect(zh).toContain('级别：II ');
    expect(zh).toContain('\n下一步：\n');
    expect(zh).toContain('\n依据：\n');
    expect(zh).toContain('\n提示：\n');
    const en = renderDecision(decide(hrss, incident, { now, lang: 'en' }), { lang: 'en' });
    expect(en).toContain('Level: II ');
    expect(en).toContain('\nNext:\n');
    expect(en).toContain('\nBasis:\n');
    expect(en).toContain('\nWarnings:\n');
    expect(en).toMatch(/\n {2}1\. \[(pending|overdue)\] (by |at once)/);
    expect(libraryWords(en, [...stringsOf(hrss.definition)].sort((a, b) => b.length - a.length))).not.toMatch(HAN);
  });

  it('writes every scenario’s decision and audit with no Chinese of its own in English, the same duties in both languages', () => {
    for (const { plan, scenarios } of SUITES) {
      const planStrings = stringsOf(plan.definition);
      for (const { incident, now } of scenarios) {
        let decision: Decision;
        try {
          decision = decide(plan, incident, { now, lang: 'en' });
        } catch {
          continue;
        }
        const own = [...new Set([...planStrings, ...stringsOf(incident)])].sort((a, b) => b.length - a.length);
        const text = renderDecision(decision, { lang: 'en' });
        expect(libraryWords(text, own), text).not.toMatch(HAN);
        const report = renderAudit(audit(plan, incident, { now, lang: 'en' }), { lang: 'en' });
        expect(libraryWords(report, own), report).not.toMatch(HAN);
        const zh = renderDecision(decide(plan, incident, { now }));
        expect(zh.split('\n').length).toBe(text.split('\n').length);
      }
    }
  });

  it('writes the audit in English on request', () => {
    const zh = renderAudit(audit(hrss, incident, { now }));
    expect(zh).toContain('# 舆情处置审计');
    const en = renderAudit(audit(hrss, incident, { now, lang: 'en' }), { lang: 'en' });
    expect(en).toContain('# Incident audit');
    expect(libraryWords(en, [...stringsOf(hrss.definition)].sort((a, b) => b.length - a.length))).not.toMatch(HAN);
  });
});
