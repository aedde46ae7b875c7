import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan, PlanError, type Plan } from '../src/index.js';
import { verifyAgainst, type LayerReport } from '../src/testing/index.js';
import { renderLayersReport } from './support/layers-report.js';

const basis = { clause: '第一条' };
const levels = (ids: readonly string[]) => ids.map((id, i) => ({ id, rank: i + 1, name: `级别${id}`, nameEn: `Level ${id}`, basis }));
const escalation = (ids: readonly string[]) => ids.map((level) => ({ level, lead: 'leading-group', basis }));
const roles = [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }];
const MAJOR = { all: [{ fact: 'level', operator: 'in', value: ['I', 'II'] }] };

type Duty = Record<string, unknown>;
/** A duty of step `step` done by the office, citing 第一条. */
const duty = (id: string, step: string, fields: Duty = {}): Duty => ({ id, step, title: `${id}的标题`, responsible: 'office', basis, ...fields });

/** A layer with the levels I, II, other (the shared I, II, III map to them) and the given duties. */
function layerOf(obligations: Duty[], extra: Record<string, unknown> = {}): Plan {
  return loadPlan({
    format: 2,
    kind: 'layer',
    id: 'province',
    version: '1.0.0',
    title: '省级层级',
    unit: '省',
    source: { document: '省网络舆情应急规定', number: '省办发〔2024〕1号' },
    levels: levels(['I', 'II', 'other']),
    classification: [],
    grading: { ungraded: { name: '待研判', lead: 'office', basis } },
    facts: { flags: { multiRegion: { name: '涉及多个地方' } } },
    roles,
    recipients: [{ id: 'higher-government', name: '上级政府' }],
    escalation: escalation(['I', 'II', 'other']),
    correspondence: { I: ['I'], II: ['II'], III: ['other'] },
    obligations,
    ...extra,
  });
}

/** A unit's plan with the levels I, II, III and the given duties. */
function planOf(obligations: Duty[], extra: Record<string, unknown> = {}): Plan {
  return loadPlan({
    format: 2,
    id: 'unit',
    version: '2.0.0',
    title: '本单位预案',
    unit: '本单位',
    source: { document: '本单位网络舆情应急预案' },
    levels: levels(['I', 'II', 'III']),
    classification: [],
    grading: { ungraded: { name: '待研判', lead: 'office', basis } },
    facts: { flags: { multiRegion: { name: '涉及多个地方' } } },
    roles: [...roles, { id: 'leader', name: '主要负责人' }],
    recipients: [{ id: 'county-government', name: '县政府' }],
    escalation: escalation(['I', 'II', 'III']),
    obligations,
    ...extra,
  });
}

/** The one result for the layer's duty at the plan's level I: a finding or a match. */
function atI(report: LayerReport, obligation = 'o'): { kind: string; reason?: string; plan: string | null } {
  const finding = report.findings.find((f) => f.level === 'I' && f.layer?.obligation === obligation);
  const met = report.met.find((m) => m.level === 'I' && m.layer.obligation === obligation);
  expect(Boolean(finding) !== Boolean(met)).toBe(true);
  return finding ? { kind: finding.kind, reason: finding.reason, plan: finding.plan?.obligation ?? null } : { kind: 'met', plan: (met as { plan: { obligation: string } }).plan.obligation };
}

/** The layer's duty `o` (with the fields given, at I and II) against the plan's duties. */
const compare = (o: Duty, planDuties: Duty[], extra: { plan?: Record<string, unknown>; layer?: Record<string, unknown> } = {}): LayerReport =>
  verifyAgainst(planOf(planDuties, extra.plan), layerOf([duty('o', 'statement', { when: MAJOR, ...o }), Q], extra.layer));
/** A duty other duties may wait for (`after`, `anchor: { done }`), in the plan and the layer. */
const Q = duty('q', 'verify', { immediate: true });

const FIVE_HOURS = { anchor: 'occurredAt', clock: 'keep', offset: 'PT5H' };

describe('verifyAgainst: what the plan lacks', () => {
  it('finds a duty of the layer the plan has no duty of that step for, and not one it has', () => {
    expect(atI(compare(FIVE_HOURS, [duty('p', 'track', { continuous: true })]))).toEqual({ kind: 'missing', reason: 'missing', plan: null });
    expect(atI(compare(FIVE_HOURS, [duty('p', 'statement', FIVE_HOURS)]))).toEqual({ kind: 'met', plan: 'p' });
  });

  it('counts a reply (正面回复) for a statement (发布权威信息) and a report for a phone report, but nothing else across steps', () => {
    expect(atI(compare(FIVE_HOURS, [duty('p', 'reply', FIVE_HOURS)]))).toEqual({ kind: 'met', plan: 'p' });
    const phone = { step: 'phone-report', to: 'higher-government', notify: 'report', ...FIVE_HOURS };
    expect(atI(compare(phone, [duty('p', 'report', { to: 'county-government', notify: 'report', immediate: true })]))).toEqual({ kind: 'met', plan: 'p' });
    expect(atI(compare({ ...phone, step: 'written-report' }, [duty('p', 'report', { to: 'county-government', notify: 'report', immediate: true })]))).toMatchObject({ kind: 'missing', reason: 'missing' });
  });

  it('finds a duty toward an outside body that the plan has only inside the unit, or by another mode', () => {
    const phone = { step: 'phone-report', to: 'higher-government', notify: 'report', offset: 'PT30M', anchor: 'occurredAt', clock: 'keep' };
    const inside = compare(phone, [duty('p', 'phone-report', { to: 'leader', immediate: true })]);
    expect(atI(inside)).toEqual({ kind: 'missing', reason: 'recipient', plan: 'p' });
    expect(inside.findings[0]?.message).toContain('上报 上级政府');
    expect(atI(compare(phone, [duty('p', 'phone-report', { to: 'county-government', notify: 'file', immediate: true })]))).toEqual({ kind: 'missing', reason: 'recipient', plan: 'p' });
    expect(atI(compare(phone, [duty('p', 'phone-report', { to: 'county-government', notify: 'report', immediate: true })]))).toEqual({ kind: 'met', plan: 'p' });
  });

  it('names the plan duty of the step that applies only in particular situations (必要时), and still finds the duty missing', () => {
    const report = compare({ step: 'press-conference', offset: 'PT24H', anchor: 'occurredAt', clock: 'keep' }, [
      duty('p', 'press-conference', { immediate: true, when: { all: [{ fact: 'pressConference', operator: 'equal', value: true }] } }),
    ]);
    expect(atI(report)).toEqual({ kind: 'missing', reason: 'missing', plan: 'p' });
    expect(report.findings[0]?.message).toContain('只在特定情形下适用（pressConference = true）');
    expect(report.findings[0]?.messageEn).toContain('applies only in particular situations');
  });

  it('never counts a duty raised by a change (on) or a drill duty as meeting one', () => {
    expect(atI(compare({ step: 'report', immediate: true }, [duty('p', 'report', { immediate: true, on: 'upgrade' })]))).toMatchObject({ kind: 'missing', plan: null });
    expect(atI(compare({ step: 'drill', immediate: true }, [duty('p', 'drill', { immediate: true })]))).toMatchObject({ kind: 'missing', plan: null });
    expect(atI(compare({ step: 'report', immediate: true }, [duty('p', 'report', { immediate: true })]))).toEqual({ kind: 'met', plan: 'p' });
  });

  it('compares a duty the layer raises with a flag (涉及多个地方) with what the plan does with that flag set', () => {
    const multi = { immediate: true, when: { all: [{ fact: 'multiRegion', operator: 'equal', value: true }] } };
    const report = compare({ step: 'reply', ...multi }, [duty('p', 'reply', multi)]);
    expect(atI(report)).toEqual({ kind: 'met', plan: 'p' });
    // At every level the flag holds (the layer's duty has no level condition): I, II and III.
    expect(report.met.map((m) => m.level)).toEqual(['I', 'II', 'III']);
    const unless = compare({ step: 'reply', ...multi }, [duty('p', 'reply', { immediate: true, when: { not: { all: [{ fact: 'multiRegion', operator: 'equal', value: true }] } } })]);
    expect(atI(unless)).toMatchObject({ kind: 'missing', plan: null });
  });
});

describe('verifyAgainst: what the plan sets laxer', () => {
  const laxer = (o: Duty, p: Duty): { kind: string; reason?: string; plan: string | null } => atI(compare(o, [duty('p', 'statement', p), Q]));

  it('no deadline: a duty without a time limit (or continuous) against a timed or immediate one', () => {
    expect(laxer(FIVE_HOURS, {})).toEqual({ kind: 'laxer', reason: 'no-deadline', plan: 'p' });
    expect(laxer(FIVE_HOURS, { continuous: true })).toEqual({ kind: 'laxer', reason: 'no-deadline', plan: 'p' });
    expect(laxer({ immediate: true }, {})).toEqual({ kind: 'laxer', reason: 'no-deadline', plan: 'p' });
    expect(laxer({ immediate: true }, { immediate: true })).toEqual({ kind: 'met', plan: 'p' });
  });

  it('immediate meets any deadline; a timed duty against an immediate one is later', () => {
    expect(laxer(FIVE_HOURS, { immediate: true })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ immediate: true }, { ...FIVE_HOURS })).toEqual({ kind: 'laxer', reason: 'later-offset', plan: 'p' });
  });

  it('an untimed duty of the layer (continuous, or no offset) is met by any duty of the step', () => {
    expect(laxer({ continuous: true }, { offset: 'P30D', anchor: { event: 'grade' } })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({}, {})).toEqual({ kind: 'met', plan: 'p' });
  });

  it('later offset from the same anchor, and not an equal or shorter one', () => {
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT6H' })).toEqual({ kind: 'laxer', reason: 'later-offset', plan: 'p' });
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT300M' })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ ...FIVE_HOURS, offset: 'P1M' }, { ...FIVE_HOURS, offset: 'P30D' })).toEqual({ kind: 'met', plan: 'p' });
  });

  it('later anchor whatever the offsets: discovery after occurrence, an event or another duty done after either', () => {
    expect(laxer(FIVE_HOURS, { anchor: 'discoveredAt', clock: 'keep', offset: 'PT1H' })).toEqual({ kind: 'laxer', reason: 'later-anchor', plan: 'p' });
    expect(laxer(FIVE_HOURS, { anchor: { event: 'grade' }, offset: 'PT1H' })).toEqual({ kind: 'laxer', reason: 'later-anchor', plan: 'p' });
    expect(laxer({ anchor: 'discoveredAt', clock: 'keep', offset: 'PT5H' }, { anchor: 'occurredAt', clock: 'keep', offset: 'PT5H' })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ anchor: { event: 'grade' }, offset: 'PT5H' }, { anchor: { done: 'q' }, offset: 'PT5H' })).toMatchObject({ kind: 'met' });
  });

  it('later anchor: a clock from occurrence that restarts when the duty arises later (no clock: keep) against one that keeps it', () => {
    const restart = { anchor: 'occurredAt', offset: 'PT5H', when: MAJOR };
    const report = compare(FIVE_HOURS, [duty('p', 'statement', restart)]);
    expect(atI(report)).toEqual({ kind: 'laxer', reason: 'later-anchor', plan: 'p' });
    expect(report.findings[0]?.plan?.due).toBe('自事件发生起（较晚产生的自产生起）5小时');
    // Without a condition the duty arises at discovery: its clock counts from occurrence.
    expect(laxer(FIVE_HOURS, { anchor: 'occurredAt', offset: 'PT5H' })).toEqual({ kind: 'met', plan: 'p' });
    // Against a layer duty that restarts too, it is as strict.
    expect(laxer({ anchor: 'occurredAt', offset: 'PT5H' }, restart)).toEqual({ kind: 'met', plan: 'p' });
  });

  it('later anchor: prerequisites (after) start the clock after they are done', () => {
    expect(atI(compare(FIVE_HOURS, [Q, duty('p', 'statement', { offset: 'PT1H', after: ['q'] })]))).toEqual({ kind: 'laxer', reason: 'later-anchor', plan: 'p' });
  });

  it('working days against hours: laxer unless the hours cover n × 24 h and 10 days', () => {
    const wd = { anchor: 'occurredAt', clock: 'keep', offset: 'P1D', workingDays: true };
    expect(laxer({ ...FIVE_HOURS, offset: 'PT24H' }, wd)).toEqual({ kind: 'laxer', reason: 'working-days', plan: 'p' });
    expect(laxer({ ...FIVE_HOURS, offset: 'P11D' }, wd)).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ ...FIVE_HOURS, offset: 'PT263H' }, wd)).toEqual({ kind: 'laxer', reason: 'working-days', plan: 'p' });
  });

  it('hours against working days: laxer only past n × 24 h', () => {
    const wd = { anchor: 'occurredAt', clock: 'keep', offset: 'P2D', workingDays: true };
    expect(laxer(wd, { ...FIVE_HOURS, offset: 'PT48H' })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer(wd, { ...FIVE_HOURS, offset: 'PT49H' })).toEqual({ kind: 'laxer', reason: 'working-days', plan: 'p' });
    expect(laxer(wd, { ...wd, offset: 'P3D' })).toEqual({ kind: 'laxer', reason: 'later-offset', plan: 'p' });
    expect(laxer(wd, { ...wd })).toEqual({ kind: 'met', plan: 'p' });
  });

  it('soft: a deadline in principle without a hard limit against a hard one; with `latest`, the limit is compared', () => {
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, soft: true })).toEqual({ kind: 'laxer', reason: 'soft', plan: 'p' });
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT3H', soft: true, latest: 'PT5H' })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT3H', soft: true, latest: 'PT6H' })).toEqual({ kind: 'laxer', reason: 'later-offset', plan: 'p' });
    // Against a soft duty of the layer, soft is as strict; a hard one stricter.
    expect(laxer({ ...FIVE_HOURS, soft: true }, { ...FIVE_HOURS, soft: true })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ ...FIVE_HOURS, soft: true }, { ...FIVE_HOURS })).toEqual({ kind: 'met', plan: 'p' });
  });

  it('soft with hard limits on both sides: the plan\'s limit past the layer\'s, in working days against hours', () => {
    const o = { ...FIVE_HOURS, offset: 'PT24H', soft: true, latest: 'PT48H' };
    expect(laxer(o, { anchor: 'occurredAt', clock: 'keep', offset: 'P1D', workingDays: true, soft: true, latest: 'P2D' })).toEqual({ kind: 'laxer', reason: 'working-days', plan: 'p' });
  });

  it('extendable: the extension counted when the layer allows none, and not when it allows one', () => {
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT4H', extension: { max: 'PT2H' } })).toEqual({ kind: 'laxer', reason: 'extendable', plan: 'p' });
    expect(laxer(FIVE_HOURS, { ...FIVE_HOURS, offset: 'PT4H', extension: { max: 'PT1H' } })).toEqual({ kind: 'met', plan: 'p' });
    expect(laxer({ ...FIVE_HOURS, extension: { max: 'PT1H' } }, { ...FIVE_HOURS, extension: { max: 'P5D', workingDays: true } })).toEqual({ kind: 'met', plan: 'p' });
    // The hard limit extended past the layer's.
    const o = { ...FIVE_HOURS, offset: 'PT2H', soft: true, latest: 'PT4H' };
    expect(laxer(o, { ...FIVE_HOURS, offset: 'PT1H', soft: true, latest: 'PT4H', extension: { max: 'PT1H' } })).toEqual({ kind: 'laxer', reason: 'extendable', plan: 'p' });
    expect(laxer(o, { ...FIVE_HOURS, offset: 'PT1H', soft: true, latest: 'PT3H', extension: { max: 'PT1H' } })).toEqual({ kind: 'met', plan: 'p' });
  });

  it('shows the closest of several laxer duties, and a match when any one meets the duty', () => {
    const report = compare(FIVE_HOURS, [duty('a', 'statement', {}), duty('b', 'statement', { ...FIVE_HOURS, offset: 'PT6H' }), duty('c', 'statement', { ...FIVE_HOURS, soft: true })]);
    expect(atI(report)).toEqual({ kind: 'laxer', reason: 'soft', plan: 'c' });
    expect(atI(compare(FIVE_HOURS, [duty('a', 'statement', {}), duty('b', 'statement', FIVE_HOURS)]))).toEqual({ kind: 'met', plan: 'b' });
  });
});

describe('verifyAgainst: deadlines in words', () => {
  const due = (rule: Duty): { due: string; dueEn: string } => {
    const report = compare({}, [duty('p', 'statement', rule), Q]);
    const { due, dueEn } = (report.met[0] as { plan: { due: string; dueEn: string } }).plan;
    return { due, dueEn };
  };

  it('writes each anchor, unit and qualifier', () => {
    expect(due(FIVE_HOURS)).toEqual({ due: '自事件发生起5小时', dueEn: '5 h from the event' });
    expect(due({ anchor: 'discoveredAt', offset: 'PT30M', soft: true, latest: 'PT1H' })).toEqual({ due: '原则上自发现起30分钟，最迟1小时', dueEn: 'in principle 30 min from discovery, at the latest 1 h' });
    expect(due({ anchor: 'discoveredAt', offset: 'PT30M', when: MAJOR })).toEqual({ due: '自发现起（较晚产生的自产生起）30分钟', dueEn: '30 min from discovery (from when it arises, if later)' });
    expect(due({ offset: 'P3D', workingDays: true, extension: { max: 'P5D', workingDays: true } })).toEqual({ due: '自义务产生起3个工作日（可延长至多5个工作日）', dueEn: '3 working days from when it arises (extendable by up to 5 working days)' });
    expect(due({ anchor: 'levelSet', offset: 'P1M2W', extension: { max: 'PT12H' } })).toEqual({ due: '自定级起1个月2周（可延长至多12小时）', dueEn: '1 mo 2 w from the grading (extendable by up to 12 h)' });
    expect(due({ anchor: { event: 'grade' }, offset: 'P1Y' })).toEqual({ due: '自“grade”事件起1年', dueEn: '1 y from the grade event' });
    expect(due({ anchor: { done: 'q' }, offset: 'P2DT3S' })).toEqual({ due: '自“q”完成起2天3秒', dueEn: '2 d 3 s from q done' });
    expect(due({ offset: 'PT1H', after: ['q'] })).toEqual({ due: '自前序义务完成起1小时', dueEn: '1 h from its prerequisites done' });
    expect(due({ immediate: true })).toEqual({ due: '立即', dueEn: 'immediately' });
    expect(due({})).toEqual({ due: '无时限', dueEn: 'no deadline' });
    expect(due({ continuous: true })).toEqual({ due: '持续（无时限）', dueEn: 'continuous (no deadline)' });
  });
});

describe('verifyAgainst: levels and the mapping', () => {
  const o = duty('o', 'statement', { when: MAJOR, ...FIVE_HOURS });

  it("uses the layer's correspondence by default, and finds a level of the plan it does not map", () => {
    const report = verifyAgainst(planOf([]), layerOf([o], { correspondence: { I: ['I'], II: ['II'] } }));
    expect(report.mappingFrom).toBe('layer');
    expect(report.mapping).toEqual({ I: ['I'], II: ['II'] });
    const unmapped = report.findings.filter((f) => f.kind === 'unmapped');
    expect(unmapped).toEqual([expect.objectContaining({ reason: 'unmapped', level: 'III', layer: null, plan: null, layerLevels: [] })]);
    expect(unmapped[0]?.message).toContain('III（级别III）');
    expect(verifyAgainst(planOf([]), layerOf([o])).findings.filter((f) => f.kind === 'unmapped')).toEqual([]);
    // A layer without a correspondence maps nothing.
    expect(verifyAgainst(planOf([]), layerOf([o], { correspondence: undefined })).findings.map((f) => f.kind)).toEqual(['unmapped', 'unmapped', 'unmapped']);
  });

  it('takes the option before the plan and the layer; an empty list means no duty of the layer applies', () => {
    const report = verifyAgainst(planOf([]), layerOf([o]), { levels: { I: ['II', 'other'], II: [], III: ['other'] } });
    expect(report.mappingFrom).toBe('option');
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'missing', level: 'I', layerLevels: ['II'] })]);
    expect(verifyAgainst(planOf([]), layerOf([o]), { levels: { I: [] } }).findings.map((f) => `${f.kind} ${f.level}`)).toEqual(['unmapped II', 'unmapped III']);
  });

  it('reports in the order of the plan\'s levels, then of the layer\'s duties', () => {
    const second = duty('second', 'reply', { when: MAJOR, immediate: true });
    const report = verifyAgainst(planOf([]), layerOf([o, second]), { levels: { III: ['I'], I: ['II'], II: [] } });
    expect(report.findings.map((f) => `${f.level} ${f.layer?.obligation}`)).toEqual(['I o', 'I second', 'III o', 'III second']);
  });

  it('skips duties of the layer raised by a change, or only in an exercise or a later phase', () => {
    const report = verifyAgainst(
      planOf([]),
      layerOf([duty('raised', 'report', { immediate: true, on: 'upgrade' }), duty('drill', 'drill', { immediate: true, when: { all: [{ fact: 'exercise', operator: 'equal', value: true }] } }), duty('every', 'reply', { immediate: true })]),
    );
    expect(report.skipped).toEqual([
      { obligation: 'raised', title: 'raised的标题', reason: 'on' },
      { obligation: 'drill', title: 'drill的标题', reason: 'situation' },
    ]);
    expect(report.findings.map((f) => `${f.level} ${f.layer?.obligation}`)).toEqual(['I every', 'II every', 'III every']);
    expect(report).toMatchObject({ plan: { id: 'unit', version: '2.0.0', title: '本单位预案' }, layer: { id: 'province', version: '1.0.0', title: '省级层级' } });
  });
});

describe('verifyAgainst: a plan built on the layer (above)', () => {
  const phone = duty('phone', 'phone-report', { to: 'higher-government', notify: 'report', anchor: 'occurredAt', clock: 'keep', offset: 'PT30M', when: MAJOR });
  const layerFile = (): Record<string, unknown> => JSON.parse(JSON.stringify({ ...layerOf([phone]).definition, kind: 'layer' })) as Record<string, unknown>;
  /** The plan, built on the layer with its levels I → I and II, II → none, III → other and `above` as given. */
  const built = (above: Record<string, unknown> = {}): Plan =>
    loadPlan({ ...planOf([]).definition, above: { layer: 'province', levels: { I: ['I', 'II'], II: [], III: ['other'] }, ...above } }, { layers: [layerFile()] });

  it("takes the plan's own mapping before the layer's correspondence, and the option before both", () => {
    const plan = built();
    const report = verifyAgainst(plan, layerOf([phone]));
    expect(report.mappingFrom).toBe('plan');
    expect(report.mapping).toEqual({ I: ['I', 'II'], II: [], III: ['other'] });
    // The layer's duty is in the plan, composed: met at I (from the layer's I and II), nothing at II.
    expect(report.met.map((m) => `${m.level} ${m.layerLevels.join('+')} ${m.plan.obligation}`)).toEqual(['I I+II phone']);
    expect(report.findings).toEqual([]);
    const option = verifyAgainst(plan, layerOf([phone]), { levels: { I: ['I'], II: ['II'], III: [] } });
    expect(option.mappingFrom).toBe('option');
    // The composed duty applies at I only (the plan maps II to nothing): at II the option finds it missing.
    expect(option.met.map((m) => `${m.level} ${m.layerLevels.join('+')}`)).toEqual(['I I']);
    expect(option.findings.map((f) => `${f.level} ${f.layerLevels.join('+')} ${f.kind}`)).toEqual(['II II missing']);
    // Another layer than the one the plan is built on: the layer's correspondence.
    expect(verifyAgainst(plan, layerOf([phone], { id: 'other-province' })).mappingFrom).toBe('layer');
  });

  it('finds the layer duty the plan overrides laxer, or removes without a duty of its own', () => {
    const laxer = built({ overrides: { obligations: { phone: { offset: 'PT2H' } } } });
    expect(verifyAgainst(laxer, layerOf([phone])).findings.map((f) => `${f.level} ${f.kind}/${f.reason} ${f.plan?.obligation}`)).toEqual(['I laxer/later-offset phone']);
    const removed = built({ remove: { obligations: ['phone'] } });
    expect(verifyAgainst(removed, layerOf([phone])).findings.map((f) => `${f.level} ${f.kind}/${f.reason}`)).toEqual(['I missing/missing']);
  });

  it('counts a duty to the recipient the plan binds the layer\'s to (above.recipients), by whatever mode, and not one to another', () => {
    const layers = { layers: [layerFile()] };
    const own = (to: string): Duty => duty('own', 'phone-report', { to, notify: 'request', immediate: true });
    const planWith = (to: string): Plan =>
      loadPlan({ ...planOf([own(to)], { recipients: [{ id: 'county-government', name: '县政府' }, { id: 'city-government', name: '市政府' }] }).definition, above: { layer: 'province', levels: { I: ['I'], II: ['II'], III: ['other'] }, recipients: { 'higher-government': 'county-government' }, remove: { obligations: ['phone'] } } }, layers);
    expect(verifyAgainst(planWith('county-government'), layerOf([phone])).met.map((m) => `${m.level} ${m.plan.obligation}`)).toEqual(['I own', 'II own']);
    expect(verifyAgainst(planWith('city-government'), layerOf([phone])).findings.map((f) => `${f.level} ${f.reason} ${f.plan?.obligation}`)).toEqual(['I recipient own', 'II recipient own']);
  });
});

describe('verifyAgainst: bad input', () => {
  const layer = layerOf([]);
  const plan = planOf([]);
  const issuesOf = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      return (error as PlanError).issues.map((i) => ({ path: i.path, received: i.received }));
    }
    throw new Error('no PlanError');
  };

  it('refuses a layer that is not a layer, or not loaded', () => {
    expect(issuesOf(() => verifyAgainst(plan, plan))).toEqual([{ path: ['layer', 'kind'], received: null }]);
    expect(issuesOf(() => verifyAgainst(plan, { ...layer }))).toEqual([{ path: ['layer'], received: { ...layer } }]);
    expect(issuesOf(() => verifyAgainst({ ...plan }, layer))).toEqual([{ path: ['plan'], received: { ...plan } }]);
  });

  it('refuses options and level mappings that are not what they should be, naming each', () => {
    expect(issuesOf(() => verifyAgainst(plan, layer, null as never))).toEqual([{ path: ['options'], received: null }]);
    expect(issuesOf(() => verifyAgainst(plan, layer, { levels: ['I'] as never }))).toEqual([{ path: ['options', 'levels'], received: ['I'] }]);
    expect(issuesOf(() => verifyAgainst(plan, layer, { levels: JSON.parse('{"I": ["I", "IV", 3], "IV": ["I"], "__proto__": ["I"], "II": "II"}') as Record<string, string[]> }))).toEqual([
      { path: ['options', 'levels', 'I', 1], received: 'IV' },
      { path: ['options', 'levels', 'I', 2], received: 3 },
      { path: ['options', 'levels', 'IV'], received: 'IV' },
      { path: ['options', 'levels', '__proto__'], received: '__proto__' },
      { path: ['options', 'levels', 'II'], received: 'II' },
    ]);
  });

  it('changes nothing it is given', () => {
    const levels = { I: ['I'], II: ['II'], III: ['other'] };
    const before = JSON.stringify(levels);
    verifyAgainst(plan, layer, { levels });
    expect(JSON.stringify(levels)).toBe(before);
  });
});

describe('docs/layers-report.md', () => {
  it('is what `npm run docs` generates from the rule files now', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'layers-report.md'), 'utf8');
    expect(committed).toBe(renderLayersReport());
  });
});
