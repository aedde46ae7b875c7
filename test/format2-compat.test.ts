// Plan format 2 and today's files: every bundled plan loads unchanged and migrates to format 2 with the
// same decisions; a field of format 2 in a file of format 1 is refused by name; plans citing their own
// document; `yuqing init` and `yuqing migrate`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { decide, listPlans, loadPlan, PlanError, schedule, type Issue } from '../src/index.js';
import { inLanguage } from '../src/i18n/errors.js';
import { BUNDLED_PLANS } from '../src/plans/bundled.js';
import { CURRENT_FORMAT, migratePlan, migrateYamlText } from '../src/plans/migrate.js';
import { scaffoldPlan } from '../src/plans/scaffold.js';
import { basesOf, validateFormat, withDocumentCitations } from '../src/plans/validate-format.js';
import { cite } from '../src/render/text.js';
import { renderPlanTables } from '../src/render/plan-table.js';
import { parseDocument, runScenarioFile, verifyPlan, type ScenarioFile } from '../src/testing/index.js';
import { root, yuqing } from './support/cli.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type P = Record<string, any>;

const tmp = mkdtempSync(join(tmpdir(), 'yuqing-format2-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The scenario files of the bundled plans, parsed. */
const SCENARIO_FILES: { name: string; file: ScenarioFile }[] = readdirSync(join(root, 'rules'))
  .filter((name) => name.endsWith('.scenarios.json'))
  .map((name) => ({ name, file: parseDocument(readFileSync(join(root, 'rules', name), 'utf8'), name) as ScenarioFile }));

/** The PlanError thrown by loading `source`; fails when the plan loads or anything else is thrown. */
function planError(source: unknown): PlanError {
  try {
    inLanguage('en', () => loadPlan(source as object));
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError, but the plan loaded');
}

/** The outcome of a decision: the decision, or the error's name and message. */
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
};

/** A small standalone plan citing seed 000 (format 1 unless told). */
const seedPlan = (): P => {
  const plan = JSON.parse(scaffoldPlan({ id: 'compat', title: '兼容性测试预案' }).plan) as P;
  delete plan.format;
  plan.source = { seed: '000', file: 'test/format2-compat.test.ts' };
  for (const { basis } of basesOf(plan as never)) basis.seed = '000';
  return plan;
};

/** The scaffold's plan: format 2, citing its own document. */
const documentPlan = (change: (p: P) => void = () => {}): P => {
  const plan = JSON.parse(scaffoldPlan({ id: 'doc-plan', title: '（示例）某县网络舆情应急处置办法' }).plan) as P;
  plan.source = { document: '（示例）某县网络舆情应急处置办法', number: '示政办〔2026〕1号', issuer: '（示例）某县人民政府办公室', date: '2026-01-15' };
  change(plan);
  return plan;
};

describe('bundled plans', () => {
  it('load as written: most without a format (format 1), every basis citing its seed', () => {
    expect(listPlans().filter(({ id }) => (BUNDLED_PLANS[id] as P).format === undefined).length).toBeGreaterThanOrEqual(5);
    for (const { id } of listPlans()) {
      const raw = BUNDLED_PLANS[id] as P;
      const parameters = SCENARIO_FILES.find((f) => f.file.plan === id)?.file.parameters;
      const plan = loadPlan(id, parameters ? { parameters } : {});
      expect(plan.definition.format, id).toBe(raw.format);
      expect(basesOf(plan.definition).every(({ basis }) => typeof basis.seed === 'string' && basis.document === undefined), id).toBe(true);
    }
  });
});

describe('migratePlan', () => {
  it('adds "format": 2 right after $schema and id, every other key in its order and unchanged, and changes nothing it is given', () => {
    for (const { id } of listPlans()) {
      const raw = BUNDLED_PLANS[id] as P;
      const before = JSON.stringify(raw);
      const migrated = migratePlan(raw);
      expect(JSON.stringify(raw)).toBe(before);
      expect(migrated.format).toBe(2);
      const keys = Object.keys(raw);
      // A plan already of format 2 comes back as it is.
      expect(Object.keys(migrated)).toEqual(raw.format === 2 ? keys : [...keys.slice(0, 2), 'format', ...keys.slice(2)]);
      const { format: _format, ...rest } = migrated;
      const { format: _was, ...given } = raw;
      expect(rest).toEqual(given);
      expect(migrated.source).not.toBe(raw.source);
    }
  });

  it('puts "format" first without $schema and id, and sets it in place where the file says format 1', () => {
    expect(Object.keys(migratePlan({ version: '1', id: 'x' }))).toEqual(['format', 'version', 'id']);
    expect(Object.keys(migratePlan({ id: 'x', version: '1' }))).toEqual(['id', 'format', 'version']);
    expect(migratePlan({ id: 'x', version: '1', format: 1, title: 't' })).toEqual({ id: 'x', version: '1', format: 2, title: 't' });
    expect(Object.keys(migratePlan({ id: 'x', version: '1', format: 1, title: 't' }))).toEqual(['id', 'version', 'format', 'title']);
    expect(CURRENT_FORMAT).toBe(2);
  });

  it('keeps a key "__proto__" a key, not a prototype', () => {
    const migrated = migratePlan(JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as P);
    expect(Object.getPrototypeOf(migrated)).toBe(Object.prototype);
    expect(Object.keys(migrated)).toEqual(['id', 'format', '__proto__']);
    expect(({} as P).polluted).toBeUndefined();
  });

  it('gives every bundled plan identical decisions on all its scenarios, and the scenarios pass', () => {
    for (const { name, file } of SCENARIO_FILES) {
      const options = file.parameters ? { parameters: file.parameters } : {};
      const original = loadPlan(file.plan, options);
      const migrated = loadPlan(migratePlan(BUNDLED_PLANS[file.plan] as P), options);
      expect(migrated.definition.format, name).toBe(2);
      const { format: _format, ...definition } = migrated.definition;
      const { format: _was, ...originalDefinition } = original.definition;
      expect(definition, name).toEqual(originalDefinition);
      for (const scenario of file.scenarios) {
        const a = outcome(() => decide(original, scenario.incident, { now: scenario.now }));
        const b = outcome(() => decide(migrated, scenario.incident, { now: scenario.now }));
        expect(b, `${name}: ${scenario.name}`).toEqual(a);
      }
      const suite = runScenarioFile(migrated, file);
      expect(suite.failed, name).toBe(0);
      expect(suite.passed, name).toBe(file.scenarios.length);
    }
  });

  it('keeps a YAML file as written, comments included, with the format key after $schema and id', () => {
    const text = '# the unit\'s plan\n$schema: ./plan.schema.json\nid: y # its id\nversion: "1"\n';
    expect(migrateYamlText(text)).toBe('# the unit\'s plan\n$schema: ./plan.schema.json\nid: y # its id\nformat: 2\nversion: "1"\n');
    expect(migrateYamlText('id: y\nformat: 1\nversion: "1"\n')).toBe('id: y\nformat: 2\nversion: "1"\n');
    expect(() => migrateYamlText('- a list\n')).toThrow(TypeError);
    // A key that is not a scalar (YAML allows it) is kept, and is no "id".
    expect(migrateYamlText('? [a]\n: 1\nid: y\n')).toBe('format: 2\n? [ a ]\n: 1\nid: y\n');
  });
});

describe('a field of format 2 in a file without "format": 2', () => {
  /** Each field of format 2 (SPEC §6), as a change to a valid plan of format 1, and the path the refusal names. */
  const CASES: { field: string; path: (string | number)[]; change: (p: P) => void }[] = [
    { field: 'facts', path: ['facts'], change: (p) => (p.facts = { flags: { mishandled: { name: '处置不当' } } }) },
    { field: 'steps', path: ['steps'], change: (p) => (p.steps = [{ id: 'claim', title: '认领' }]) },
    { field: 'grading', path: ['grading'], change: (p) => (p.grading = { gradedBy: [['leading-group']] }) },
    { field: 'source.document', path: ['source', 'document'], change: (p) => { p.source = { document: '（示例）办法' }; for (const { basis } of basesOf(p as never)) delete basis.seed; } },
    { field: 'basis without seed', path: ['levels', 0, 'basis'], change: (p) => delete p.levels[0].basis.seed },
    { field: 'basis.document', path: ['levels', 0, 'basis', 'document'], change: (p) => (p.levels[0].basis.document = '（示例）另一文件') },
    { field: 'basis.number', path: ['levels', 0, 'basis', 'number'], change: (p) => (p.levels[0].basis.number = '示发〔2026〕2号') },
    { field: 'anchor: levelSet', path: ['obligations', 2, 'anchor'], change: (p) => (p.obligations[2].anchor = 'levelSet') },
    { field: 'anchor: { event }', path: ['obligations', 2, 'anchor'], change: (p) => (p.obligations[2].anchor = { event: 'report' }) },
    { field: 'anchor: { done }', path: ['obligations', 2, 'anchor'], change: (p) => (p.obligations[2].anchor = { done: 'report-leaders' }) },
    { field: 'clock', path: ['obligations', 2, 'clock'], change: (p) => Object.assign(p.obligations[2], { anchor: 'occurredAt', clock: 'keep' }) },
    { field: 'soft', path: ['obligations', 2, 'soft'], change: (p) => (p.obligations[2].soft = true) },
    { field: 'extension', path: ['obligations', 2, 'extension'], change: (p) => (p.obligations[2].extension = { max: 'PT12H' }) },
    { field: 'after', path: ['obligations', 2, 'after'], change: (p) => (p.obligations[2].after = ['report-leaders']) },
    { field: 'approval', path: ['obligations', 2, 'approval'], change: (p) => (p.obligations[2].approval = { mode: 'any', by: ['leading-group'] }) },
    { field: 'collective', path: ['roles', 0, 'collective'], change: (p) => (p.roles[0].collective = true) },
  ];

  it('the base plan of format 1 loads', () => {
    expect(loadPlan(seedPlan()).definition.format).toBeUndefined();
  });

  for (const { field, path, change } of CASES) {
    it(`${field}: refused, naming ${path.join('.')} and expecting "format": 2; accepted with it`, () => {
      const plan = seedPlan();
      change(plan);
      const error = planError(plan);
      const issue = error.issues.find((i) => i.code === 'format_2_field' && JSON.stringify(i.path) === JSON.stringify(path));
      expect(issue, JSON.stringify(error.issues)).toBeDefined();
      expect((issue as Issue).expected).toContain('"format": 2');
      expect(error.message).toContain(path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''));
      // The same file with "format": 2: no field of it is refused for its format.
      const issues = validateFormat({ ...plan, format: 2 } as never);
      expect(issues.filter((i) => i.code === 'format_2_field')).toEqual([]);
    });
  }

  it('a member list on a role counts too, and "format": 1 said outright is format 1', () => {
    const plan = seedPlan();
    plan.format = 1;
    plan.roles.push({ id: 'party-group', name: '党组', members: ['leading-group'] });
    expect(validateFormat(plan as never)).toEqual([
      { path: ['roles', 2, 'members'], code: 'format_2_field', message: '"members" is a field of plan format 2', received: ['leading-group'], expected: '"format": 2 at the top of the file (docs/rule-authoring.md)' },
    ]);
  });

  it('a recipient is checked like a role', () => {
    const plan = seedPlan();
    plan.recipients[0].collective = true;
    expect(validateFormat(plan as never).map((i) => i.path)).toEqual([['recipients', 0, 'collective']]);
  });
});

describe('citations', () => {
  it('a plan citing its own document needs no seed; each basis in the decision carries the document and its number', () => {
    const plan = loadPlan(documentPlan());
    expect(plan.definition.source).toEqual({ document: '（示例）某县网络舆情应急处置办法', number: '示政办〔2026〕1号', issuer: '（示例）某县人民政府办公室', date: '2026-01-15' });
    const decision = decide(plan, { id: 'i', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } }, { now: '2026-03-02T09:10:00+08:00' });
    const cited = { document: '（示例）某县网络舆情应急处置办法', number: '示政办〔2026〕1号' };
    expect(decision.obligations.find((o) => o.id === 'report-superior')?.basis).toEqual({ clause: '四（二）', ...cited });
    expect(decision.escalation.basis).toEqual({ clause: '三（一）', ...cited });
    expect(decision.explanation.find((e) => e.subject === 'level')?.basis).toEqual({ clause: '二（一）', ...cited });
    expect(decision.obligations.every((o) => o.basis.seed === undefined && o.basis.number === '示政办〔2026〕1号')).toBe(true);
  });

  it('a basis naming another document keeps it (with its own number only); a document without a number gives its title only', () => {
    const plan = loadPlan(
      documentPlan((p) => {
        p.obligations[2].basis = { clause: '第九条', document: '国务院办公厅关于在政务公开工作中进一步做好政务舆情回应的通知', number: '国办发〔2016〕61号' };
        p.obligations[1].basis = { clause: '第三条', document: '（示例）另一办法' };
        p.obligations[0].basis = { clause: '第二条', number: '示政办〔2025〕9号' };
      }),
    );
    const bases = plan.definition.obligations.map((o) => o.basis);
    expect(bases[2]).toEqual({ clause: '第九条', document: '国务院办公厅关于在政务公开工作中进一步做好政务舆情回应的通知', number: '国办发〔2016〕61号' });
    expect(bases[1]).toEqual({ clause: '第三条', document: '（示例）另一办法' });
    expect(bases[0]).toEqual({ clause: '第二条', number: '示政办〔2025〕9号' });
    const untitled = loadPlan(documentPlan((p) => (p.source = { document: '（示例）无文号的办法' })));
    expect(untitled.definition.levels[0]?.basis).toEqual({ clause: '二（一）', document: '（示例）无文号的办法' });
  });

  it('fills bases everywhere but inside conditions, and leaves a seed plan as it is', () => {
    const definition = { source: { document: 'D' }, conditions: { c: { basis: { clause: 'x' } } }, levels: [{ basis: { clause: '1' } }], riskAssessment: { basis: { clause: '2' }, when: { basis: { clause: '3' } } } };
    expect(withDocumentCitations(definition as never)).toEqual({ source: { document: 'D' }, conditions: { c: { basis: { clause: 'x' } } }, levels: [{ basis: { clause: '1', document: 'D' } }], riskAssessment: { basis: { clause: '2', document: 'D' }, when: { basis: { clause: '3' } } } });
    const seed = seedPlan();
    expect(withDocumentCitations(seed as never)).toBe(seed);
  });

  it('schedule and the plan table cite the document too', () => {
    const plan = loadPlan(
      documentPlan((p) => (p.recurring = [{ id: 'monthly', step: 'monthly-analysis', title: '每月舆情分析', responsible: 'office', every: 'P1M', basis: { clause: '五' } }])),
    );
    expect(schedule(plan, { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' })[0]?.basis).toEqual({ clause: '五', document: '（示例）某县网络舆情应急处置办法', number: '示政办〔2026〕1号' });
    const table = renderPlanTables(plan);
    expect(table).toContain('《（示例）某县网络舆情应急处置办法》 示政办〔2026〕1号 · version 1');
    expect(table).toContain('| 示政办〔2026〕1号 四（一） |');
    expect(renderPlanTables(loadPlan(documentPlan((p) => (p.source = { document: '（示例）无文号的办法' }))))).toContain('《（示例）无文号的办法》 · version 1');
  });

  it('cite: a seed, else the number, else the title, else the clause alone', () => {
    expect(cite({ seed: '002', section: '篇三', clause: '三' })).toBe('002 篇三 三');
    expect(cite({ clause: '三', document: 'D', number: 'N' })).toBe('N 三');
    expect(cite({ clause: '三', document: 'D' })).toBe('《D》 三');
    expect(cite({ clause: '三' })).toBe('三');
  });

  it('a plan citing a seed cites it in every basis, also in format 2', () => {
    const plan: P = { ...seedPlan(), format: 2 };
    delete plan.escalation[1].basis.seed;
    expect(planError(plan).issues).toEqual([
      { path: ['escalation', 1, 'basis'], code: 'missing_seed', message: 'a plan citing a seed cites the seed in every basis', received: { clause: '三（二）' }, expected: 'a basis with "seed": "000"' },
    ]);
  });

  it('a plan citing its own document cites no seed', () => {
    const error = planError(documentPlan((p) => (p.levels[1].basis.seed = '000')));
    expect(error.issues).toEqual([
      { path: ['levels', 1, 'basis', 'seed'], code: 'unexpected_seed', message: 'a plan citing its own document cites its clauses, not a seed', received: '000', expected: 'no "seed": the clause of the document in "source" (or "document" and "number" of another)' },
    ]);
  });

  it('a source with both a seed and a document, or a bad date, is refused by the schema', () => {
    expect(planError(documentPlan((p) => (p.source = { document: 'D', seed: '000', file: 'f' }))).issues[0]?.path[0]).toBe('source');
    expect(planError(documentPlan((p) => (p.source.date = '2026-1-5'))).issues[0]?.path[0]).toBe('source');
  });
});

describe('templates and format 2', () => {
  it('a format-2 plan citing its seed extends the format-1 template', () => {
    const raw = migratePlan(BUNDLED_PLANS['civil-affairs'] as P);
    expect(raw.extends).toBe('seven-step-procedure');
    expect(loadPlan(raw).definition.format).toBe(2);
  });

  it('a plan citing its own document that extends the template must give each item its own basis', () => {
    const plan: P = { format: 2, id: 'doc-ext', version: '1', title: 'T', unit: 'U', source: { document: '（示例）办法' }, extends: 'seven-step-procedure' };
    const issues = planError(plan).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toEqual({ path: ['levels', 0, 'basis'], code: 'missing_basis', message: 'the template cites seed clauses for this item, not this plan\'s document: give it a basis under "overrides"', received: ['000', '001 篇1', '002 篇二', '002 篇三'], expected: 'a basis citing a clause of the document in "source"' });
  });
});

describe('scaffoldPlan (yuqing init)', () => {
  it('a minimal format-2 plan citing its own document whose scenarios pass and that verify finds nothing in', () => {
    const scaffold = scaffoldPlan({ id: 'county-office', title: '（示例）县网络舆情应急处置办法' });
    expect(scaffold.planFile).toBe('county-office.json');
    expect(scaffold.scenarioFile).toBe('county-office.scenarios.json');
    const raw = JSON.parse(scaffold.plan) as P;
    expect(raw.format).toBe(2);
    expect(raw.source).toEqual({ document: '（示例）县网络舆情应急处置办法' });
    const plan = loadPlan(raw);
    const file = JSON.parse(scaffold.scenarios) as ScenarioFile;
    expect(file.plan).toBe('county-office.json');
    const suite = runScenarioFile(plan, file);
    expect(suite.failed).toBe(0);
    expect(suite.passed).toBe(3);
    const report = verifyPlan(plan);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(0);
  });

  it('its scenarios fail when the plan changes: they check what the plan says', () => {
    const scaffold = scaffoldPlan({ id: 'p', title: 'T' });
    const raw = JSON.parse(scaffold.plan) as P;
    raw.obligations[1].offset = 'PT2H';
    expect(runScenarioFile(loadPlan(raw), JSON.parse(scaffold.scenarios) as ScenarioFile).failed).toBeGreaterThan(0);
  });
});

describe('yuqing init and yuqing migrate', () => {
  it('init writes the two files, which `yuqing test` and `yuqing verify` pass; a second init refuses to overwrite', async () => {
    const dir = join(tmp, 'init');
    const first = await yuqing(['init', dir, '--id', 'county-office', '--title', '（示例）县网络舆情应急处置办法']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`✓ 已创建 ${join(dir, 'county-office.json')}（预案，格式 2）和 ${join(dir, 'county-office.scenarios.json')}（场景）`);
    expect(readFileSync(join(dir, 'county-office.json'), 'utf8')).toBe(scaffoldPlan({ id: 'county-office', title: '（示例）县网络舆情应急处置办法' }).plan);
    expect(existsSync(join(dir, 'county-office.scenarios.json'))).toBe(true);
    const test = await yuqing(['test', dir]);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('场景：3 个通过，0 个失败，共 1 个文件');
    const verify = await yuqing(['verify', join(dir, 'county-office.json')]);
    expect(verify.code).toBe(0);
    writeFileSync(join(dir, 'county-office.scenarios.json'), '{"edited": true}');
    const again = await yuqing(['init', dir, '--id', 'county-office']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(dir, 'county-office.json')} 已存在：init 不覆盖已有文件`);
    expect(readFileSync(join(dir, 'county-office.scenarios.json'), 'utf8')).toBe('{"edited": true}');
  });

  it('init refuses when only the scenario file exists, and writes nothing', async () => {
    const dir = join(tmp, 'init-partial');
    await yuqing(['init', dir]);
    rmSync(join(dir, 'my-plan.json'));
    const again = await yuqing(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('my-plan.scenarios.json 已存在');
    expect(existsSync(join(dir, 'my-plan.json'))).toBe(false);
  });

  it('init names a bad --id or --title, and writes nothing', async () => {
    const dir = join(tmp, 'init-bad');
    const id = await yuqing(['init', dir, '--id', 'My Plan']);
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('--id "My Plan"');
    const title = await yuqing(['init', dir, '--title', 'x'.repeat(501)]);
    expect(title.code).toBe(2);
    expect(title.stderr).toContain('--title');
    expect(title.stderr).toContain('title');
    expect(existsSync(dir)).toBe(false);
  });

  it('init --json lists the files; init without a writer, or a writer that fails, is refused', async () => {
    const dir = join(tmp, 'init-json');
    const json = await yuqing(['init', dir, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ created: [join(dir, 'my-plan.json'), join(dir, 'my-plan.scenarios.json')] });
    const none = await yuqing(['init', join(tmp, 'init-none')], { io: { writeFile: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('yuqing: 此处不能写文件');
    const failing = await yuqing(['init', join(tmp, 'init-fail')], { io: { writeFile: () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } } });
    expect(failing.stderr).toContain(`无法写入 ${join(tmp, 'init-fail', 'my-plan.json')}：ENOSPC`);
    const raced = await yuqing(['init', join(tmp, 'init-race')], { io: { writeFile: () => { throw Object.assign(new Error('exists'), { code: 'EEXIST' }); } } });
    expect(raced.stderr).toContain('init-race/my-plan.json 已存在：未覆盖');
  });

  it('migrate prints the format-2 file and leaves it alone; --write rewrites it; a second --write changes nothing', async () => {
    const path = join(tmp, 'migrate', 'hrss.json');
    const original = readFileSync(join(root, 'rules', 'hrss.json'), 'utf8');
    mkdirSync(join(tmp, 'migrate'), { recursive: true });
    writeFileSync(path, original);
    const printed = await yuqing(['migrate', path]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(migratePlan(JSON.parse(original) as P));
    expect(readFileSync(path, 'utf8')).toBe(original);
    const written = await yuqing(['migrate', path, '--write']);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`✓ 已转换为格式 2：${path}`);
    expect(readFileSync(path, 'utf8')).toBe(printed.stdout);
    const again = await yuqing(['migrate', path, '--write']);
    expect(again.stdout).toContain(`✓ 已是格式 2：${path}（未改写）`);
    const json = await yuqing(['migrate', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 2, changed: false, written: false });
    const reprint = await yuqing(['migrate', path]);
    expect(reprint.stderr).toContain(`yuqing: ${path} 已是格式 2`);
  });

  it('migrate prints a bundled plan but will not --write it; a YAML file keeps its comments', async () => {
    const bundled = await yuqing(['migrate', 'ideology-emergency']);
    expect(bundled.code).toBe(0);
    expect((JSON.parse(bundled.stdout) as P).format).toBe(2);
    const refused = await yuqing(['migrate', 'hrss', '--write']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--write 只改写预案文件');
    const yaml = join(tmp, 'plan.yaml');
    writeFileSync(yaml, `# 本单位预案\n${stringify(seedPlan())}`);
    const text = readFileSync(yaml, 'utf8');
    const out = await yuqing(['migrate', yaml, '--write']);
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(yaml, 'utf8')).toBe(migrateYamlText(text));
    expect(readFileSync(yaml, 'utf8')).toContain('# 本单位预案');
  });

  it('migrate refuses a plan that does not load, naming the problem; it converts a file that used format 2 without saying so', async () => {
    const bad = join(tmp, 'bad.json');
    const plan = seedPlan();
    plan.escalation[0].lead = 'nobody';
    writeFileSync(bad, JSON.stringify(plan));
    const result = await yuqing(['migrate', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('escalation[0].lead');
    const unsaid = join(tmp, 'unsaid.json');
    const withSteps = seedPlan();
    withSteps.steps = [{ id: 'claim', title: '认领' }];
    writeFileSync(unsaid, JSON.stringify(withSteps));
    expect((await yuqing(['check', unsaid])).code).toBe(1);
    expect((await yuqing(['migrate', unsaid, '--write'])).code).toBe(0);
    expect((await yuqing(['check', unsaid])).code).toBe(0);
  });
});
