// Issue 13, item 6 (seed fidelity): `audit` shows how long each duty took and how late it was, and `diff`
// counts every field a reader of a decision sees (names of recipients and roles, titles, level names …).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, yuqing as yuqingIn } from './support/cli.js';

/** The CLI worded in English (`--lang en`): these tests read its messages; the Chinese default is tested in test/cli.test.ts. */
const yuqing = (args: string[], options?: Parameters<typeof yuqingIn>[1]) => yuqingIn(['--lang', 'en', ...args], options);
import { elapsed } from '../src/decide/audit.js';
import { audit, AuditSchema, decide, loadPlan, renderAudit, type Audit, type Decision, type PlanSource } from '../src/index.js';
import { durationZh } from '../src/render/audit.js';
import { compareDecisions, diffPlans, generateIncidents, scenarioCases, ScenarioFileSchema } from '../src/testing/index.js';
import { at, basisOf, level } from './support/synthetic-plan.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const lines = (text: string): string[] => text.split('\n');
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------------
// audit: how long each took
// ---------------------------------------------------------------------------------------------------

describe('elapsed and durationZh', () => {
  it('write a span as an exact ISO 8601 duration, hours the largest unit, with a sign when it runs backwards', () => {
    expect(elapsed(0)).toBe('PT0S');
    expect(elapsed(23 * MINUTE)).toBe('PT23M');
    expect(elapsed(26 * 60 * MINUTE + 5 * MINUTE)).toBe('PT26H5M');
    expect(elapsed(2 * 60 * MINUTE)).toBe('PT2H');
    expect(elapsed(1500)).toBe('PT1.5S');
    expect(elapsed(MINUTE + 7)).toBe('PT1M0.007S');
    expect(elapsed(-5 * MINUTE)).toBe('-PT5M');
  });

  it('write a span in Chinese with days, hours, minutes and seconds, leaving out the parts that are zero', () => {
    expect(durationZh(23 * MINUTE)).toBe('23 分钟');
    expect(durationZh(((24 + 1) * 60 + 1) * MINUTE + 1000)).toBe('1 天 1 小时 1 分钟 1 秒');
    expect(durationZh(2 * 24 * 60 * MINUTE)).toBe('2 天');
    expect(durationZh(30_999)).toBe('30 秒');
    expect(durationZh(999)).toBe('0 分钟');
    expect(durationZh(0)).toBe('0 分钟');
    expect(durationZh(-90 * MINUTE)).toBe('1 小时 30 分钟');
  });
});

describe('audit: how long each duty took and how late it was', () => {
  // The worked example's county-bureau incident, cut down: the report at 09:20, the reply (12 hours from
  // occurrence, due 20:00) at 20:30, and the consultation never held.
  const county = loadPlan('county-bureau');
  const incident = {
    id: 'inc-took',
    occurredAt: at('08:00'),
    discoveredAt: at('09:00'),
    indicators: { attention: 'elevated', spread: 'moderate', reach: 'limited', offlineRisk: 'none' },
    events: [
      { type: 'report', at: at('09:20'), to: 'leading-group', by: 'monitor' },
      { type: 'reply', at: at('20:30') },
    ],
  };
  const result = audit(county, incident, { now: '2026-03-03T12:00:00+08:00' });
  const byId = (a: Audit, id: string) => a.obligations.find((o) => o.id === id)!;

  it('counts from the clock start (anchorAt) and from when the duty arose to when it was done; late by done − due', () => {
    expect(byId(result, 'report-leading-group')).toMatchObject({
      anchorAt: at('09:00'), arisenAt: at('09:00'), doneAt: at('09:20'), status: 'met',
      took: 'PT20M', tookMs: 20 * MINUTE, tookSinceArisen: 'PT20M', tookSinceArisenMs: 20 * MINUTE, lateBy: null, lateByMs: null,
    });
    // 000 四 第六步 counts 12 hours from occurrence (08:00), before the duty arose at discovery (09:00).
    expect(byId(result, 'reply')).toMatchObject({
      anchorAt: at('08:00'), arisenAt: at('09:00'), dueAt: at('20:00'), doneAt: at('20:30'), status: 'met-late',
      took: 'PT12H30M', tookMs: 750 * MINUTE, tookSinceArisen: 'PT11H30M', tookSinceArisenMs: 690 * MINUTE, lateBy: 'PT30M', lateByMs: 30 * MINUTE,
    });
  });

  it('leaves the spans null for duties not done, and keeps every field of the decision', () => {
    const pending = result.obligations.filter((o) => o.doneAt === null);
    expect(pending.length).toBeGreaterThan(0);
    for (const o of pending) expect(o).toMatchObject({ took: null, tookMs: null, tookSinceArisen: null, tookSinceArisenMs: null });
    const decision = decide(county, incident, { now: '2026-03-03T12:00:00+08:00' });
    expect(result.obligations.map(({ anchorAt: _a, took: _t, tookMs: _tm, tookSinceArisen: _s, tookSinceArisenMs: _sm, lateBy: _l, lateByMs: _lm, ...o }) => o)).toStrictEqual(decision.obligations);
    // The zod schema is the type: the audit parses as it is, and the schema keeps the new fields.
    expect(AuditSchema.parse(result)).toStrictEqual(result);
  });

  it('shows it in the rendered table: 用时, the clock start when it is not when the duty arose, and 超时', () => {
    const text = lines(renderAudit(result));
    expect(text).toContain('| 事项 | 负责 | 产生 | 时限 | 完成 | 用时 | 状态 | 依据 |');
    expect(text).toContain('| 半小时内向局意识形态风险防控工作领导小组报告 → 局意识形态风险防控工作领导小组 | 舆情监控员 | 03-02 09:00 | 03-02 09:30 | 03-02 09:20 | 用时 20 分钟 | 按时完成 | 000 四 第三步 |');
    expect(text).toContain('| 舆情发生后12小时内根据通稿通过媒体渠道正面回复（网络评论员同时撰写评论文章） | 领导小组办公室 | 03-02 09:00 | 03-02 20:00 | 03-02 20:30 | 用时 12 小时 30 分钟（自发生起算；产生后 11 小时 30 分钟），超时 30 分钟 | 超时完成 | 000 四 第六步 |');
  });

  // A small plan: level II while attention is high, with a report to 宣传部 30 minutes from discovery (or from
  // the change that brings it), and a reply 2 hours from occurrence.
  const basis = basisOf('fidelity audit test');
  const small = loadPlan({
    id: 'audit-took',
    version: '1',
    title: '用时测试预案',
    unit: '测试单位',
    source: { seed: '000', file: 'test/fidelity-audit-diff.test.ts' },
    levels: [level('I', 1, basis), level('II', 2, basis), level('III', 3, basis)],
    classification: [
      { id: 'c-ii', level: 'II', priority: 20, basis, conditions: { all: [{ fact: 'attention', operator: 'equal', value: 'high' }] } },
      { id: 'c-iii', level: 'III', priority: 10, basis, conditions: { all: [] } },
    ],
    roles: [{ id: 'office', name: '办公室' }, { id: 'leading-group', name: '领导小组' }],
    recipients: [{ id: 'propaganda', name: '宣传部' }],
    escalation: [
      { level: 'I', lead: 'leading-group', basis },
      { level: 'II', lead: 'leading-group', basis },
      { level: 'III', lead: 'office', basis },
    ],
    obligations: [
      {
        id: 'report-up', step: 'report', title: '向宣传部报告', responsible: 'office', to: 'propaganda', notify: 'report', anchor: 'discoveredAt', offset: 'PT30M', basis,
        when: { all: [{ fact: 'levelRank', operator: 'lessThanInclusive', value: 2 }] },
      },
      { id: 'reply', step: 'reply', title: '回应', responsible: 'office', anchor: 'occurredAt', offset: 'PT2H', basis },
    ],
  } as PlanSource);
  const smallIncident = (attention: string, events: unknown[]) => ({ id: 'inc-s', occurredAt: at('08:00'), discoveredAt: at('09:00'), indicators: { attention }, events });

  it('counts an overdue duty late until now, and one a change of level dropped after its deadline only until then', () => {
    const overdue = audit(small, smallIncident('high', []), { now: at('12:00') });
    expect(byId(overdue, 'report-up')).toMatchObject({ status: 'overdue', lateBy: 'PT2H30M', lateByMs: 150 * MINUTE, took: null });
    expect(lines(renderAudit(overdue))).toContain('| 向宣传部报告 → 宣传部 | 办公室 | 03-02 09:00 | 03-02 09:30 | — | 未完成，已超时 2 小时 30 分钟 | 已超时 | 000 fidelity audit test |');
    // Attention falls at 10:00: the report, overdue since 09:30, is no longer required from then on.
    const lapsed = audit(small, smallIncident('high', [{ type: 'indicators-updated', at: at('10:00'), indicators: { attention: 'low' } }]), { now: at('12:00') });
    expect(byId(lapsed, 'report-up')).toMatchObject({ status: 'overdue', lateBy: 'PT30M', lateByMs: 30 * MINUTE });
    expect(byId(lapsed, 'report-up').reason).toMatch(/不再要求/);
  });

  it('counts a reopened duty from the change that brought it back, and names that moment in the table', () => {
    // II at 09:00, III at 09:10 (closed before its deadline), II again at 09:20: due 09:50, reported at 09:40.
    const reopened = audit(small, smallIncident('high', [
      { type: 'indicators-updated', at: at('09:10'), indicators: { attention: 'low' } },
      { type: 'indicators-updated', at: at('09:20'), indicators: { attention: 'high' } },
      { type: 'report', at: at('09:40'), to: 'propaganda' },
    ]), { now: at('12:00') });
    expect(byId(reopened, 'report-up')).toMatchObject({ arisenAt: at('09:00'), anchorAt: at('09:20'), dueAt: at('09:50'), status: 'met', took: 'PT20M', tookSinceArisen: 'PT40M' });
    expect(lines(renderAudit(reopened))).toContain('| 向宣传部报告 → 宣传部 | 办公室 | 03-02 09:00 | 03-02 09:50 | 03-02 09:40 | 用时 20 分钟（自03-02 09:20起算；产生后 40 分钟） | 按时完成 | 000 fidelity audit test |');
  });

  it('gives a negative span, with a sign, for a duty an earlier event fulfilled, and says so in the table', () => {
    // The report at 08:50, before discovery; the reply at 07:50, before the incident even occurred.
    const early = audit(small, smallIncident('high', [{ type: 'report', at: at('08:50'), to: 'propaganda' }, { type: 'reply', at: at('07:50') }]), { now: at('12:00') });
    expect(byId(early, 'report-up')).toMatchObject({ status: 'met', took: '-PT10M', tookMs: -10 * MINUTE, tookSinceArisen: '-PT10M' });
    expect(byId(early, 'reply')).toMatchObject({ status: 'met', took: '-PT10M', tookSinceArisen: '-PT1H10M', tookSinceArisenMs: -70 * MINUTE });
    const text = lines(renderAudit(early));
    expect(text).toContain('| 向宣传部报告 → 宣传部 | 办公室 | 03-02 09:00 | 03-02 09:30 | 03-02 08:50 | 起算前 10 分钟已完成 | 按时完成 | 000 fidelity audit test |');
    expect(text).toContain('| 回应 | 办公室 | 03-02 09:00 | 03-02 10:00 | 03-02 07:50 | 发生前 10 分钟已完成（自发生起算；产生前 1 小时 10 分钟已完成） | 按时完成 | 000 fidelity audit test |');
    // A clock from discovery for a duty that arose later (a plan anchored so): named 发现.
    const fromDiscovery: Audit = { ...early, obligations: [{ ...byId(early, 'reply'), anchorAt: at('09:00'), arisenAt: at('09:30'), doneAt: at('10:00'), tookMs: 60 * MINUTE, tookSinceArisenMs: 30 * MINUTE }] };
    expect(renderAudit(fromDiscovery)).toContain('| 03-02 10:00 | 用时 1 小时（自发现起算；产生后 30 分钟） | 按时完成 |');
  });
});

// ---------------------------------------------------------------------------------------------------
// diff: every field a reader sees
// ---------------------------------------------------------------------------------------------------

const hrss = loadPlan('hrss');
const hrssCases = () => [
  ...scenarioCases(ScenarioFileSchema.parse(JSON.parse(readFileSync(join(root, 'rules', 'hrss.scenarios.json'), 'utf8')))),
  ...generateIncidents(),
];
const CAC = '市委网络安全和信息化委员会办公室';
/** hrss with 市委网信办 renamed: nothing but the name changes. */
function renamedCac(): Json {
  const d = structuredClone(hrss.definition) as Json;
  d.version = '2';
  const cac = d.recipients.find((r: Json) => r.id === 'city-cac');
  expect(cac.name).toBe('市委网信办');
  cac.name = CAC;
  return d;
}

describe('diffPlans: a renamed recipient or a changed title is a change', () => {
  const cases = hrssCases();

  it('reports the renamed 市委网信办 in every decision that shows it, by field path, with both names', () => {
    expect(diffPlans(hrss, hrss, cases).summary.changed).toBe(0);
    const report = diffPlans(hrss, loadPlan(renamedCac() as PlanSource), cases);
    // Every case: the office's 及时向市委网信办报送舆情 arises with every incident.
    expect(report.summary.changed).toBe(cases.length);
    expect(report.summary.byField['notify.city-cac.name']).toBe(cases.length);
    expect(report.summary.byField['obligations.report-office-to-cac.recipient.name']).toBe(cases.length);
    expect(Object.keys(report.summary.byField).sort()).toEqual([
      'notify.city-cac.name',
      'obligations.file-cac-level-iii.recipient.name',
      'obligations.report-cac-level-ii.recipient.name',
      'obligations.report-cac-major.recipient.name',
      'obligations.report-office-to-cac.recipient.name',
    ]);
    expect(report.changed[0]!.changes).toContainEqual({ field: 'notify.city-cac.name', before: '市委网信办', after: CAC });
    expect(report.changed[0]!.changes).toContainEqual({ field: 'obligations.report-office-to-cac.recipient.name', before: '市委网信办', after: CAC });
  });

  it('reports a changed title of a duty', () => {
    const d = structuredClone(hrss.definition) as Json;
    d.obligations.find((o: Json) => o.id === 'report-office-to-cac').title = '领导小组办公室两小时内向市委网信办报送舆情';
    const report = diffPlans(hrss, loadPlan(d as PlanSource), cases);
    expect(report.summary.changed).toBe(cases.length);
    expect(report.summary.byField).toEqual({ 'obligations.report-office-to-cac.title': cases.length });
    expect(report.changed.at(-1)!.changes).toEqual([
      { field: 'obligations.report-office-to-cac.title', before: '领导小组办公室及时向市委网信办报送舆情', after: '领导小组办公室两小时内向市委网信办报送舆情' },
    ]);
  });

  it('reports renamed roles and levels: the lead, the responsible party, a level name', () => {
    const d = structuredClone(hrss.definition) as Json;
    d.roles.find((r: Json) => r.id === 'office').name = '局办公室';
    d.roles.find((r: Json) => r.id === 'leading-group').name = '局舆情领导小组';
    d.levels.find((l: Json) => l.id === 'I').name = '特大网络舆情';
    const report = diffPlans(hrss, loadPlan(d as PlanSource), cases);
    expect(report.summary.byField['obligations.report-office-to-cac.responsible.name']).toBe(cases.length);
    expect(report.summary.byField['level.name']).toBeGreaterThan(0);
    expect(report.summary.byField['lead.name']).toBeGreaterThan(0);
    const levelOne = report.changed.find((c) => c.changes.some((ch) => ch.field === 'level.name'))!;
    expect(levelOne.changes).toContainEqual({ field: 'level.name', before: '特别重大网络舆情', after: '特大网络舆情' });
  });
});

describe('compareDecisions: every field a reader sees, timestamps as instants', () => {
  // county-bureau at level II at 09:10 (the contract's worked example): two recipients to notify, both
  // escalation lists, and the report to the leading group due 09:30 with its reminders.
  const base: Decision = decide(loadPlan('county-bureau'), {
    id: 'inc-c',
    occurredAt: at('08:00'),
    discoveredAt: at('09:00'),
    indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  }, { now: at('09:10') });
  const fields = (change: (d: Json) => void): string[] => {
    const other = structuredClone(base) as Json;
    change(other);
    return compareDecisions(base, other as Decision).map((c) => c.field);
  };
  const first = base.obligations.find((x) => x.id === 'report-leading-group')!;
  const i = base.obligations.indexOf(first);
  const o = `obligations.${first.id}`;

  it('has the parts the checks below change', () => {
    expect(base.notify.length).toBeGreaterThan(1);
    expect(base.escalation.approveStatement.length).toBeGreaterThan(0);
    expect(base.escalation.consultWith.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ to: 'leading-group', recipient: { id: 'leading-group' }, dueAt: at('09:30'), status: 'pending' });
    expect(first.reminders.length).toBeGreaterThan(0);
  });

  it('counts names, titles, notes, level names, reasons, bases and the rest', () => {
    expect(fields(() => {})).toEqual([]);
    expect(fields((d) => (d.level.name = 'x'))).toEqual(['level.name']);
    expect(fields((d) => (d.level.nameEn = 'x'))).toEqual(['level.nameEn']);
    expect(fields((d) => (d.level.rank = 9))).toEqual(['level.rank']);
    expect(fields((d) => (d.level.colour = 'red'))).toEqual(['level.colour']);
    expect(fields((d) => (d.level.setBy = 'office'))).toEqual(['level.setBy']);
    expect(fields((d) => (d.level.setAt = at('09:01')))).toEqual(['level.setAt']);
    // Another level: its id is reported, not the name that goes with it.
    expect(fields((d) => Object.assign(d.level, { id: 'III', name: 'x' }))).toEqual(['level']);
    expect(fields((d) => (d.lead.name = 'x'))).toEqual(['lead.name']);
    expect(fields((d) => Object.assign(d.lead, { id: 'x', name: 'x' }))).toEqual(['lead']);
    expect(fields((d) => (d.lead.note = 'x'))).toEqual(['lead.note']);
    for (const list of ['approveStatement', 'consultWith'] as const) {
      const party = base.escalation[list][0]!;
      expect(fields((d) => (d.escalation[list][0].name = 'x'))).toEqual([`escalation.${list}.${party.id}.name`]);
      expect(fields((d) => (d.escalation[list][0] = { id: 'x', name: 'x' }))).toEqual([`escalation.${list}`]);
    }
    expect(fields((d) => (d.escalation.basis = { seed: '999', clause: 'x' }))).toEqual(['escalation.basis']);
    const recipient = base.notify[0]!;
    expect(fields((d) => (d.notify[0].name = 'x'))).toEqual([`notify.${recipient.id}.name`]);
    expect(fields((d) => d.notify.reverse())).toEqual(['notify']);
    expect(fields((d) => d.notify.shift())).toEqual([`notify.${recipient.id}`]);
    expect(fields((d) => (d.obligations[i].title = 'x'))).toEqual([`${o}.title`]);
    expect(fields((d) => (d.obligations[i].step = 'verify'))).toEqual([`${o}.step`]);
    expect(fields((d) => (d.obligations[i].subject = 'x'))).toEqual([`${o}.subject`]);
    expect(fields((d) => (d.obligations[i].responsible.name = 'x'))).toEqual([`${o}.responsible.name`]);
    expect(fields((d) => (d.obligations[i].responsible = { id: 'x', name: 'x' }))).toEqual([`${o}.responsible`]);
    expect(fields((d) => (d.obligations[i].recipient.name = 'x'))).toEqual([`${o}.recipient.name`]);
    expect(fields((d) => Object.assign(d.obligations[i], { to: 'x', recipient: { id: 'x', name: 'x' } }))).toEqual([`${o}.to`]);
    expect(fields((d) => (d.obligations[i].notify = 'invite'))).toEqual([`${o}.notify`]);
    expect(fields((d) => (d.obligations[i].kind = 'undated'))).toEqual([`${o}.kind`]);
    expect(fields((d) => (d.obligations[i].until = 'ended'))).toEqual([`${o}.until`]);
    expect(fields((d) => (d.obligations[i].arisenAt = at('09:01')))).toEqual([`${o}.arisenAt`]);
    expect(fields((d) => (d.obligations[i].doneAt = at('09:01')))).toEqual([`${o}.doneAt`]);
    expect(fields((d) => (d.obligations[i].reason = 'x'))).toEqual([`${o}.reason`]);
    expect(fields((d) => (d.obligations[i].basis = { seed: '999', clause: 'x' }))).toEqual([`${o}.basis`]);
    expect(fields((d) => (d.obligations[i].reminders[0].at = at('09:01')))).toEqual([`${o}.reminders`]);
    // Reminders follow the deadline and the status: with either changed, only that is reported.
    expect(fields((d) => Object.assign(d.obligations[i], { dueAt: at('11:59'), reminders: [] }))).toEqual([`${o}.dueAt`]);
    expect(fields((d) => Object.assign(d.obligations[i], { status: 'not-applicable', reminders: [] }))).toEqual([`${o}.status`]);
    expect(fields((d) => d.obligations.reverse())).toEqual(['obligations']);
    expect(fields((d) => d.warnings.push({ code: 'x', message: 'x', path: [] }))).toEqual(['warnings']);
  });

  it('compares timestamps as instants: the same moments written in UTC are no change', () => {
    const utc = (text: string) => text.replace(/2026-03-02T(\d\d):(\d\d):00\+08:00/g, (_, h: string, m: string) => `2026-03-02T${String(Number(h) - 8).padStart(2, '0')}:${m}:00Z`);
    const rewritten = JSON.parse(utc(JSON.stringify(base))) as Decision;
    expect(JSON.stringify(rewritten)).not.toBe(JSON.stringify(base));
    expect(compareDecisions(base, rewritten)).toEqual([]);
    // A reason and a warning that name a moment: the same moment in UTC is no change, another moment is.
    const withTimes = (t: string): Decision => {
      const d = structuredClone(base) as Json;
      d.obligations[i].reason = `逾期未办；${t} 起级别调整后不再要求`;
      d.warnings.push({ code: 'x', message: `at ${t}`, path: [] });
      return d as Decision;
    };
    expect(compareDecisions(withTimes(at('10:00')), withTimes('2026-03-02T02:00:00Z'))).toEqual([]);
    const moved = compareDecisions(withTimes(at('10:00')), withTimes(at('10:01')));
    expect(moved.map((c) => c.field)).toEqual([`${o}.reason`, 'warnings']);
    // Reported as written.
    expect(moved[0]).toEqual({ field: `${o}.reason`, before: `逾期未办；${at('10:00')} 起级别调整后不再要求`, after: `逾期未办；${at('10:01')} 起级别调整后不再要求` });
    expect(moved[1]!.after).toContainEqual({ code: 'x', message: `at ${at('10:01')}`, path: [] });
    // A reason that appears or goes.
    expect(compareDecisions(withTimes(at('10:00')), base)).toContainEqual({ field: `${o}.reason`, before: `逾期未办；${at('10:00')} 起级别调整后不再要求`, after: null });
  });

  it('leaves out what follows from the compared fields: nextReviewAt, explanation, immediate, a recipient’s duties', () => {
    expect(fields((d) => (d.nextReviewAt = null))).toEqual([]);
    expect(fields((d) => (d.explanation = []))).toEqual([]);
    expect(fields((d) => (d.obligations[i].immediate = !first.immediate))).toEqual([]);
    expect(fields((d) => Object.assign(d.notify[0], { immediate: !base.notify[0]!.immediate, how: [], obligations: [] }))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// yuqing diff
// ---------------------------------------------------------------------------------------------------


describe('yuqing diff', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'yuqing-fidelity-'));

  it('exits 1 for a plan whose 市委网信办 is renamed, naming the field and both names', async () => {
    const file = join(tmp, 'hrss-renamed.json');
    writeFileSync(file, JSON.stringify(renamedCac()));
    const result = await yuqing(['diff', 'hrss', file, '--scenarios', 'rules/hrss.scenarios.json', '--no-generated']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/, 0 changed/);
    expect(result.stdout).toContain(`notify.city-cac.name: "市委网信办" → "${CAC}"`);
    expect(result.stdout).toContain(`obligations.report-office-to-cac.recipient.name: "市委网信办" → "${CAC}"`);
  });

  it('exits 1 for a changed title, and 0 for the plan itself', async () => {
    const d = structuredClone(hrss.definition) as Json;
    d.obligations.find((o: Json) => o.id === 'evaluate').title = '总结评估';
    const file = join(tmp, 'hrss-title.json');
    writeFileSync(file, JSON.stringify(d));
    const changed = await yuqing(['diff', 'hrss', file, '--scenarios', 'rules/hrss.scenarios.json', '--no-generated', '--json']);
    expect(changed.code).toBe(1);
    expect(Object.keys(JSON.parse(changed.stdout).summary.byField)).toEqual(['obligations.evaluate.title']);
    const same = join(tmp, 'hrss-same.json');
    writeFileSync(same, JSON.stringify(hrss.definition));
    expect((await yuqing(['diff', 'hrss', same, '--scenarios', 'rules/hrss.scenarios.json', '--no-generated'])).code).toBe(0);
  });

  it('exits 1 for a changed title that no compared case reaches, listing it under names and titles', async () => {
    // One scenario, and a duty that does not arise in it: no decision changes, yet the plan did.
    const scenarios = JSON.parse(readFileSync('rules/hrss.scenarios.json', 'utf8')) as Json;
    const first = scenarios.scenarios[0];
    const arisen = new Set(decide(hrss, first.incident, { now: first.now }).obligations.map((o) => o.id));
    const d = structuredClone(hrss.definition) as Json;
    const unreached = d.obligations.find((o: Json) => !arisen.has(o.id));
    const before = unreached.title;
    unreached.title = '改写后的标题';
    const file = join(tmp, 'hrss-title-unreached.json');
    writeFileSync(file, JSON.stringify(d));
    const only = join(tmp, 'hrss-one.scenarios.json');
    writeFileSync(only, JSON.stringify({ ...scenarios, scenarios: [first] }));
    const result = await yuqing(['diff', 'hrss', file, '--scenarios', only, '--no-generated']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✓ no decision changed');
    expect(result.stdout).toContain(`obligations.${unreached.id}.title: ${JSON.stringify(before)} → "改写后的标题"`);
    expect(result.stdout).toContain('✗ 1 name(s) or title(s) changed');
    const json = await yuqing(['diff', 'hrss', file, '--scenarios', only, '--no-generated', '--json']);
    expect(JSON.parse(json.stdout).definitions).toEqual([{ field: `obligations.${unreached.id}.title`, before, after: '改写后的标题' }]);
  });
});
