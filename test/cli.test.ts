import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, writerIn, yuqing } from './support/cli.js';
import { loadPlan } from '../src/index.js';
import { planJsonSchema } from '../src/model/plan-json-schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'yuqing-cli-'));

const write = writerIn(tmp);

const incident = {
  id: 'inc-42',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  events: [{ type: 'report', at: '2026-03-02T09:45:00+08:00', to: 'leading-group' }],
};
const incidentFile = write('incident.json', incident);

/** county-bureau as a rule file with the 30-minute report changed to 60 minutes (docs/testing-policy-changes.md). */
const countyBureau = JSON.parse(readFileSync(join(root, 'rules', 'county-bureau.json'), 'utf8'));
const v2 = structuredClone(countyBureau);
v2.version = '1.2.0';
v2.overrides.obligations['report-leading-group'].offset = 'PT60M';
const v2File = write('county-bureau-v2.json', v2);

describe('usage', () => {
  it('prints help and exits 2 without a command, 0 for --help', async () => {
    const none = await yuqing([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/用法： yuqing/);
    const help = await yuqing(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['check', 'decide', 'audit', 'test', 'diff', 'verify', 'mutate', 'schema']) expect(help.stdout).toContain(command);
    const version = await yuqing(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n` });
  });

  it('exits 2 on an unknown command, a missing option or a bad --param', async () => {
    expect((await yuqing(['frob'])).code).toBe(2);
    const missing = await yuqing(['decide', 'county-bureau']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--incident/);
    const param = await yuqing(['check', 'county-bureau', '--param', 'novalue']);
    expect(param.code).toBe(2);
    expect(param.stderr).toMatch(/名称=值/);
    expect((await yuqing(['check', 'county-bureau', '--param', 'novalue', '--lang', 'en'])).stderr).toMatch(/name=value/);
  });
});

describe('languages (--lang)', () => {
  it('prints help in Chinese by default, in English with --lang en before or after the command', async () => {
    const zh = await yuqing(['--help']);
    expect(zh.stdout).toMatch(/^用法： yuqing \[选项\] \[命令\]/);
    for (const title of ['选项：', '命令：']) expect(zh.stdout).toContain(title);
    expect(zh.stdout).toMatch(/-h, --help\s+显示帮助/);
    expect(zh.stdout).toMatch(/-V, --version\s+显示版本号/);
    expect(zh.stdout).toMatch(/help \[command\]\s+显示某个命令的帮助/);
    expect(zh.stdout).toMatch(/decide \[options\] <plan>\s+当前决策/);
    expect(zh.stdout).not.toMatch(/Usage:|Options:|display help/);
    const en = await yuqing(['--lang', 'en', '--help']);
    expect(en.stdout).toMatch(/^Usage: yuqing \[options\] \[command\]/);
    expect(en.stdout).toMatch(/decide \[options\] <plan>\s+what must be done next/);
    expect(en.stdout).not.toMatch(/用法|当前决策/);

    const decideZh = await yuqing(['decide', '--help']);
    expect(decideZh.code).toBe(0);
    expect(decideZh.stdout).toMatch(/^用法： yuqing decide \[选项\] <plan>/);
    expect(decideZh.stdout).toContain('参数：');
    expect(decideZh.stdout).toMatch(/-i, --incident <file>\s+事件文件/);
    expect(decideZh.stdout).toMatch(/--lang <lang>\s+文字的语言/);
    for (const args of [['decide', '--help', '--lang', 'en'], ['--lang=en', 'decide', '--help'], ['help', 'decide', '--lang', 'en']]) {
      const decideEn = await yuqing(args);
      expect(decideEn.stdout, args.join(' ')).toMatch(/^Usage: yuqing decide \[options\] <plan>/);
      expect(decideEn.stdout).toMatch(/Arguments:[\s\S]*Options:[\s\S]*-i, --incident <file>\s+the incident/);
    }
    expect((await yuqing(['mutate', '--help'])).stdout).toMatch(/--min <percent>\s+.*（默认："90"）/);
    expect((await yuqing(['--lang', 'zh', 'decide', '--help'])).stdout).toBe(decideZh.stdout);
  });

  it("words commander's usage errors in Chinese (English with --lang en), exit 2", async () => {
    const cases: [string[], RegExp, RegExp][] = [
      [['frob'], /^错误：未知命令 'frob'/, /^error: unknown command 'frob'/],
      [['chek'], /（是否想用 check？）/, /\(Did you mean check\?\)/],
      [['check', 'county-bureau', '--frob'], /^错误：未知选项 '--frob'/, /^error: unknown option '--frob'/],
      [['check'], /^错误：缺少参数 'plan'/, /^error: missing required argument 'plan'/],
      [['check', 'a', 'b'], /^错误：命令 'check' 的参数过多：应为 1 个，收到 2 个/, /^error: too many arguments for 'check'/],
      [['decide', 'county-bureau'], /^错误：缺少必需的选项 '-i, --incident <file>'/, /^error: required option '-i, --incident <file>' not specified/],
      [['decide', 'county-bureau', '-i'], /^错误：选项 '-i, --incident <file>' 缺少值/, /^error: option '-i, --incident <file>' argument missing/],
    ];
    for (const [args, zh, en] of cases) {
      const chinese = await yuqing(args);
      expect(chinese.code, args.join(' ')).toBe(2);
      expect(chinese.stderr, args.join(' ')).toMatch(zh);
      expect(chinese.stderr).toContain('（用法：yuqing --help）');
      expect(chinese.stderr).not.toMatch(/error:/);
      const english = await yuqing([...args, '--lang', 'en']);
      expect(english.code, args.join(' ')).toBe(2);
      expect(english.stderr, args.join(' ')).toMatch(en);
      expect(english.stderr).toContain('(yuqing --help for usage)');
    }
  });

  it('refuses a --lang other than zh or en, in Chinese, exit 2', async () => {
    for (const args of [['--lang', 'fr', 'check', 'county-bureau'], ['check', 'county-bureau', '--lang=de'], ['check', 'county-bureau', '--lang']]) {
      const result = await yuqing(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^错误：选项 '--lang <lang>' .*应为 zh（中文）或 en（英文）/);
      expect(result.stdout).toBe('');
    }
    // After `--`, it is no option of yuqing's.
    expect((await yuqing(['check', '--', '--lang'])).stderr).not.toMatch(/--lang <lang>/);
  });

  it("prints an invalid incident's issues in Chinese, in English with --lang en", async () => {
    const bad = write('bad-incident.json', { ...incident, occurredAt: 'yesterday' });
    const zh = await yuqing(['decide', 'county-bureau', '-i', bad, '--now', '2026-03-02T10:00:00+08:00']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^ {2}occurredAt：.*（收到 "yesterday"(；应为 .*)?）$/m);
    const en = await yuqing(['decide', 'county-bureau', '-i', bad, '--now', '2026-03-02T10:00:00+08:00', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/^ {2}occurredAt: [\x20-\x7e]* \(received "yesterday"(; expected .*)?\)$/m);
    const json = JSON.parse((await yuqing(['decide', 'county-bureau', '-i', bad, '--json', '--lang', 'en'])).stdout);
    expect(json.error).toMatchObject({ name: 'IncidentError', code: 'INVALID_INCIDENT', issues: [{ path: ['occurredAt'], received: 'yesterday' }] });
    expect(json.error.issues[0].message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('prints a decision in English with --lang en, the same JSON either way', async () => {
    const args = ['decide', 'county-bureau', '-i', incidentFile, '--now', '2026-03-02T10:00:00+08:00'];
    const zh = await yuqing(args);
    const en = await yuqing([...args, '--lang', 'en']);
    expect(zh.stdout).toMatch(/级别：II/);
    expect(en.stdout).not.toBe(zh.stdout);
    expect(en.stdout).not.toMatch(/级别：/);
    const jsonZh = JSON.parse((await yuqing([...args, '--json'])).stdout);
    const jsonEn = JSON.parse((await yuqing([...args, '--json', '--lang', 'en'])).stdout);
    expect(Object.keys(jsonEn)).toEqual(Object.keys(jsonZh));
    expect(jsonEn.level).toEqual(jsonZh.level);
  });
});

describe('yuqing check', () => {
  it('accepts a bundled plan and a rule file', async () => {
    const bundled = await yuqing(['check', 'county-bureau']);
    expect(bundled).toMatchObject({ code: 0 });
    expect(bundled.stdout).toMatch(/✓ county-bureau：预案有效 — county-bureau 1\.1\.0/);
    expect((await yuqing(['check', 'county-bureau', '--lang', 'en'])).stdout).toMatch(/✓ county-bureau: valid — county-bureau 1\.1\.0/);
    expect((await yuqing(['check', 'rules/county-bureau.json'])).code).toBe(0);
    const json = JSON.parse((await yuqing(['check', v2File, '--json'])).stdout);
    expect(json).toEqual({ ok: true, plan: { id: 'county-bureau', version: '1.2.0', title: expect.any(String) }, issues: [] });
  });

  it('accepts a YAML rule file', async () => {
    const { stringify } = await import('yaml');
    const file = write('plan.yaml', stringify(countyBureau));
    expect((await yuqing(['check', file])).code).toBe(0);
  });

  it('checks a plan with blanks using sample values, or the values given', async () => {
    const sampled = await yuqing(['check', 'ideology-emergency', '--json']);
    expect(sampled.code).toBe(0);
    expect(JSON.parse(sampled.stdout).sampleParameters).toMatchObject({ phoneReportMinutes: expect.any(Number), officeDepartment: expect.any(String) });
    const given = await yuqing(['check', 'ideology-emergency', '-p', 'phoneReportMinutes=30', '-p', 'writtenReportHours=2', '-p', 'verifyHours=4', '-p', 'officeDepartment=宣传部']);
    expect(given.code).toBe(0);
    expect(given.stdout).not.toMatch(/示例值/);
    expect(sampled.stdout).not.toBe(given.stdout);
    expect((await yuqing(['check', 'ideology-emergency'])).stdout).toMatch(/有未填参数，已以示例值检查/);
    const wrong = await yuqing(['check', 'ideology-emergency', '-p', 'phoneReportMinutes=soon', '--json']);
    expect(wrong.code).toBe(1);
  });

  it('exits 1 with every problem and its path', async () => {
    const broken = structuredClone(countyBureau);
    broken.roles[0].id = 'Bad Id';
    broken.obligations[0].responsible = 'nobody';
    broken.obligations[1].step = 'dance';
    const file = write('broken.json', broken);
    const text = await yuqing(['check', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/✗ .*预案无效 — \d+ 个问题/);
    const json = JSON.parse((await yuqing(['check', file, '--json'])).stdout);
    expect(json.ok).toBe(false);
    const paths = json.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    // Paths are those of the resolved plan (template applied), as loadPlan reports them.
    expect(paths.some((p: string) => /^roles\.\d+\.id$/.test(p))).toBe(true);
    // Steps are checked against the plan's own steps once the file has the plan's shape.
    const unknownStep = structuredClone(countyBureau);
    unknownStep.obligations[1].step = 'dance';
    const stepJson = JSON.parse((await yuqing(['check', write('unknown-step.json', unknownStep), '--json'])).stdout);
    expect(stepJson.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toContainEqual(expect.stringMatching(/^obligations\.\d+\.step$/));
  });

  it('exits 1 for a file that does not parse, saying where', async () => {
    const file = write('syntax.json', '{\n  "id": "x",\n  oops\n}');
    const result = await yuqing(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/第 3 行/);
    expect((await yuqing(['check', file, '--lang', 'en'])).stdout).toMatch(/line 3/);
  });

  it('exits 2 for a file that does not exist or an unknown bundled id', async () => {
    const missing = await yuqing(['check', join(tmp, 'nothing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/没有这个文件/);
    const unknown = await yuqing(['check', 'no-such-plan']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/既不是内置预案/);
    expect((await yuqing(['--lang', 'en', 'check', 'no-such-plan'])).stderr).toMatch(/not a bundled plan/);
  });
});

describe('yuqing decide and audit', () => {
  it('prints the decision in Chinese, or as JSON', async () => {
    const text = await yuqing(['decide', 'county-bureau', '--incident', incidentFile, '--now', '2026-03-02T09:40:00+08:00']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/级别：II 重大或较大网络舆情/);
    expect(text.stdout).toMatch(/\[已超时\] 03-02 09:30 前\u3000半小时内向局意识形态风险防控工作领导小组报告/);
    const json = await yuqing(['decide', 'county-bureau', '-i', incidentFile, '-n', '2026-03-02T09:40:00+08:00', '--json']);
    const decision = JSON.parse(json.stdout);
    expect(decision.level.id).toBe('II');
    expect(decision.notify.map((n: { id: string }) => n.id).sort()).toEqual(['county-government-deputy', 'county-propaganda']);
    expect(decision.obligations.find((o: { id: string }) => o.id === 'report-leading-group').status).toBe('overdue');
  });

  it('reads the clock only when --now is not given', async () => {
    const json = await yuqing(['decide', 'county-bureau', '-i', incidentFile, '--json'], { now: new Date('2026-03-02T01:20:00Z') });
    expect(JSON.parse(json.stdout).now).toBe('2026-03-02T09:20:00+08:00');
  });

  it('reads a YAML incident and a plan file', async () => {
    const { stringify } = await import('yaml');
    const yamlIncident = write('incident.yaml', stringify(incident));
    const json = await yuqing(['decide', v2File, '-i', yamlIncident, '-n', '2026-03-02T09:40:00+08:00', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).obligations.find((o: { id: string }) => o.id === 'report-leading-group').dueAt).toBe('2026-03-02T10:00:00+08:00');
  });

  it('exits 2 on an invalid incident or now, naming each path', async () => {
    const bad = write('bad-incident.json', { id: '', occurredAt: 'yesterday', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'huge' } });
    const result = await yuqing(['decide', 'county-bureau', '-i', bad, '-n', '2026-03-02T09:40:00+08:00']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/occurredAt/);
    expect(result.stderr).toMatch(/indicators\.attention/);
    const json = await yuqing(['decide', 'county-bureau', '-i', incidentFile, '-n', 'nope', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ name: 'IncidentError', issues: [{ path: ['now'] }] });
    expect((await yuqing(['decide', 'county-bureau', '-i', join(tmp, 'none.json')])).code).toBe(2);
    expect((await yuqing(['decide', 'ideology-emergency', '-i', incidentFile])).stderr).toMatch(/phoneReportMinutes/);
  });

  it('audits the timeline: a table, or the Audit as JSON', async () => {
    const text = await yuqing(['audit', 'county-bureau', '-i', incidentFile, '--now', '2026-03-02T21:00:00+08:00']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/超时完成\s+半小时内向局意识形态风险防控工作领导小组报告.*03-02 09:30\s+03-02 09:45/);
    expect(text.stdout).toMatch(/汇总：按时 0 · 超时完成 1 · 已超时 1/);
    const english = await yuqing(['audit', 'county-bureau', '-i', incidentFile, '--now', '2026-03-02T21:00:00+08:00', '--lang', 'en']);
    expect(english.stdout).toMatch(/met late\s+半小时内向局意识形态风险防控工作领导小组报告/);
    expect(english.stdout).toMatch(/Summary: met 0 · met late 1 · overdue 1/);
    const json = JSON.parse((await yuqing(['audit', 'county-bureau', '-i', incidentFile, '--now', '2026-03-02T21:00:00+08:00', '--json'])).stdout);
    expect(json.summary).toMatchObject({ met: 0, metLate: 1, overdue: 1 });
    expect((await yuqing(['audit', 'county-bureau', '-i', incidentFile])).code).toBe(2);
    const markdown = await yuqing(['audit', 'county-bureau', '-i', incidentFile, '--now', '2026-03-02T21:00:00+08:00', '--markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# /);
    expect(markdown.stdout).toContain('```mermaid');
  });
});

describe('yuqing schema', () => {
  it("prints the plan file's JSON Schema, the one committed as plan.schema.json", async () => {
    const result = await yuqing(['schema']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const committed = JSON.parse(readFileSync(join(root, 'plan.schema.json'), 'utf8'));
    // zod numbers the shared definitions (__schemaN) in the order it meets them, which can differ between
    // module graphs: compare everything but the numbering.
    const unnumbered = (schema: unknown): string => JSON.stringify(schema).replace(/__schema\d+/g, '__schema');
    expect(Object.keys(printed)).toEqual(Object.keys(committed));
    expect(printed).toMatchObject({ $id: committed.$id, title: committed.title, description: committed.description });
    expect(Object.keys(printed)).toEqual(Object.keys(planJsonSchema()));
    expect(unnumbered(printed.anyOf[0].properties.obligations)).toBe(unnumbered(committed.anyOf[0].properties.obligations));
    expect((await yuqing(['schema', '--json'])).code).toBe(0);
  });
});

describe('yuqing test', () => {
  it('runs the bundled scenario files by default', async () => {
    const result = await yuqing(['test']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/✓ rules\/county-bureau\.scenarios\.json \(county-bureau 1\.1\.0\)：(\d+)\/\1 通过/);
    expect(result.stdout).toMatch(/场景：\d+ 个通过，0 个失败，共 8 个文件/);
  });

  it("falls back to the package's own rules/ where the working directory has none", async () => {
    mkdirSync(join(tmp, 'elsewhere'), { recursive: true });
    const result = await yuqing(['test', '--json'], { cwd: join(tmp, 'elsewhere') });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.files).toBe(8);
    expect((await yuqing(['test', 'rules'], { cwd: join(tmp, 'elsewhere') })).code).toBe(2);
  });

  it('runs a YAML file whose plan is a path relative to it, and shows each failing field', async () => {
    const dir = join(tmp, 'policy');
    write('policy/plans/county-bureau-v2.json', v2);
    const { stringify } = await import('yaml');
    write(
      'policy/tests/report.scenarios.yaml',
      stringify({
        plan: '../plans/county-bureau-v2.json',
        scenarios: [
          { name: 'report within the hour', clause: '000 四 第三步', incident, now: '2026-03-02T09:40:00+08:00', expect: { obligations: { 'report-leading-group': { dueAt: '2026-03-02T10:00:00+08:00', status: 'pending' } } } },
          { name: 'still half an hour', clause: '000 四 第三步', incident, now: '2026-03-02T09:40:00+08:00', expect: { level: 'II', obligations: { 'report-leading-group': { dueAt: '2026-03-02T09:30:00+08:00', status: 'overdue' } } } },
        ],
      }),
    );
    const text = await yuqing(['test', 'policy'], { cwd: tmp });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ policy/tests/report.scenarios.yaml (county-bureau 1.2.0)：1/2 通过');
    expect(text.stdout).toContain('✗ still half an hour（000 四 第三步）');
    expect(text.stdout).toContain('obligations.report-leading-group.dueAt：应为 "2026-03-02T09:30:00+08:00"，实为 "2026-03-02T10:00:00+08:00"');
    expect(text.stdout).toContain('obligations.report-leading-group.status：应为 "overdue"，实为 "pending"');
    const english = await yuqing(['test', 'policy', '--lang', 'en'], { cwd: tmp });
    expect(english.stdout).toContain('✗ policy/tests/report.scenarios.yaml (county-bureau 1.2.0): 1/2 passed');
    expect(english.stdout).toContain('✗ still half an hour (000 四 第三步)');
    expect(english.stdout).toContain('obligations.report-leading-group.status: expected "overdue", got "pending"');
    const json = JSON.parse((await yuqing(['test', join(dir, 'tests', 'report.scenarios.yaml'), '--json'])).stdout);
    expect(json.summary).toEqual({ files: 1, passed: 1, failed: 1, invalidFiles: 0 });
    expect(json.files[0].results[1].mismatches).toContainEqual({ field: 'obligations.report-leading-group.status', expected: 'overdue', actual: 'pending' });
  });

  it('exits 2 for an invalid scenario file or a directory without any', async () => {
    write('invalid/x.scenarios.json', { plan: 'county-bureau', scenarios: [{ name: 'x' }] });
    const invalid = await yuqing(['test', join(tmp, 'invalid')]);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toMatch(/scenarios\[0\]\.clause/);
    mkdirSync(join(tmp, 'empty'), { recursive: true });
    expect((await yuqing(['test', join(tmp, 'empty')])).code).toBe(2);
    expect((await yuqing(['test', join(tmp, 'no-such-dir')])).code).toBe(2);
  });
});

describe('yuqing verify', () => {
  it('passes the bundled plans', async () => {
    const result = await yuqing(['verify', 'county-bureau']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/verify county-bureau 1\.1\.0：.* 的 2000 种组合/);
    expect(result.stdout).toMatch(/✓ 无缺口/);
    const english = await yuqing(['verify', 'county-bureau', '--lang', 'en']);
    expect(english.stdout).toMatch(/verify county-bureau 1\.1\.0: 2000 combinations/);
    expect(english.stdout).toMatch(/✓ no gaps/);
    expect((await yuqing(['verify', 'county-bureau', '--strict'])).code).toBe(1); // its unused roles are warnings
  });

  it('exits 1 on a plan with a gap, and lists it as JSON', async () => {
    const d = structuredClone(loadPlan('county-bureau').definition) as { classification: { id: string }[] };
    d.classification = d.classification.filter((r) => r.id !== 'level-iv-otherwise');
    const file = write('gap.json', d);
    const result = await yuqing(['verify', file, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings[0]).toMatchObject({ check: 'gap', severity: 'error', count: expect.any(Number) });
  });
});

describe('yuqing diff', () => {
  it('lists every changed decision field by field, with a summary, and exits 1', async () => {
    const result = await yuqing(['diff', 'county-bureau', v2File, '--scenarios', 'rules', '--no-flags']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/diff county-bureau 1\.1\.0 → county-bureau 1\.2\.0：\d+ 个案例（场景 \d+，生成 576）/);
    expect(result.stdout).toContain('obligations.report-leading-group.dueAt: "2026-03-02T09:30:00+08:00" → "2026-03-02T10:00:00+08:00"');
    expect(result.stdout).toMatch(/obligations\.report-leading-group\.status: "met-late" → "met"/);
    expect(result.stdout).toMatch(/obligations\.report-leading-group\.dueAt\s+\d+\s+576\s+\d+/);
    const json = JSON.parse((await yuqing(['diff', 'county-bureau', v2File, '--scenarios', 'rules', '--no-generated', '--json'])).stdout);
    expect(json.summary.generated.cases).toBe(0);
    expect(json.summary.scenarios.changed).toBeGreaterThan(0);
  });

  it('exits 0 when nothing changed', async () => {
    const result = await yuqing(['diff', 'county-bureau', 'rules/county-bureau.json', '--no-flags']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ 决策无变化/);
    expect((await yuqing(['diff', 'county-bureau', 'rules/county-bureau.json', '--no-flags', '--lang', 'en'])).stdout).toMatch(/✓ no decision changed/);
  });
});

describe('yuqing mutate', () => {
  it('lists survivors and ends with the mutation score; progress on stderr', async () => {
    const result = await yuqing(['mutate', 'rules/industry-bureau.scenarios.json']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^mutation score: (9\d|100)%$/);
    expect(result.stderr).toMatch(/mutate: industry-bureau/);
  });

  it('exits 1 when a plan scores below --min, and reports JSON', async () => {
    write('weak/weak.scenarios.json', { plan: 'county-bureau', scenarios: [{ name: 'only the level', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'II' } }] });
    const result = await yuqing(['mutate', join(tmp, 'weak')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('存活  obligations.report-leading-group#offset-1  时限 PT30M → PT60M');
    const english = await yuqing(['mutate', join(tmp, 'weak'), '--lang', 'en']);
    expect(english.stdout).toContain('survived  obligations.report-leading-group#offset-1  offset PT30M → PT60M');
    expect(english.stdout.trimEnd().split('\n').at(-1)).toMatch(/^mutation score: \d+%$/);
    const json = JSON.parse((await yuqing(['mutate', join(tmp, 'weak'), '--json', '--min', '0'])).stdout);
    expect(json.score).toBeLessThan(0.5);
    expect(json.plans[0].survived.length).toBeGreaterThan(0);
    expect((await yuqing(['mutate', join(tmp, 'weak'), '--min', 'lots'])).code).toBe(2);
  });

  it('skips, and exits 1 for, a plan whose scenarios fail on the plan itself', async () => {
    write('failing/f.scenarios.json', { plan: 'county-bureau', scenarios: [{ name: 'wrong level', clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'I' } }] });
    const result = await yuqing(['mutate', join(tmp, 'failing')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ county-bureau 1\.1\.0：跳过 — 预案 county-bureau 的场景在预案本身上并未全部通过/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('mutation score: 0%');
  });
});

const built = join(root, 'dist', 'cli.js');
describe.skipIf(!existsSync(built) || process.env.STRYKER_MUTATOR_WORKER !== undefined)('the built program (dist/cli.js)', () => {
  it('starts with a shebang and runs as a process', () => {
    expect(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const ok = spawnSync(process.execPath, [built, 'check', 'county-bureau'], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/预案有效/);
    const bad = spawnSync(process.execPath, [built, 'decide', 'county-bureau', '-i', incidentFile, '-n', 'nope'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/now/);
    const elsewhere = spawnSync(process.execPath, [built, 'test'], { cwd: tmp, encoding: 'utf8' });
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout).toMatch(/county-bureau\.scenarios\.json/);
    const problem = spawnSync(process.execPath, [built, 'diff', 'county-bureau', v2File, '--scenarios', 'rules/county-bureau.scenarios.json', '--no-generated'], { cwd: root, encoding: 'utf8' });
    expect(problem.status).toBe(1);
  }, 30_000);
});

describe('docs/testing-policy-changes.md', () => {
  const doc = readFileSync(join(root, 'docs', 'testing-policy-changes.md'), 'utf8');
  const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const consoleOutput = (command: string): string[] =>
    [...doc.matchAll(/```console\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .filter((block) => block.startsWith(`$ ${command}\n`))
      .map((block) => block.slice(command.length + 3).split('\n$ ')[0]?.trimEnd() as string);

  it("shows the real output of `yuqing test` before and after the office's change", async () => {
    expect(yamlBlocks).toHaveLength(2);
    const dir = join(tmp, 'doc-example');
    write('doc-example/policy/county-bureau.json', countyBureau);
    write('doc-example/policy/county-bureau.scenarios.yaml', yamlBlocks[0] as string);
    const [passing, failing, updated] = consoleOutput('npx yuqing test policy');
    expect((await yuqing(['test', 'policy'], { cwd: dir })).stdout.trimEnd()).toBe(passing);

    const revised = structuredClone(countyBureau);
    revised.version = '1.2.0';
    revised.overrides.obligations['report-leading-group'] = { ...revised.overrides.obligations['report-leading-group'], offset: 'PT60M', title: '一小时内向局意识形态风险防控工作领导小组报告' };
    write('doc-example/policy/county-bureau.json', revised);
    const after = await yuqing(['test', 'policy'], { cwd: dir });
    expect(after.code).toBe(1);
    expect(after.stdout.trimEnd()).toBe(failing);

    write('doc-example/policy/county-bureau.scenarios.yaml', yamlBlocks[1] as string);
    expect((await yuqing(['test', 'policy'], { cwd: dir })).stdout.trimEnd()).toBe(updated);
    const mutate = await yuqing(['mutate', 'policy'], { cwd: dir });
    expect(mutate.stdout.trimEnd().split('\n').at(-1)).toBe(consoleOutput('npx yuqing mutate policy')[0]?.split('\n').at(-1));
  });
});
