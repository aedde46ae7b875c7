// The bundled national layer (rules/layers/national.json) and the example layers (examples/layers/): the
// national layer cites every item and its scenarios pass and kill every mutant; the fictional provincial
// layer builds on it and the county plan on the province, each composing as docs/layers.md says; a local
// plan with no deadlines of its own gets the national ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decide, loadPlan, type Plan } from '../src/index.js';
import { mutatePlan, parseDocument, runScenarioFile, verifyAgainst, type ScenarioFile } from '../src/testing/index.js';
import { root, yuqing } from './support/cli.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type P = Record<string, any>;

const read = (...path: string[]): P => parseDocument(readFileSync(join(root, ...path), 'utf8'), path.join('/')) as P;
const NATIONAL = read('rules', 'layers', 'national.json');
const PROVINCE = read('examples', 'layers', 'xx-province.json');
const COUNTY = read('examples', 'layers', 'xx-county.json');

const failures = (plan: Plan, file: ScenarioFile) =>
  runScenarioFile(plan, file)
    .results.filter((r) => !r.passed)
    .map((r) => ({ name: r.name, mismatches: r.mismatches }));

const at = (time: string, day = '02') => `2026-03-${day}T${time}:00+08:00`;
const graded = (level: string, when: string, by = 'leading-group') => ({
  id: 'x',
  occurredAt: at('08:00'),
  discoveredAt: at(when < '09:00' ? '08:05' : '09:00'),
  events: [{ type: 'level-set', level, at: at(when), by }],
});
const byId = (decision: ReturnType<typeof decide>) => new Map(decision.obligations.map((o) => [o.id, o]));

describe('the national layer (rules/layers/national.json)', () => {
  const plan = loadPlan(NATIONAL);
  const file = read('rules', 'layers', 'national.scenarios.json') as ScenarioFile;

  it('is a format-2 layer with the id national, levels I, II, other, graded by judgement', () => {
    expect(NATIONAL).toMatchObject({ id: 'national', format: 2, kind: 'layer', classification: [] });
    expect(plan.definition.levels.map((l) => [l.id, l.rank])).toEqual([['I', 1], ['II', 2], ['other', 3]]);
    expect(plan.definition.grading?.ungraded?.lead).toBe('office');
  });

  it('cites a 文号 (or, for the 2015 reporting notice that has none, its date) and a clause for every level, lead and duty', () => {
    const bases = [...NATIONAL.levels, ...NATIONAL.escalation, ...NATIONAL.obligations].map((x: P) => x.basis as P);
    expect(bases).toHaveLength(3 + 3 + 8);
    for (const basis of bases) {
      expect(basis.clause).toMatch(/\S/);
      expect(basis.quote).toMatch(/^（大意）/);
      if (basis.number === undefined) expect(basis.document).toMatch(/2015年7月31日/);
      else expect(basis.number).toMatch(/^国办发〔2016〕(61|80)号$/);
    }
  });

  it('says in each timed duty that its starting point, the event, is a reading of the text', () => {
    const timed = NATIONAL.obligations.filter((o: P) => typeof o.offset === 'string');
    expect(timed.map((o: P) => o.id)).toEqual(['authoritative-info', 'press-conference', 'respond-48h', 'phone-report', 'written-report']);
    for (const o of timed) {
      expect(o).toMatchObject({ anchor: 'occurredAt', clock: 'keep' });
      expect(o.basis.quote, o.id).toMatch(/未写明起算点：自事件发生起算.*是本层的理解/);
    }
  });

  it('writes the national deadlines, reading 力争 as soft, and states no time where the texts state none', () => {
    const duties = new Map(plan.definition.obligations.map((o) => [o.id, o]));
    expect(['authoritative-info', 'press-conference', 'respond-48h', 'phone-report', 'written-report'].map((id) => duties.get(id)?.offset)).toEqual(['PT5H', 'PT24H', 'PT48H', 'PT30M', 'PT1H']);
    expect(duties.get('phone-report')?.soft).toBe(true);
    expect(duties.get('written-report')?.soft).toBe(true);
    expect(duties.get('authoritative-info')?.soft).toBeUndefined();
    for (const id of ['leader-speaks', 'multi-region-responder']) {
      expect(duties.get(id), id).toMatchObject({ offset: null, immediate: false, continuous: false });
    }
    expect(Object.keys(NATIONAL.facts.flags)).toEqual(['multiRegion']);
  });

  it('names the general office\'s coordination (80号) in who leads, not as a duty of the unit', () => {
    expect(plan.definition.obligations.map((o) => o.id)).not.toContain('coordination');
    const parties = [...plan.definition.roles, ...plan.definition.recipients].map((p) => p.id);
    expect(parties).not.toContain('general-office');
    expect(parties).not.toContain('publicity-department');
    const notes = [NATIONAL.grading.ungraded.leadNote, ...NATIONAL.escalation.map((e: P) => e.leadNote)];
    expect(notes).toHaveLength(4);
    for (const note of notes) expect(note).toContain('政府办公厅（室）会同宣传部门做好组织协调（国办发〔2016〕80号）');
    const d = decide(plan, graded('II', '12:00'), { now: at('12:30') });
    expect(d.lead.note).toContain('组织协调（国办发〔2016〕80号）');
  });

  it('maps the shared level names to its levels', () => {
    expect(NATIONAL.correspondence).toEqual({
      I: ['I'], II: ['II'], III: ['other'], IV: ['other'],
      red: ['I'], orange: ['II'], yellow: ['other'], blue: ['other'],
      major: ['II'], larger: ['other'], general: ['other'],
    });
  });

  it('passes its scenarios, which expect duties to arise and not to arise at every level', () => {
    expect(file.plan).toBe('national');
    expect(failures(plan, file)).toEqual([]);
    const levels = new Set(file.scenarios.map((s) => s.expect.level).filter((l) => l !== undefined));
    expect([...levels].sort()).toEqual(['I', 'II', 'other', 'ungraded']);
    const absent = new Set(file.scenarios.flatMap((s) => s.expect.absent ?? []));
    expect([...absent].sort()).toEqual(plan.definition.obligations.map((o) => o.id).sort());
  });

  it('kills every mutant with its scenarios', () => {
    const report = mutatePlan(plan, [file]);
    expect(report.total).toBeGreaterThan(30);
    expect(report.survived.map((m) => m.id)).toEqual([]);
  });
});

describe('the example layers (examples/layers/)', () => {
  let province: Plan;
  let county: Plan;
  beforeAll(() => {
    province = loadPlan(PROVINCE);
    county = loadPlan(COUNTY, { layers: [PROVINCE] });
  });

  it('are fictional and say so in their title and source', () => {
    for (const raw of [PROVINCE, COUNTY]) {
      expect(raw.title).toMatch(/（示例）$/);
      expect(raw.source.document).toMatch(/^（示例）/);
      expect(raw.source.issuer).toMatch(/示例，非真实文件/);
    }
  });

  it('pass their scenario files, the county one loading the provincial layer its file lists', () => {
    const provinceFile = read('examples', 'layers', 'xx-province.scenarios.json') as ScenarioFile;
    const countyFile = read('examples', 'layers', 'xx-county.scenarios.json') as ScenarioFile & { layers?: string[] };
    expect(countyFile.layers).toEqual(['xx-province.json']);
    expect(failures(province, provinceFile)).toEqual([]);
    expect(failures(county, countyFile)).toEqual([]);
  });

  it('kill every mutant with their scenarios, the layer duties they take, remove and restore included', () => {
    const provinceReport = mutatePlan(province, [read('examples', 'layers', 'xx-province.scenarios.json') as ScenarioFile]);
    const countyReport = mutatePlan(county, [read('examples', 'layers', 'xx-county.scenarios.json') as ScenarioFile]);
    expect(provinceReport.total).toBeGreaterThan(30);
    expect(countyReport.total).toBeGreaterThan(30);
    expect([...provinceReport.survived, ...countyReport.survived].map((m) => m.id)).toEqual([]);
  });

  it('record the layers they are built on, the county levels mapped through the province to the national ones', () => {
    expect(province.layers.map((l) => [l.id, l.version, l.levels])).toEqual([['national', '1.0.0', { I: ['I'], II: ['II'], III: ['other'], IV: ['other'] }]]);
    expect(county.layers.map((l) => [l.id, l.levels])).toEqual([
      ['xx-province', { sensitive: ['I', 'II'], general: ['III', 'IV'] }],
      ['national', { sensitive: ['I', 'II'], general: ['other'] }],
    ]);
  });

  it('the province: a stricter override, bound recipients, a removed and a replaced duty, its own duty', () => {
    const d = byId(decide(province, graded('I', '08:10'), { now: at('08:15') }));
    expect(d.get('authoritative-info')).toMatchObject({ dueAt: at('11:00'), layer: 'national' });
    expect(d.get('phone-report')).toMatchObject({ to: 'superior-duty-office', dueAt: at('08:30'), layer: 'national' });
    expect(d.get('leader-speaks')).toMatchObject({ kind: 'deadline', dueAt: at('08:00', '03') });
    expect(d.get('leader-speaks')?.layer).toBeUndefined();
    expect(d.get('report-superior-office')?.layer).toBeUndefined();
    expect(d.has('press-conference')).toBe(false);
    // A national duty keeps the national citation.
    expect(d.get('keep-releasing')).toMatchObject({ layer: 'national', basis: { number: '国办发〔2016〕61号' } });
  });

  it('the county: its own levels, the province\'s and the national duties, a duty restored, its own duties', () => {
    const d = byId(decide(county, graded('sensitive', '08:10', 'county-head'), { now: at('08:15') }));
    expect(d.get('leader-speaks')).toMatchObject({ layer: 'xx-province', responsible: { id: 'county-head' } });
    expect(d.get('phone-report')).toMatchObject({ layer: 'national', to: 'city-duty-office', dueAt: at('08:30') });
    // The press conference the province removed, restored from the national layer, with the national citation and the county's spokesperson.
    expect(d.get('press-conference')).toMatchObject({ layer: 'national', kind: 'deadline', dueAt: at('08:00', '03'), responsible: { id: 'spokesperson', name: '县政府新闻发言人' }, basis: { number: '国办发〔2016〕61号' } });
    expect(d.get('report-county-head')?.layer).toBeUndefined();
    const general = byId(decide(county, graded('general', '10:00', 'county-head'), { now: at('10:30') }));
    expect(general.get('respond-24h')?.dueAt).toBe(at('08:00', '03'));
    expect(general.get('respond-48h')).toMatchObject({ layer: 'national', dueAt: at('08:00', '04') });
    expect(general.has('authoritative-info')).toBe(false);
  });

  it('checked against the national layer: the province lacks the press conference it removed, at 一级 and 二级; the county, which restores it, lacks nothing', () => {
    const national = loadPlan('national');
    const findings = verifyAgainst(province, national).findings;
    expect(findings.map((f) => [f.kind, f.level, f.layer?.obligation])).toEqual(['I', 'II'].map((level) => ['missing', level, 'press-conference']));
    expect(verifyAgainst(county, national).findings).toEqual([]);
  });

  it('run with `yuqing test examples/layers` and `yuqing test rules/layers`', async () => {
    for (const dir of ['examples/layers', 'rules/layers']) {
      const result = await yuqing(['test', dir]);
      expect(result.stdout, dir).toContain('个通过，0 个失败，');
      expect(result.code, `${dir}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });
});

describe('a local plan above the national layer', () => {
  /** A unit's plan with two levels, its own roles and recipient, and no duty of its own but one report. */
  const local = {
    id: 'local-office',
    format: 2,
    version: '1',
    title: '（示例）某县政务舆情回应办法',
    unit: '（示例）某县',
    source: { document: '（示例）某县政务舆情回应办法' },
    above: { layer: 'national', levels: { major: ['I', 'II'], general: ['other'] }, recipients: { 'higher-government': 'city-duty-office' } },
    levels: [
      { id: 'major', rank: 1, name: '重大舆情', nameEn: 'Major', basis: { clause: '第三条' } },
      { id: 'general', rank: 2, name: '一般舆情', nameEn: 'General', basis: { clause: '第三条' } },
    ],
    classification: [],
    grading: { ungraded: { name: '待研判定级', lead: 'office', basis: { clause: '第四条' } } },
    roles: [
      { id: 'leading-group', name: '县舆情工作领导小组' },
      { id: 'office', name: '县政府办公室' },
    ],
    recipients: [{ id: 'city-duty-office', name: '市人民政府总值班室' }],
    escalation: [
      { level: 'major', lead: 'leading-group', basis: { clause: '第五条' } },
      { level: 'general', lead: 'office', basis: { clause: '第五条' } },
    ],
    obligations: [
      { id: 'report-leaders', step: 'report', title: '报告县领导', responsible: 'office', to: 'leading-group', anchor: 'discoveredAt', offset: 'PT1H', basis: { clause: '第六条' } },
    ],
  };

  it('gets the national deadlines where it has none, counted from the event, to the recipient it binds', () => {
    const plan = loadPlan(local);
    const d = byId(decide(plan, graded('major', '12:00'), { now: at('12:30') }));
    expect(d.get('authoritative-info')).toMatchObject({ dueAt: at('13:00'), layer: 'national', basis: { number: '国办发〔2016〕80号' } });
    expect(d.get('press-conference')).toMatchObject({ dueAt: at('08:00', '03'), layer: 'national' });
    expect(d.get('phone-report')).toMatchObject({ to: 'city-duty-office', dueAt: at('08:30'), status: 'late' });
    expect(d.get('report-leaders')).toMatchObject({ dueAt: at('10:00') });
    expect(d.has('respond-48h')).toBe(false);
    const general = byId(decide(plan, graded('general', '10:00'), { now: at('10:30') }));
    expect(general.get('respond-48h')).toMatchObject({ dueAt: at('08:00', '04'), layer: 'national' });
    expect(general.has('authoritative-info')).toBe(false);
  });

  it('has none of them without `above`', () => {
    const { above: _above, ...alone } = local;
    const d = byId(decide(loadPlan(alone), graded('major', '12:00'), { now: at('12:30') }));
    expect([...d.keys()]).toEqual(['report-leaders']);
  });
});
