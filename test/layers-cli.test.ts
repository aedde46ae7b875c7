// The command line takes layers: `--layer <file or bundled id>` on every plan-loading command, and
// `layers` in a scenario file for `test` and `mutate` (docs/layers.md).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writerIn, yuqing as yuqingIn } from './support/cli.js';

/** The CLI worded in English (`--lang en`): these tests read its messages; the Chinese default is tested in test/cli.test.ts. */
const yuqing = (args: string[], options?: Parameters<typeof yuqingIn>[1]) => yuqingIn(['--lang', 'en', ...args], options);

const lvl = (id: string, rank: number) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis: { clause: '第二条' } });
const ROLES = [
  { id: 'leading-group', name: '领导小组' },
  { id: 'office', name: '办公室' },
];

/** A small layer: information within 5 h at its level I, and a 48 h reply at II. */
const layer = {
  format: 2,
  kind: 'layer',
  id: 'province',
  version: '1.0.0',
  title: '省级规定',
  unit: '省内各地',
  source: { document: '省级规定', number: '省发〔2026〕1号' },
  levels: [lvl('I', 1), lvl('II', 2)],
  classification: [],
  grading: { ungraded: { name: '待研判定级', lead: 'office', basis: { clause: '第三条' } } },
  roles: ROLES,
  escalation: [
    { level: 'I', lead: 'leading-group', basis: { clause: '第四条' } },
    { level: 'II', lead: 'office', basis: { clause: '第四条' } },
  ],
  obligations: [
    { id: 'info', step: 'statement', title: '5小时内发布权威信息', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT5H', when: { all: [{ fact: 'level', operator: 'equal', value: 'I' }] }, basis: { clause: '第五条' } },
    { id: 'reply', step: 'reply', title: '48小时内回应', responsible: 'office', anchor: 'occurredAt', clock: 'keep', offset: 'PT48H', when: { all: [{ fact: 'level', operator: 'equal', value: 'II' }] }, basis: { clause: '第六条' } },
  ],
};

/** A county plan on it: its `major` counts as the province's I, its `minor` as II. */
const county = {
  format: 2,
  id: 'county',
  version: '1.0.0',
  title: '县级预案',
  unit: '县政府',
  source: { document: '县级预案' },
  above: { layer: 'province', levels: { major: ['I'], minor: ['II'] } },
  levels: [lvl('major', 1), lvl('minor', 2)],
  classification: [],
  grading: { ungraded: { name: '待研判定级', lead: 'office', basis: { clause: '第三条' } } },
  roles: ROLES,
  escalation: [
    { level: 'major', lead: 'leading-group', basis: { clause: '第四条' } },
    { level: 'minor', lead: 'office', basis: { clause: '第四条' } },
  ],
  obligations: [{ id: 'tell', step: 'report', title: '1小时内报告', responsible: 'office', to: 'leading-group', anchor: 'discoveredAt', offset: 'PT1H', basis: { clause: '第五条' } }],
};

const incident = (level: string) => ({
  id: 'c-1',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T08:30:00+08:00',
  events: [{ type: 'level-set', level, at: '2026-03-02T08:40:00+08:00', by: 'leading-group' }],
});

const scenarios = (layers: string[] | undefined) => ({
  plan: 'county.json',
  ...(layers ? { layers } : {}),
  scenarios: [
    {
      name: 'major: the provincial 5 h information',
      clause: '省发〔2026〕1号 第五条',
      incident: incident('major'),
      now: '2026-03-02T09:00:00+08:00',
      expect: { level: 'major', obligations: { info: { dueAt: '2026-03-02T13:00:00+08:00' }, tell: { dueAt: '2026-03-02T09:30:00+08:00' } }, absent: ['reply'] },
    },
    {
      name: 'minor: the provincial 48 h reply',
      clause: '省发〔2026〕1号 第六条',
      incident: incident('minor'),
      now: '2026-03-02T09:00:00+08:00',
      expect: { level: 'minor', obligations: { reply: { dueAt: '2026-03-04T08:00:00+08:00' } }, absent: ['info'] },
    },
  ],
});

let dir: string;
let write: (name: string, content: unknown) => string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yuqing-layers-'));
  write = writerIn(dir);
  write('province.json', layer);
  write('county.json', county);
  write('incident.json', incident('major'));
  write('suite/county.scenarios.json', { ...scenarios(['../province.json']), plan: '../county.json' });
  write('bare/county.scenarios.json', { ...scenarios(undefined), plan: '../county.json' });
  write('lost/county.scenarios.json', { ...scenarios(['nowhere.json']), plan: '../county.json' });
  write('not-a-layer.json', { id: 'x', levels: [] });
  write('wrong-kind.json', { ...layer, kind: 'plan' });
  // A layer with the same id that says nothing at II: a scenario file's layer stands for the --layer one.
  write('other/province.json', { ...layer, obligations: [layer.obligations[0]] });
});

describe('--layer on the plan-loading commands', () => {
  it('check loads a plan with its layer file, and without it names above.layer', async () => {
    const ok = await yuqing(['check', 'county.json', '--layer', 'province.json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/county 1\.0\.0 .*\n.*3 obligations/);
    const missing = await yuqing(['check', 'county.json', '--json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).issues).toEqual([expect.objectContaining({ path: ['above', 'layer'], received: 'province' })]);
  });

  it("decide shows the layer's duty with the layer it comes from and its document", async () => {
    const r = await yuqing(['decide', 'county.json', '--layer', 'province.json', '-i', 'incident.json', '-n', '2026-03-02T09:00:00+08:00', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout).obligations.find((o: { id: string }) => o.id === 'info');
    expect(info).toMatchObject({ layer: 'province', dueAt: '2026-03-02T13:00:00+08:00', basis: { document: '省级规定', number: '省发〔2026〕1号', clause: '第五条' } });
  });

  it('audit and verify take --layer too', async () => {
    expect((await yuqing(['audit', 'county.json', '--layer', 'province.json', '-i', 'incident.json', '-n', '2026-03-02T20:00:00+08:00', '--json'], { cwd: dir })).code).toBe(0);
    expect((await yuqing(['verify', 'county.json', '--layer', 'province.json', '--json'], { cwd: dir })).code).not.toBe(2);
  });

  it('a bundled layer id is accepted (nothing to read); an unknown id, a missing file, a file that is no layer: exit 2', async () => {
    expect((await yuqing(['check', 'county.json', '--layer', 'national', '--layer', 'province.json'], { cwd: dir })).code).toBe(0);
    const unknown = await yuqing(['check', 'county.json', '--layer', 'nowhere'], { cwd: dir });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown layer "nowhere": not a bundled layer (national) and not a file')]);
    const lost = await yuqing(['check', 'county.json', '--layer', 'lost.json'], { cwd: dir });
    expect([lost.code, lost.stderr]).toEqual([2, expect.stringContaining('cannot read layer file lost.json: no such file')]);
    const notLayer = await yuqing(['check', 'county.json', '--layer', 'not-a-layer.json'], { cwd: dir });
    expect([notLayer.code, notLayer.stderr]).toEqual([2, expect.stringContaining('layer file not-a-layer.json does not hold a layer')]);
    const wrongKind = await yuqing(['check', 'county.json', '--layer', 'wrong-kind.json', '--json'], { cwd: dir });
    expect(JSON.parse(wrongKind.stdout).issues).toEqual([expect.objectContaining({ path: ['layers', 0, 'kind'], received: 'plan' })]);
  });

  it('check and decide load the bundled national layer by its id', async () => {
    const r = await yuqing(['check', 'national'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('national 1.0.0')]);
  });
});

describe('layers in scenario files', () => {
  it('test loads the layers a scenario file lists, relative to it', async () => {
    const r = await yuqing(['test', 'suite', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 1, passed: 2, failed: 0, invalidFiles: 0 });
  });

  it('without them the file cannot run; with --layer it can; a layer it lists that is not there is its error', async () => {
    expect((await yuqing(['test', 'bare'], { cwd: dir })).code).toBe(2);
    expect((await yuqing(['test', 'bare', '--layer', 'province.json'], { cwd: dir })).code).toBe(0);
    const lost = await yuqing(['test', 'lost', '--json'], { cwd: dir });
    expect(lost.code).toBe(2);
    expect(JSON.parse(lost.stdout).files[0].error.message).toMatch(/cannot read layer file .*nowhere\.json: no such file/);
  });

  it("a scenario file's layer stands for the --layer one with the same id", async () => {
    // The other province has no 48 h reply: the scenario file's own layer must be the one used for the minor case to pass.
    const r = await yuqing(['test', 'suite', '--layer', 'other/province.json', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout).summary.passed).toBe(2);
    const other = await yuqing(['test', 'bare', '--layer', 'other/province.json', '--json'], { cwd: dir });
    expect(JSON.parse(other.stdout).summary).toMatchObject({ passed: 1, failed: 1 });
  });

  it('mutate runs the scenarios against mutants of the composed plan, the layer duties among them', async () => {
    const r = await yuqing(['mutate', 'suite', '--json', '--min', '0'], { cwd: dir });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout).plans[0];
    expect(plan.plan.id).toBe('county');
    // Mutants load (a composed plan reloads as it stands): they are killed by scenarios, not by loading.
    const byLoad = plan.results.filter((m: { killedBy?: string }) => m.killedBy === 'load').length;
    expect(byLoad).toBeLessThan(plan.total / 2);
    expect(plan.results.some((m: { target: string; killedBy?: string }) => /info/.test(m.target) && m.killedBy === 'scenario')).toBe(true);
  });

  it('yuqing test rules finds the scenarios of the bundled layers in rules/layers/', async () => {
    const r = await yuqing(['test', 'rules', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.filter((f: { file: string }) => f.file.startsWith('rules/layers/'))).toEqual([expect.objectContaining({ file: 'rules/layers/national.scenarios.json', plan: { id: 'national', version: '1.0.0' }, failed: 0 })]);
  });
});
