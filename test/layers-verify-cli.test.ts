import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../src/index.js';
import { cite } from '../src/render/text.js';
import { verifyAgainst } from '../src/testing/index.js';
import { root, writerIn, yuqing as yuqingIn } from './support/cli.js';

/** The CLI worded in English (`--lang en`): these tests read its messages; the Chinese default is tested in test/cli.test.ts. */
const yuqing = (args: string[], options?: Parameters<typeof yuqingIn>[1]) => yuqingIn(['--lang', 'en', ...args], options);

const tmp = mkdtempSync(join(tmpdir(), 'yuqing-layers-verify-'));
const write = writerIn(tmp);
const national = loadPlan(JSON.parse(readFileSync(join(root, 'rules', 'layers', 'national.json'), 'utf8')) as object);

const basis = { clause: '第一条' };
const levels = (ids: readonly string[]) => ids.map((id, i) => ({ id, rank: i + 1, name: `级别${id}`, nameEn: `Level ${id}`, basis }));
const escalation = (ids: readonly string[]) => ids.map((level) => ({ level, lead: 'leading-group', basis }));
const roles = [{ id: 'leading-group', name: '领导小组' }, { id: 'office', name: '办公室' }];
const grading = { ungraded: { name: '待研判', lead: 'office', basis } };
const info = (offset: string) => ({ id: 'info', step: 'statement', title: `${offset}内发布`, responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset, basis });

const layerFile = write('province.json', {
  format: 2, kind: 'layer', id: 'province', version: '1.0.0', title: '省级层级', unit: '省',
  source: { document: '省网络舆情应急规定', number: '省办发〔2024〕1号' },
  levels: levels(['I', 'II']), classification: [], grading, roles, escalation: escalation(['I', 'II']),
  correspondence: { I: ['I'], II: ['II'] },
  obligations: [{ ...info('PT5H'), when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] } }],
});
const unitFile = (name: string, offset: string): string =>
  write(name, {
    format: 2, id: 'unit', version: '1.0.0', title: '本单位预案', unit: '本单位', source: { document: '本单位网络舆情应急预案' },
    levels: levels(['I', 'II']), classification: [], grading, roles, escalation: escalation(['I', 'II']), obligations: [info(offset)],
  });

describe('yuqing verify <plan> --against <layer>', () => {
  it('prints one line per finding with both citations and exits 1 (bundled plan, bundled layer id)', async () => {
    const { code, stdout } = await yuqing(['verify', 'county-bureau', '--against', 'national']);
    expect(code).toBe(1);
    const report = verifyAgainst(loadPlan('county-bureau'), national);
    expect(report.findings.length).toBeGreaterThan(0);
    const lines = stdout.split('\n').filter((line) => line.startsWith('✗ ') && !/finding\(s\)/.test(line));
    expect(lines).toHaveLength(report.findings.length);
    report.findings.forEach((f, i) => {
      const line = lines[i] as string;
      expect(line).toContain(`${f.kind}/${f.reason}`);
      expect(line).toContain(cite(f.layer?.basis ?? basis));
      if (f.plan) expect(line).toContain(cite(f.plan.basis));
    });
    expect(lines.some((line) => line.includes('国办发〔2016〕80号') && line.includes('000 '))).toBe(true);
    expect(stdout).toContain("levels from the layer's correspondence");
    expect(stdout).toContain(`✗ ${report.findings.length} finding(s)`);
  });

  it('exits 0 with a summary line when the plan meets every duty of the layer (files)', async () => {
    const { code, stdout } = await yuqing(['verify', unitFile('strict.json', 'PT5H'), '--against', layerFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ no duty of the layer is missing or laxer');
    expect(stdout).toContain('(1 met)');
    const chinese = await yuqingIn(['verify', unitFile('strict.json', 'PT5H'), '--against', layerFile]);
    expect(chinese.stdout).toContain('✓ 上级义务无缺失、无宽于上级的时限（1 项已满足）');
    expect(chinese.stdout).toMatch(/对照上级 province/);
    expect(stdout).toContain('I→I · II→II');
  });

  it('prints { findings: [...], ...the report } with --json', async () => {
    const { code, stdout } = await yuqing(['verify', unitFile('lax.json', 'PT6H'), '--against', layerFile, '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)[0]).toBe('findings');
    expect(json).toMatchObject({ mappingFrom: 'layer', plan: { id: 'unit' }, layer: { id: 'province' }, met: [] });
    expect(json.findings).toEqual([expect.objectContaining({ kind: 'laxer', reason: 'later-offset', level: 'I', layerLevels: ['I'] })]);
  });

  it('maps the levels given by --levels (an empty list after =, a level left out unmapped)', async () => {
    const { code, stdout } = await yuqing(['verify', unitFile('levels.json', 'PT5H'), '--against', layerFile, '--levels', 'II=I']);
    expect(code).toBe(1);
    expect(stdout).toContain('levels from --levels: I→? · II→I');
    expect(stdout).toContain('✗ unmapped/unmapped level I of the plan maps to no level of the layer province');
    const chinese = await yuqingIn(['verify', unitFile('levels.json', 'PT5H'), '--against', layerFile, '--levels', 'II=I']);
    expect(chinese.stdout).toContain('✗ 未对应/unmapped 预案级别 I（级别I） 未对应上级 province 的任何级别');
    const empty = await yuqing(['verify', unitFile('levels.json', 'PT5H'), '--against', layerFile, '--levels', 'I=, II=I+II']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('I→∅ · II→I+II');
  });

  it('exits 2 on bad usage: --levels without --against or malformed, a level not the plan\'s, a plan that is not a layer, no such layer', async () => {
    const cases: [string[], RegExp][] = [
      [['verify', 'county-bureau', '--levels', 'I=I'], /--levels .*--against/],
      [['verify', 'county-bureau', '--against', 'national', '--levels', 'I'], /--levels expects level=/],
      [['verify', 'county-bureau', '--against', 'national', '--levels', '=I'], /--levels expects level=/],
      [['verify', 'county-bureau', '--against', 'national', '--levels', 'I=I,I=II'], /names level "I" twice/],
      [['verify', 'county-bureau', '--against', 'national', '--levels', 'V=I'], /options\.levels\.V: not a level of the plan/],
      [['verify', 'county-bureau', '--against', 'hrss'], /layer\.kind: plan hrss is not a layer/],
      [['verify', 'county-bureau', '--against', 'no-such-layer'], /layer no-such-layer: /],
      [['verify', 'county-bureau', '--against', 'missing/province.json'], /cannot read layer file .*no such file/],
      [['verify', 'county-bureau', '--against', unitFile('not-a-layer.json', 'PT5H')], /layer file .*not-a-layer\.json does not hold a layer/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await yuqing(args);
      expect([args.join(' '), code]).toEqual([args.join(' '), 2]);
      expect(stderr).toMatch(message);
    }
  });

  it('leaves verify without --against as it was', async () => {
    const { code, stdout } = await yuqing(['verify', 'county-bureau']);
    expect(code).toBe(0);
    expect(stdout).toContain('combinations of');
    expect(stdout).not.toContain('对照上级');
  });
});
