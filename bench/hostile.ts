// Plans of the hostile shapes of issue 12 (the benchmark's sections 9–11 and bench/peak.ts): shared
// conditions as a DAG, plan files of growing size, and working-day offsets that span a host calendar.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lib } from './lib.js';
import { at } from './fixtures.js';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');
type Json = Record<string, any>;

/** hrss with shared conditions c0 … c<depth>, each referring to the next twice (2^depth paths, depth + 1 conditions), used by a rule and a duty. */
export function sharedConditionDag(depth: number): Json {
  const base = structuredClone(lib.loadPlan('hrss').definition) as Json;
  const conditions: Json = { ...base.conditions };
  for (let i = 0; i < depth; i++) conditions[`c${i}`] = { all: [{ condition: `c${i + 1}` }, { condition: `c${i + 1}` }] };
  conditions[`c${depth}`] = { any: [{ fact: 'attention', operator: 'equal', value: 'high' }, { fact: 'massIncident', operator: 'equal', value: true }] };
  base.conditions = conditions;
  base.id = `dag-${depth}`;
  base.classification = [...base.classification, { id: 'dag', level: 'II', priority: 45, conditions: { condition: 'c0' }, basis: base.classification[0].basis }];
  base.obligations = [...base.obligations, { ...base.obligations.find((o: Json) => o.id === 'report-leading-group'), id: 'dag-report', when: { condition: 'c0' } }];
  return base;
}

/**
 * The hrss rule file as written (it extends the seven-step template) grown to `n` own obligations toward
 * n / 5 own recipients (at most 200, the schema's limit), each obligation also changed under `overrides`,
 * and n / 4 more obligations that `remove` takes out again (at most 1000 obligations in the end).
 */
export function bigPlanFile(n: number): Json {
  const file = JSON.parse(readFileSync(join(rulesDir, 'hrss.json'), 'utf8')) as Json;
  const recipients = Math.min(200 - file.recipients.length, Math.max(1, Math.floor(n / 5)));
  const basis = file.recipients[0].basis;
  for (let r = 0; r < recipients; r++) file.recipients.push({ id: `extra-recipient-${r}`, name: `受文单位 ${r}`, basis });
  const model = file.obligations.find((o: Json) => o.id === 'report-office-to-cac');
  const removed = Math.floor(n / 4);
  const own = Math.min(n, 1000 - 20) - file.obligations.length;
  for (let i = 0; i < own + removed; i++) {
    file.obligations.push({ ...model, id: `extra-${i}`, title: `${model.title}（第 ${i} 项）`, to: `extra-recipient-${i % recipients}`, immediate: false, offset: `PT${(i % 48) + 1}H`, when: { any: [{ fact: 'attention', operator: 'in', value: ['high', 'extreme'] }] } });
  }
  file.overrides.obligations = { ...(file.overrides.obligations ?? {}) };
  for (let i = 0; i < own; i++) file.overrides.obligations[`extra-${i}`] = { title: `${model.title}（第 ${i} 项，已改）` };
  file.remove.obligations = [...file.remove.obligations];
  for (let i = own; i < own + removed; i++) file.remove.obligations.push(`extra-${i}`);
  file.id = `big-${n}`;
  return file;
}

/** Host calendar data for 2027–2040: plausible holidays (New Year, Spring Festival, Labour Day, National Day) and two 调休 Saturdays a year. */
export function hostCalendar(from = 2027, to = 2040): { years: { year: number; notice: string; holidays: string[]; workdays: string[] }[] } {
  const iso = (d: Date): string => d.toISOString().slice(0, 10);
  const years = [];
  for (let year = from; year <= to; year++) {
    const holidays: string[] = [];
    const run = (month: number, day: number, days: number): void => {
      for (let k = 0; k < days; k++) holidays.push(iso(new Date(Date.UTC(year, month - 1, day + k))));
    };
    run(1, 1, 1);
    run(2, 1 + ((year * 7) % 20), 8); // a Spring Festival somewhere in February
    run(5, 1, 5);
    run(10, 1, 7);
    const saturday = (month: number, after: number): string => {
      const d = new Date(Date.UTC(year, month - 1, after));
      while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
      return iso(d);
    };
    const workdays = [saturday(4, 20), saturday(9, 20)].filter((d) => !holidays.includes(d));
    years.push({ year, notice: `国务院办公厅关于${year}年部分节假日安排的通知（基准测试用数据）`, holidays, workdays });
  }
  return { years };
}

/** hrss with one more duty due `days` working days after discovery (a plan the host calendar must carry to the deadline). */
export function workingDayPlan(days: number): Json {
  const base = structuredClone(lib.loadPlan('hrss').definition) as Json;
  const model = base.obligations.find((o: Json) => o.id === 'report-leading-group');
  base.id = `working-days-${days}`;
  base.obligations = [...base.obligations, { ...model, id: 'long-working-deadline', title: `${days} 个工作日内完成评估`, offset: `P${days}D`, workingDays: true, immediate: false }];
  return base;
}

/** An hrss incident discovered on 2026-03-02 at 09:00 +08:00, decided an hour later: level II, nothing reported yet. */
export const WORKING_DAY_INCIDENT = { id: 'working-days', occurredAt: at(0), discoveredAt: at(60), indicators: { attention: 'high', spread: 'fast' }, events: [] };
export const WORKING_DAY_NOW = at(120);
