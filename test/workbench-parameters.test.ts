import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError } from '../src/index.js';
import { declaredParameters, enteredFrom, expectsText, parameterIssues, parameterValues, sameValues, type ParameterField } from '../workbench/src/parameters';

const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../rules/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const ideology = read('ideology-emergency.json');
const scenarioValues = (read('ideology-emergency.scenarios.json') as { parameters: Record<string, string | number> }).parameters;
const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('workbench: a plan’s blanks (parameters)', () => {
  it('reads the blanks a plan file declares, in its order, with their names and bounds', () => {
    const fields = declaredParameters(ideology);
    expect(fields.map((f) => f.id)).toEqual(['phoneReportMinutes', 'writtenReportHours', 'verifyHours', 'officeDepartment']);
    expect(fields[0]).toEqual({ id: 'phoneReportMinutes', type: 'number', name: '重大突发事件电话报告时限（事件发生后[X]分钟内）', unit: 'minutes', min: 1, integer: true, optional: false, placeholder: '[X]' });
    expect(fields[3]!.type).toBe('text');
    const hrss = declaredParameters(read('hrss.json'));
    expect(hrss).toMatchObject([{ id: 'monitoringHours', optional: true, placeholder: 'xx', max: 24 }]);
    expect(declaredParameters(read('city-drill.json'))).toEqual([]);
  });

  it('passes over what is not a declaration (the library reports it) and a repeated id', () => {
    expect(declaredParameters(null)).toEqual([]);
    expect(declaredParameters([1])).toEqual([]);
    expect(declaredParameters({ parameters: 'x' })).toEqual([]);
    const fields = declaredParameters({ parameters: [null, { id: 5 }, { id: '' }, { id: 'a', name: ' ', integer: false, min: Infinity }, { id: 'a', type: 'text' }] });
    expect(fields).toEqual([{ id: 'a', type: 'number', name: 'a', integer: false, optional: false, placeholder: '[X]' }]);
  });

  it('says what each blank expects, in Chinese', () => {
    const [phone, , , office] = declaredParameters(ideology);
    expect(expectsText(phone!)).toBe('整数，不小于 1（分钟）');
    expect(expectsText(office!)).toBe('文本，至多 100 个字符');
    expect(expectsText(declaredParameters(read('hrss.json'))[0]!)).toBe('整数，不小于 1且不大于 24（小时）；可留空（留空时写作“xx”）');
    const plain: ParameterField = { id: 'x', type: 'number', name: 'x', integer: false, optional: false, placeholder: '[X]' };
    expect(expectsText(plain)).toBe('数字');
    expect(expectsText({ ...plain, unit: 'weeks', max: 3 })).toBe('数字，不大于 3（weeks）');
  });

  it('gives loadPlan the entries typed, trimmed, leaving out the empty ones and undeclared ids', () => {
    const fields = declaredParameters(ideology);
    const entered = new Map([['phoneReportMinutes', ' 30 '], ['writtenReportHours', ''], ['verifyHours', '   '], ['officeDepartment', '宣传部'], ['toString', '1']]);
    const values = parameterValues(fields, entered);
    expect(values).toEqual({ phoneReportMinutes: '30', officeDepartment: '宣传部' });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    const plan = loadPlan(ideology, { parameters: parameterValues(fields, enteredFrom(fields, scenarioValues)) });
    expect(plan.parameters).toEqual(scenarioValues);
  });

  it('fills the form from a plan’s or a scenario file’s values (own values only), empty for the rest', () => {
    const fields = declaredParameters(ideology);
    expect([...enteredFrom(fields, scenarioValues)]).toEqual([['phoneReportMinutes', '30'], ['writtenReportHours', '2'], ['verifyHours', '1'], ['officeDepartment', '宣传部']]);
    expect([...enteredFrom(fields, undefined).values()]).toEqual(['', '', '', '']);
    expect(enteredFrom(fields, { phoneReportMinutes: true, verifyHours: [1] }).get('phoneReportMinutes')).toBe('');
    const toString: ParameterField = { id: 'toString', type: 'text', name: 't', integer: true, optional: false, placeholder: '[X]' };
    expect(enteredFrom([toString], {}).get('toString')).toBe('');
  });

  it('compares values as the form writes them', () => {
    const fields = declaredParameters(ideology);
    expect(sameValues(fields, { ...scenarioValues, phoneReportMinutes: '30' }, scenarioValues)).toBe(true);
    expect(sameValues(fields, { ...scenarioValues, phoneReportMinutes: 45 }, scenarioValues)).toBe(false);
    expect(sameValues(fields, {}, undefined)).toBe(true);
  });

  it('sorts the library’s messages about missing and invalid blanks by blank, in Chinese', () => {
    const fields = declaredParameters(ideology);
    const missing = thrown(() => loadPlan(ideology, { parameters: parameterValues(fields, new Map([['phoneReportMinutes', '30']])) }));
    expect(missing).toBeInstanceOf(PlanError);
    const byId = parameterIssues(missing, fields)!;
    expect([...byId.keys()]).toEqual(['writtenReportHours', 'verifyHours', 'officeDepartment']);
    expect(byId.get('verifyHours')![0]!.message).toBe('缺少参数：领导小组办公室核实情况时限（[X]小时内）');
    const invalid = thrown(() => loadPlan(ideology, { parameters: { ...scenarioValues, phoneReportMinutes: 'abc', verifyHours: '0' } }));
    const wrong = parameterIssues(invalid, fields)!;
    expect([...wrong.keys()]).toEqual(['phoneReportMinutes', 'verifyHours']);
    expect(wrong.get('phoneReportMinutes')![0]!.message).toMatch(/应为数字/);
  });

  it('leaves any other error to the banner: not the form’s to show', () => {
    const fields = declaredParameters(ideology);
    expect(parameterIssues(thrown(() => loadPlan({ ...ideology, timeZone: 'Mars/Olympus' }, { parameters: scenarioValues })), fields)).toBeNull();
    expect(parameterIssues(thrown(() => loadPlan(ideology, { parameters: { ...scenarioValues, nope: 1 } })), fields)).toBeNull();
    expect(parameterIssues(new Error('x'), fields)).toBeNull();
    expect(parameterIssues('x', fields)).toBeNull();
    expect(parameterIssues(Object.assign(new Error('x'), { issues: [] }), fields)).toBeNull();
    expect(parameterIssues(Object.assign(new Error('x'), { issues: [null] }), fields)).toBeNull();
  });
});
