import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError } from '../src/index.js';
import { checkWithEngine, diffPlans, formatResults, mutantsOf, mutatePlan, runScenario, verifyAgainst, verifyPlan, type ScenarioFile } from '../src/testing/index.js';

// The toolkit's texts for people: Chinese by default, English with `lang: 'en'`; ids, codes and checks the same in both.
const county = loadPlan('county-bureau');
const incident = {
  id: 'inc-1',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
};
const now = '2026-03-02T09:10:00+08:00';

/** The PlanError a call throws (fails when it throws none or another). */
const thrown = (call: () => unknown): PlanError => {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return error as PlanError;
  }
  throw new Error('no error thrown');
};

describe('lang of the testing functions', () => {
  it('verifyPlan words its findings in Chinese, in English with lang en', () => {
    const zh = verifyPlan(county);
    const en = verifyPlan(county, { lang: 'en' });
    expect(zh.findings.map((f) => [f.check, f.subject])).toEqual(en.findings.map((f) => [f.check, f.subject]));
    const role = (r: typeof zh) => r.findings.find((f) => f.subject === 'roles.party-group')?.message;
    expect(role(zh)).toBe('角色 party-group（局党组）已定义，但没有任何响应、义务或职责用到它');
    expect(role(en)).toBe('role party-group (局党组) is defined but no escalation, obligation or duty names it');
    expect(verifyPlan(county, { lang: 'zh' })).toEqual(zh);
  });

  it('formatResults: Chinese lines by default, English with lang en', () => {
    const result = runScenario(county, { name: 'wrong level', clause: '四 第三步', incident, now, expect: { level: 'I' } });
    expect(formatResults([result])).toBe('✗ wrong level（四 第三步）\n    level：应为 "I"，实为 "II"');
    expect(formatResults([result], { lang: 'en' })).toBe('✗ wrong level (四 第三步)\n    level: expected "I", got "II"');
    const absent = runScenario(county, { name: 'no such duty', clause: 'c', incident, now, expect: { obligations: { 'no-such': { status: 'pending' } } } });
    expect(formatResults([absent])).toContain('obligations.no-such：应为 已产生，实为 不存在');
    expect(formatResults([absent], { lang: 'en' })).toContain('obligations.no-such: expected "to have arisen", got "absent"');
  });

  it('mutantsOf and mutatePlan describe mutants and refuse a failing suite in the language asked for', () => {
    const zh = mutantsOf(county.definition);
    const en = mutantsOf(county.definition, { lang: 'en' });
    expect(zh.map((m) => m.id)).toEqual(en.map((m) => m.id));
    const offset = (ms: typeof zh) => ms.find((m) => m.id === 'obligations.report-leading-group#offset-1')?.description;
    expect(offset(zh)).toBe('时限 PT30M → PT60M');
    expect(offset(en)).toBe('offset PT30M → PT60M');
    expect(zh.find((m) => m.kind === 'drop-notify')?.description).toMatch(/^去掉向 \S+ 的 (report|request|consult)$/);
    expect(zh.find((m) => m.kind === 'threshold' && m.description.includes('去掉'))?.description).toMatch(/\]（去掉 "[a-z-]+"）$/);
    const failing: ScenarioFile = { plan: 'county-bureau', scenarios: [{ name: 'wrong', clause: 'c', incident, now, expect: { level: 'I' } }] } as ScenarioFile;
    expect(() => mutatePlan(county, [failing])).toThrow('预案 county-bureau 的场景在预案本身上并未全部通过');
    expect(() => mutatePlan(county, [failing], { lang: 'en' })).toThrow('the scenarios of plan county-bureau do not all pass on the plan itself');
  });

  it('verifyAgainst gives message in Chinese by default, messageEn always, message in English with lang en', () => {
    const national = loadPlan('national');
    const zh = verifyAgainst(county, national);
    const en = verifyAgainst(county, national, { lang: 'en' });
    expect(zh.findings.length).toBeGreaterThan(0);
    expect(en.findings.map((f) => f.messageEn)).toEqual(zh.findings.map((f) => f.messageEn));
    expect(en.findings.map((f) => f.message)).toEqual(zh.findings.map((f) => f.messageEn));
    expect(zh.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.findings[0]?.message).not.toBe(zh.findings[0]?.messageEn);
  });

  it('checkWithEngine words what it did not check in the language asked for', async () => {
    const zh = await checkWithEngine(county, { budget: 0 });
    const en = await checkWithEngine(county, { budget: 0, lang: 'en' });
    expect(zh.notChecked[0]?.message).toMatch(/^未经 json-rules-engine 核对：/);
    expect(en.notChecked[0]?.message).toMatch(/^not run through json-rules-engine: /);
    const disagree = await checkWithEngine(county, { evaluate: () => true });
    expect(disagree.findings[0]?.message).toMatch(/^编译后的条件得出 true，而 json-rules-engine 得出 false$/);
    expect((await checkWithEngine(county, { evaluate: () => true, lang: 'en' })).findings[0]?.message).toBe('the compiled condition gives true where json-rules-engine gives false');
  });

  it('refuses a lang other than "zh" or "en", naming the path lang', () => {
    const calls: [string, () => unknown][] = [
      ['verifyPlan', () => verifyPlan(county, { lang: 'fr' as never })],
      ['formatResults', () => formatResults([], { lang: 'EN' as never })],
      ['mutantsOf', () => mutantsOf(county.definition, { lang: 1 as never })],
      ['mutatePlan', () => mutatePlan(county, [], { lang: null as never })],
      ['verifyAgainst', () => verifyAgainst(county, loadPlan('national'), { lang: 'de' as never })],
      ['diffPlans', () => diffPlans(county, county, [], { lang: 'fr' as never })],
    ];
    for (const [name, call] of calls) {
      const error = thrown(call);
      expect(error.issues, name).toEqual([expect.objectContaining({ path: ['lang'] })]);
      expect(error.code, name).toBe('INVALID_OPTION');
    }
    expect(() => formatResults([], 'en' as never)).toThrow(PlanError);
  });

  it('checkWithEngine refuses a bad lang too', async () => {
    await expect(checkWithEngine(county, { lang: 'fr' as never })).rejects.toMatchObject({ name: 'PlanError', issues: [{ path: ['lang'] }] });
  });
});
