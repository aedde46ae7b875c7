// Issue 12, item 4 (and the CLI half of item 5): the command line reads only plans, incidents, scenario
// files and calendars, within limits, and prints nothing a file could use to read or steer a terminal.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readBounded } from '../src/cli/io.js';
import { MAX_FILE_BYTES } from '../src/cli/run.js';
import { root, writerIn, yuqing as yuqingIn, type CliResult } from './support/cli.js';

/** The CLI worded in English (`--lang en`): these tests read its messages; the Chinese default is tested in test/cli.test.ts. */
const yuqing = (args: string[], options?: Parameters<typeof yuqingIn>[1]) => yuqingIn(['--lang', 'en', ...args], options);
import { decide, loadPlan } from '../src/index.js';
import { DOCUMENT_LIMITS, DocumentSyntaxError, escapeControls, parseDocument, parseScenarioFile } from '../src/testing/files.js';
import { compareCodePoints, compareDecision } from '../src/testing/scenario.js';
import type { Decision } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'yuqing-hardening-cli-'));

type Result = CliResult;

const write = writerIn(tmp);

const all = (r: Result): string => r.stdout + r.stderr;

const incident = {
  id: 'inc-42',
  occurredAt: '2026-03-02T08:00:00+08:00',
  discoveredAt: '2026-03-02T09:00:00+08:00',
  indicators: { attention: 'high', foreignMedia: 'emerging', spread: 'fast', reach: 'wide', offlineRisk: 'possible' },
  events: [{ type: 'report', at: '2026-03-02T09:45:00+08:00', to: 'leading-group' }],
};
const incidentFile = write('incident.json', incident);
const countyBureau = JSON.parse(readFileSync(join(root, 'rules', 'county-bureau.json'), 'utf8'));

const SECRET = 'S3CRET-do-not-print';
const passwd = `root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:${SECRET}:/usr/sbin:/usr/sbin/nologin\n`;
const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]', 'g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]'].join('\n');

describe('a plan argument', () => {
  it('that names an existing file is read as a file, even when it is also a bundled id', async () => {
    const dir = join(tmp, 'shadow');
    const v2 = { ...structuredClone(countyBureau), version: '9.9.9' };
    write('shadow/county-bureau', JSON.stringify(v2));
    const result = await yuqing(['check', 'county-bureau', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).plan.version).toBe('9.9.9');
    // Where no such file exists, the bundled plan.
    expect(JSON.parse((await yuqing(['check', 'county-bureau', '--json'], { cwd: tmp })).stdout).plan.version).toBe('1.1.0');
  });

  it('whose file holds a text (a bundled id, a password file) is an error, exit 2, never read as an id', async () => {
    const dir = join(tmp, 'texts');
    write('texts/hrss', 'hrss\n');
    write('texts/id.json', '"hrss"');
    write('texts/list.yaml', '- hrss\n');
    write('texts/passwd', passwd);
    for (const [file, kind] of [['hrss', 'a text'], ['id.json', 'a text'], ['list.yaml', 'a list of 1'], ['passwd', 'a text']] as const) {
      for (const command of [['check', file], ['verify', file], ['decide', file, '-i', incidentFile], ['audit', file, '-i', incidentFile, '-n', '2026-03-02T21:00:00+08:00']]) {
        const result = await yuqing(command, { cwd: dir });
        expect(result.code, `${command.join(' ')}`).toBe(2);
        expect(result.stderr).toContain(`does not hold a plan: its content is ${kind}, not a map of fields`);
        expect(all(result)).not.toMatch(/root:x|S3CRET|hrss 1\./);
      }
    }
    const json = await yuqing(['check', 'passwd', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout).error).toMatchObject({ name: 'CliError', issues: [] });
  });
});

describe('no command prints a file that is not a plan, an incident or a scenario file', () => {
  const passwdFile = write('etc/passwd', passwd);
  const passwdJson = write('etc/passwd.json', passwd);

  it('as an incident, a scenario file or a calendar', async () => {
    const scenarios = write('etc-scenarios/passwd.scenarios.yaml', passwd);
    const results = [
      await yuqing(['decide', 'county-bureau', '-i', passwdFile]),
      await yuqing(['decide', 'county-bureau', '-i', passwdFile, '--json']),
      await yuqing(['audit', 'county-bureau', '-i', passwdJson, '-n', '2026-03-02T21:00:00+08:00']),
      await yuqing(['test', scenarios]),
      await yuqing(['test', scenarios, '--json']),
      await yuqing(['check', 'county-bureau', '--calendar', passwdFile]),
    ];
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(all(result)).not.toMatch(/root:x|S3CRET|bash/);
    }
    expect(results[0]?.stderr).toContain('does not hold an incident: its content is a text');
    expect(results[3]?.stdout).toContain('does not hold a scenario file: its content is a text');
    expect(results[5]?.stderr).toContain('does not hold a calendar: its content is a text');
  });

  it('nor the text V8 quotes around a JSON syntax error: the token only, escaped', async () => {
    const result = await yuqing(['check', passwdJson]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("invalid JSON: Unexpected token 'r'");
    expect(result.stdout).not.toMatch(/root:x|S3CRET/);
    const escape = write('etc/escape.json', `\u001b]0;title\u0007${SECRET}`);
    const shown = await yuqing(['check', escape, '--json']);
    expect(JSON.parse(shown.stdout).issues[0].message).toBe("invalid JSON: Unexpected token '\\u{1b}'");
    expect(shown.stdout).not.toContain(SECRET);
  });

  it('nor any text a YAML error quotes: only its place and our own words for its kind', () => {
    const issues = (text: string): string[] => {
      try {
        parseDocument(text, 'x.yaml');
      } catch (error) {
        return (error as DocumentSyntaxError).issues.map((i) => i.message);
      }
      throw new Error('parsed');
    };
    // The yaml package quotes the rest of a block header, a tag, an omap key, a version, a token: none is shown.
    expect(issues(`password: |${SECRET}\n  x\n`)[0]).toBe('invalid YAML at line 1, column 12: an unexpected token');
    expect(issues(`password: |${SECRET}\n  x\n`).join('\n')).not.toContain('S3CRET');
    expect(issues(`token: !${SECRET}!x 1\n`)).toEqual(['invalid YAML at line 1, column 8: a tag that cannot be resolved']);
    expect(issues(`%YAML 1.1\n---\na: !!omap [ {${SECRET}: 1}, {${SECRET}: 2} ]\n`).join('\n')).not.toContain(SECRET);
    expect(issues(`%YAML 1.3${SECRET}\n---\na: 1\n`)).toEqual(['invalid YAML at line 1, column 7: a directive (%YAML, %TAG) that is not supported']);
    expect(issues(`a: 1\n]${SECRET}${SECRET}`).join('\n')).not.toContain('S3CRET');
    expect(issues('- a\nb: 1\n')).toEqual(['invalid YAML at line 2, column 1: an unexpected token', 'invalid YAML at line 2, column 2: an unexpected token', 'invalid YAML at line 2, column 4: an unexpected token']);
    expect(issues('id: a\nid: b\n')).toEqual(['invalid YAML at line 2, column 1: a key appears twice in the same map (keys must be unique)']);
  });

  it('nor a long received value: cut to 40 characters; a received list or map only described', async () => {
    const long = `${SECRET}-${'x'.repeat(200)}`;
    const plan = { ...structuredClone(countyBureau), version: long, title: { text: SECRET } };
    const file = write('etc/long.json', plan);
    const text = await yuqing(['check', file]);
    const json = await yuqing(['check', file, '--json']);
    expect(text.code).toBe(1);
    expect(json.code).toBe(1);
    expect(text.stdout).not.toContain('x'.repeat(41));
    expect(json.stdout).not.toContain('x'.repeat(41));
    expect(json.stdout).not.toContain(`"text": "${SECRET}"`);
    const issues = JSON.parse(json.stdout).issues as { path: string[]; received?: unknown }[];
    expect(issues.find((i) => i.path[0] === 'version')?.received).toBe(`${long.slice(0, 40)}…`);
    expect(issues.find((i) => i.path[0] === 'title')?.received).toBe('(a map)');
  });
});

describe('a map that is not a plan, an incident, a scenario file or a calendar is refused without a word of it', () => {
  const HUNTER = 'hunter2-S3CRET';
  const API = 'sk-live-0123456789abcdef';
  const dir = join(tmp, 'secrets');
  const json = write('secrets/secrets.json', { db_password: HUNTER, api_key: API, nested: { token: HUNTER } });
  const yaml = write('secrets/config.yaml', `password: ${HUNTER}\napi_key: ${API}\nid: service\nlist: [${HUNTER}]\n`);
  // Keys that some plan, incident or scenario file has, but not the set it is known by.
  const lookalike = write('secrets/lookalike.json', { id: HUNTER, title: API, plan: HUNTER, version: API, events: [HUNTER] });
  write('secrets/dir/secrets.scenarios.yaml', `password: ${HUNTER}\napi_key: ${API}\n`);
  write('secrets/dir/points-at-secrets.scenarios.json', { plan: '../secrets.json', scenarios: [{ name: 'x', clause: 'y', incident, now: '2026-03-02T10:00:00+08:00', expect: {} }] });
  const now = ['-n', '2026-03-02T21:00:00+08:00'];
  const leaks = (r: Result): boolean => [HUNTER, API, 'db_password', 'api_key', 'password', 'token'].some((s) => all(r).includes(s));

  it('for every command and every file it reads, as text or JSON', async () => {
    const commands: string[][] = [];
    for (const file of [json, yaml, lookalike]) {
      commands.push(['check', file], ['verify', file], ['decide', file, '-i', incidentFile], ['audit', file, '-i', incidentFile, ...now]);
      commands.push(['decide', 'county-bureau', '-i', file], ['audit', 'county-bureau', '-i', file, ...now]);
      commands.push(['diff', file, 'county-bureau'], ['diff', 'county-bureau', file], ['diff', 'county-bureau', 'county-bureau', '-s', file]);
      commands.push(['test', file], ['mutate', file]);
      for (const command of ['check', 'verify']) commands.push([command, 'county-bureau', '--calendar', file]);
      commands.push(['decide', 'county-bureau', '-i', incidentFile, '--calendar', file], ['test', join(dir, 'dir'), '--calendar', file]);
    }
    commands.push(['test', join(dir, 'dir')], ['mutate', join(dir, 'dir')], ['diff', 'county-bureau', 'county-bureau', '-s', join(dir, 'dir')]);
    for (const command of commands) {
      for (const args of [command, [...command, '--json']]) {
        const result = await yuqing(args, { cwd: dir });
        expect(result.code, args.join(' ')).toBe(2);
        expect(leaks(result), `${args.join(' ')}\n${all(result)}`).toBe(false);
        expect(all(result), args.join(' ')).toMatch(/does not hold (a plan|an incident|a scenario file|a calendar): /);
      }
    }
  });

  it('naming only the fields its kind is known by', async () => {
    expect((await yuqing(['check', json])).stderr).toBe(`yuqing: plan file ${json} does not hold a plan: a plan has an "id" and "levels", or an "id" and "extends"\n`);
    expect((await yuqing(['decide', 'county-bureau', '-i', yaml])).stderr).toBe(`yuqing: incident file ${yaml} does not hold an incident: an incident has "occurredAt" and "discoveredAt"\n`);
    expect((await yuqing(['test', json])).stdout).toContain(`does not hold a scenario file: a scenario file has "plan" and "scenarios"`);
    expect((await yuqing(['check', 'county-bureau', '--calendar', yaml])).stderr).toBe(`yuqing: calendar file ${yaml} does not hold a calendar: a calendar has "years"\n`);
    const stdin = await yuqing(['decide', 'county-bureau', '-i', '-'], { io: { readStdin: () => `password: ${HUNTER}\n` } });
    expect(stdin).toMatchObject({ code: 2, stderr: 'yuqing: standard input does not hold an incident: an incident has "occurredAt" and "discoveredAt"\n' });
  });

  it('while a real plan, incident, scenario file or calendar still gets every problem, received values cut short', async () => {
    const plan = write('secrets/broken-plan.json', { ...structuredClone(countyBureau), levels: 'none', surplus: 1 });
    const checked = await yuqing(['check', plan, '--json']);
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(expect.arrayContaining(['levels', 'surplus']));
    const extending = write('secrets/extending.yaml', 'id: x\nextends: nowhere\n');
    expect((await yuqing(['check', extending])).stdout).toContain('no template has this id');
    const halfIncident = write('secrets/half-incident.json', { id: 'x', occurredAt: 'yesterday' });
    const decided = await yuqing(['decide', 'county-bureau', '-i', halfIncident, ...now]);
    expect(decided.code).toBe(2);
    expect(decided.stderr).toMatch(/discoveredAt/);
    expect(decided.stderr).toContain('yesterday');
    const calendar = await yuqing(['check', 'county-bureau', '--calendar', write('secrets/cal.json', { years: 2027 })]);
    expect(calendar.code).toBe(1);
    expect(calendar.stdout).toContain('calendar.years: must be a list of years (received 2027');
  });
});

describe('limits before and while parsing', () => {
  it(`refuses a file larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB before parsing it, whether or not the reader stops early`, async () => {
    const huge = `{"id": "${'x'.repeat(MAX_FILE_BYTES)}"}`;
    let asked: number | undefined;
    const ignoring = await yuqing(['decide', 'county-bureau', '-i', 'big.json'], {
      io: {
        readFile: (path, maxBytes) => {
          asked = maxBytes;
          return path.endsWith('big.json') ? huge : readFileSync(path, 'utf8');
        },
      },
    });
    expect(asked).toBe(MAX_FILE_BYTES);
    expect(ignoring.code).toBe(2);
    expect(ignoring.stderr).toBe('yuqing: incident file big.json is larger than 10 MiB, the most yuqing reads\n');
    // Multi-byte text is measured in bytes: 4 MiB of 3-byte characters is too much.
    const wide = await yuqing(['check', 'wide.yaml'], { io: { readFile: () => `id: ${'字'.repeat(4 * 1024 * 1024)}` } });
    // check reports it as the problem found in the file (exit 1); the other commands refuse it (exit 2).
    expect(wide).toMatchObject({ code: 1, stdout: '✗ wide.yaml: plan file wide.yaml is larger than 10 MiB, the most yuqing reads\n' });
    const stopping = await yuqing(['check', 'big.json'], {
      io: {
        readFile: () => {
          throw Object.assign(new Error('too big'), { code: 'EFBIG' });
        },
      },
    });
    expect(stopping).toMatchObject({ code: 1, stdout: '✗ big.json: plan file big.json is larger than 10 MiB, the most yuqing reads\n' });
  });

  it('a billion laughs in a plan, an incident or a scenario file: exit 2 and a clear message, no stack', async () => {
    const plan = write('bomb/plan.yaml', bomb);
    const scenarios = write('bomb/bomb.scenarios.yaml', bomb);
    const results = [await yuqing(['verify', plan]), await yuqing(['decide', 'county-bureau', '-i', plan]), await yuqing(['test', scenarios])];
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(all(result)).toContain(`more than ${DOCUMENT_LIMITS.maxValues} values once aliases are expanded`);
      expect(all(result)).not.toMatch(/internal error| {4}at /);
    }
    expect((await yuqing(['check', plan])).code).toBe(1);
  });

  it('an alias inside its own anchor (a cycle), an undefined alias, too many aliases, a bad merge', () => {
    const issue = (text: string): string => {
      try {
        parseDocument(text, 'x.yaml');
      } catch (error) {
        expect(error).toBeInstanceOf(DocumentSyntaxError);
        return (error as DocumentSyntaxError).issues[0]?.message as string;
      }
      return 'parsed';
    };
    expect(issue('a: &a [1, *a]')).toBe('invalid YAML at line 1, column 11: an alias inside the node it refers to');
    expect(issue('a: 1\nb: *nowhere')).toBe('invalid YAML at line 2, column 4: an alias with no anchor of that name before it');
    const many = ['x: &x 1', ...Array.from({ length: DOCUMENT_LIMITS.maxAliases }, (_, i) => `k${i}: *x`)].join('\n');
    expect(issue(many)).toBe(`invalid YAML: more than ${DOCUMENT_LIMITS.maxAliases} anchors and aliases`);
    expect(issue(many.split('\n').slice(0, -1).join('\n'))).toBe('parsed');
    expect(issue('a: &a 1\nb: { <<: *a }')).toBe('invalid YAML: Merge sources must be maps or map aliases');
    // Aliases and merge keys that stay within the limits work as before, each anchor resolved to the last one before it.
    expect(parseDocument('a: &a { x: 1 }\nb: { <<: *a, y: 2 }\na2: &a 3\nc: *a\nd: [*a, { e: *a }]', 'x.yaml')).toEqual({ a: { x: 1 }, b: { x: 1, y: 2 }, a2: 3, c: 3, d: [3, { e: 3 }] });
    // A chain of merges, each copying the one before, counts every copied value.
    const base = `m0: &m0 { ${Array.from({ length: 2500 }, (_, i) => `b${i}: 1`).join(', ')} }`;
    const chain = (n: number): string => [base, ...Array.from({ length: n }, (_, i) => `m${i + 1}: &m${i + 1} { <<: *m${i}, k${i + 1}: 1 }`)].join('\n');
    expect(issue(chain(450))).toBe(`invalid YAML: more than ${DOCUMENT_LIMITS.maxValues} values once aliases are expanded`);
    // Empty values and an empty document.
    expect(parseDocument('a:\n? b\nc: [ ]\n', 'x.yaml')).toEqual({ a: null, b: null, c: [] });
    expect(parseDocument('', 'x.yaml')).toBeNull();
    expect(parseDocument('12', 'x.json')).toBe(12);
    expect(parseScenarioFile(bomb, 'b.scenarios.yaml').issues[0]?.message).toBe(`invalid YAML: more than ${DOCUMENT_LIMITS.maxValues} values once aliases are expanded`);
  });

  it(`nesting deeper than ${DOCUMENT_LIMITS.maxDepth} is refused in JSON and YAML (flow or block), before the YAML is composed`, async () => {
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(() => parseDocument(deep(101), 'x.json')).toThrow('invalid JSON at line 1, column 101: lists and objects nested more than 100 deep');
    expect(() => parseDocument(deep(100), 'x.json')).not.toThrow();
    expect(() => parseDocument(deep(10_000), 'x.yaml')).toThrow('invalid YAML: lists and maps nested more than 100 deep');
    expect(() => parseDocument(deep(100), 'x.yaml')).not.toThrow();
    expect(() => parseDocument(`${'- '.repeat(101)}x`, 'x.yaml')).toThrow(/nested more than 100 deep/);
    expect(() => parseDocument(Array.from({ length: 101 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 'x.yaml')).toThrow(/nested more than 100 deep/);
    expect(parseDocument('? [a]\n: 1', 'x.yaml')).toEqual({ '[ a ]': 1 });
    const file = write('deep/incident.json', `{"id": ${deep(100_000)}}`);
    const result = await yuqing(['decide', 'county-bureau', '-i', file, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nested more than 100 deep/);
  });

  it(`more than ${DOCUMENT_LIMITS.maxValues} values in JSON`, () => {
    expect(() => parseDocument(`[${'0,'.repeat(DOCUMENT_LIMITS.maxValues)}0]`, 'x.json')).toThrow(`invalid JSON: more than ${DOCUMENT_LIMITS.maxValues} values`);
    expect(() => parseDocument(`[${'0,'.repeat(DOCUMENT_LIMITS.maxValues - 2)}0]`, 'x.json')).not.toThrow();
  });

  // The yaml package spends tens of microseconds a value (and more as documents grow): a 10 MiB YAML of
  // tiny items took over 30 s before its values were counted. These shapes are refused on the lexer's pass.
  it(`a YAML text of more than ${DOCUMENT_LIMITS.maxYamlTokens} tokens or ${DOCUMENT_LIMITS.maxYamlChars} characters is refused before it is parsed`, async () => {
    const tokens = `invalid YAML: more than ${DOCUMENT_LIMITS.maxYamlTokens} tokens (keys, values, indicators, spaces, line breaks); a document this large must be JSON`;
    const chars = `invalid YAML: more than ${DOCUMENT_LIMITS.maxYamlChars} characters; a document this large must be JSON`;
    // Each `- 1` line is four tokens (indicator, space, scalar, line break), the document one more.
    const items = (n: number): string => '- 1\n'.repeat(n);
    expect(() => parseDocument(items(DOCUMENT_LIMITS.maxYamlTokens / 4), 'x.yaml')).toThrow(tokens);
    for (const [name, text, message] of [
      ['tiny.yaml', items(Math.floor(MAX_FILE_BYTES / 4) - 1), chars],
      ['flow.yaml', `[${'1,'.repeat(400_000)}1]`, tokens],
      ['keys.yaml', Array.from({ length: 200_000 }, (_, i) => `k${i}: 1`).join('\n'), chars],
      ['lines.yaml', '# c\n'.repeat(150_000), tokens],
      ['deep.yaml', `${'['.repeat(300_000)}${']'.repeat(300_000)}`, tokens],
      ['string.yaml', `id: "${'x'.repeat(DOCUMENT_LIMITS.maxYamlChars)}"`, chars],
    ] as const) {
      const result = await yuqing(['check', write(`yaml-size/${name}`, text), '--json']);
      expect(result.code, name).toBe(1);
      expect(JSON.parse(result.stdout).issues, name).toEqual([{ path: [], code: 'syntax', message }]);
    }
    // The same shapes as JSON are JSON's business: read natively, within its own limits.
    expect((await yuqing(['check', write('yaml-size/flow.json', `[${'1,'.repeat(400_000)}1]`)])).stderr).toContain('does not hold a plan: its content is a list of 400001');
  });
});

describe('JSON as strict as YAML', () => {
  it('accepts a byte-order mark, in JSON and in YAML', async () => {
    const plan = write('bom/plan.json', `\ufeff${JSON.stringify(countyBureau)}`);
    const inc = write('bom/incident.json', `\ufeff${JSON.stringify(incident)}`);
    expect((await yuqing(['check', plan])).code).toBe(0);
    expect((await yuqing(['decide', plan, '-i', inc, '-n', '2026-03-02T09:40:00+08:00'])).code).toBe(0);
    expect(parseDocument('\ufeffa: 1', 'x.yaml')).toEqual({ a: 1 });
  });

  it('refuses a key twice in one object, with its line, however the key is escaped', async () => {
    expect(() => parseDocument('{\n  "a": 1,\n  "b": { "a": 2 },\n  "\\u0061": 3\n}', 'x.json')).toThrow('x.json: invalid JSON at line 4, column 3: a key appears twice in the same object (keys must be unique)');
    // The same key in different objects, and a key-like text as a value, are fine.
    expect(parseDocument('{"a": "a", "b": [{"a": 1}, {"a": 2}], "c": {"a": "a"}, "d": -1.5e3, "e": [true, false, null], "f": "x\\"y"}', 'x.json')).toEqual({
      a: 'a',
      b: [{ a: 1 }, { a: 2 }],
      c: { a: 'a' },
      d: -1500,
      e: [true, false, null],
      f: 'x"y',
    });
    const inc = write('dup/incident.json', `{\n  "id": "inc-42",\n  "id": "other",\n${JSON.stringify(incident).slice(1)}`);
    const result = await yuqing(['decide', 'county-bureau', '-i', inc]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid JSON at line 3, column 3: a key appears twice');
    const plan = write('dup/plan.json', JSON.stringify(countyBureau).replace('{', '{"id": "x",'));
    expect((await yuqing(['check', plan])).code).toBe(1);
    expect((await yuqing(['check', write('dup/plan.yaml', 'id: a\nid: b\n')])).stdout).toContain('invalid YAML at line 2, column 1: a key appears twice in the same map');
  });
});

describe('--incident - reads standard input', () => {
  it('as JSON or YAML, with the same checks as a file', async () => {
    let asked: number | undefined;
    const stdin = (text: string) => ({
      readStdin: (maxBytes?: number) => {
        asked = maxBytes;
        return text;
      },
    });
    const json = await yuqing(['decide', 'county-bureau', '--incident', '-', '-n', '2026-03-02T09:40:00+08:00', '--json'], { io: stdin(JSON.stringify(incident)) });
    expect(json.code).toBe(0);
    expect(asked).toBe(MAX_FILE_BYTES);
    expect(JSON.parse(json.stdout).obligations.find((o: { id: string }) => o.id === 'report-leading-group').status).toBe('overdue');
    const { stringify } = await import('yaml');
    expect((await yuqing(['audit', 'county-bureau', '-i', '-', '-n', '2026-03-02T21:00:00+08:00'], { io: stdin(stringify(incident)) })).code).toBe(0);
    const text = await yuqing(['decide', 'county-bureau', '-i', '-'], { io: stdin('hrss') });
    expect(text).toMatchObject({ code: 2, stderr: 'yuqing: standard input does not hold an incident: its content is a text, not a map of fields\n' });
    const broken = await yuqing(['decide', 'county-bureau', '-i', '-'], { io: stdin('a: [1, 2\n') });
    expect(broken.stderr).toMatch(/^yuqing: standard input is not valid YAML\n {2}\(root\): invalid YAML at line 2, column 1: /);
    const big = await yuqing(['decide', 'county-bureau', '-i', '-'], { io: { readStdin: () => 'x'.repeat(MAX_FILE_BYTES + 1) } });
    expect(big.stderr).toBe('yuqing: standard input is larger than 10 MiB, the most yuqing reads\n');
  });

  it('exits 2 where the host gives no standard input, and for a file that cannot be read', async () => {
    expect(await yuqing(['decide', 'county-bureau', '-i', '-'])).toMatchObject({ code: 2, stderr: 'yuqing: standard input is not available here\n' });
    const denied = await yuqing(['decide', 'county-bureau', '-i', 'locked.json'], {
      io: {
        readFile: (path) => {
          if (path.endsWith('locked.json')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
          return readFileSync(path, 'utf8');
        },
      },
    });
    expect(denied).toMatchObject({ code: 2, stderr: 'yuqing: cannot read incident file locked.json: EACCES\n' });
    const directory = await yuqing(['decide', 'county-bureau', '-i', 'rules']);
    expect(directory).toMatchObject({ code: 2, stderr: 'yuqing: cannot read incident file rules: it is a directory\n' });
    const odd = await yuqing(['check', 'plan.json'], {
      io: {
        readFile: () => {
          throw new Error('disk on fire');
        },
      },
    });
    expect(odd.stderr).toBe('yuqing: cannot read plan file plan.json: disk on fire\n');
  });
});

describe('the program reads standard input to its end, within the limit, asleep while it waits', () => {
  it('waits on a non-blocking input that has nothing yet (EAGAIN) with a 10 ms sleep per attempt, never a spin', () => {
    const script: (number | 'EAGAIN' | 'EBADF')[] = ['EAGAIN', 'EAGAIN', 'EAGAIN', 3, 'EAGAIN', 0];
    const waits: number[] = [];
    let reads = 0;
    const read = ((_fd: number, buffer: Buffer) => {
      const step = script[reads++];
      if (typeof step === 'string') throw Object.assign(new Error(step), { code: step });
      buffer.write('abc');
      return step as number;
    }) as unknown as typeof import('node:fs').readSync;
    expect(readBounded(0, 10, read, (ms) => waits.push(ms))).toBe('abc');
    expect(reads).toBe(6);
    expect(waits).toEqual([10, 10, 10, 10]);
    // Another error ends the read, as it is.
    reads = 0;
    script.splice(0, script.length, 'EBADF');
    expect(() => readBounded(0, 10, read, () => undefined)).toThrow(expect.objectContaining({ code: 'EBADF' }));
    // An endless input is read no further than the limit and one chunk.
    let chunks = 0;
    const endless = ((_fd: number, buffer: Buffer) => (chunks++, buffer.length)) as unknown as typeof import('node:fs').readSync;
    expect(() => readBounded(0, 100_000, endless)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    expect(chunks).toBe(2);
    // A real file, read to its end.
    const fd = openSync(incidentFile, 'r');
    try {
      expect(JSON.parse(readBounded(fd))).toEqual(incident);
    } finally {
      closeSync(fd);
    }
  });

  const program = ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), '--lang', 'en', 'decide', 'county-bureau', '--incident', '-', '--now', '2026-03-02T09:40:00+08:00', '--json'];

  it.skipIf(process.platform === 'win32')('as a process: from a pipe, one written late, an empty input and a closed one', async () => {
    const piped = spawnSync(process.execPath, program, { cwd: root, input: JSON.stringify(incident), encoding: 'utf8' });
    expect(piped.status, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).incident.id).toBe('inc-42');
    // A writer that takes its time: the program waits for the end of the input, then decides.
    const child = spawn(process.execPath, program, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const text = JSON.stringify(incident);
    child.stdin.write(text.slice(0, 20));
    setTimeout(() => child.stdin.end(text.slice(20)), 1_500);
    expect(await exited, stderr).toBe(0);
    expect(JSON.parse(stdout).incident.id).toBe('inc-42');
    const empty = spawnSync(process.execPath, program, { cwd: root, input: '', encoding: 'utf8' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('yuqing: standard input does not hold an incident: its content is empty, not a map of fields\n');
    const closed = spawnSync('sh', ['-c', `exec "$0" "$@" <&-`, process.execPath, ...program], { cwd: root, encoding: 'utf8' });
    expect(closed.status).toBe(2);
    expect(closed.stderr).toMatch(/^yuqing: (standard input does not hold an incident: its content is empty|cannot read standard input: EBADF)/);
    expect(closed.stderr).not.toMatch(/internal error|\bat /);
  }, 60_000);

  it.skipIf(process.platform === 'win32')('stops quietly when the reader of its output goes away (`yuqing schema | head`)', () => {
    const cut = spawnSync('sh', ['-c', `"$0" "$@" | head -c 1`, process.execPath, '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'schema'], { cwd: root, encoding: 'utf8' });
    expect(cut.stdout).toBe('{');
    expect(cut.stderr).toBe('');
  }, 30_000);
});

describe('output that does not depend on the locale', () => {
  it('orders by code point, not by collation nor by UTF-16 units', () => {
    expect(['b', 'B', 'a', 'ä', '\uff5e', '😀', 'ab'].sort(compareCodePoints)).toEqual(['B', 'a', 'ab', 'b', 'ä', '\uff5e', '😀']);
    expect(compareCodePoints('a', 'a')).toBe(0);
    // UTF-16 order would put the astral character (a surrogate pair, 0xD83D…) before U+FF5E.
    expect(['😀', '\uff5e'].sort()).toEqual(['😀', '\uff5e']);
    // A whole decision (compareDecision checks it), its recipients renamed.
    const real = decide(loadPlan('county-bureau'), incident, { now: '2026-03-02T09:10:00+08:00' });
    const entry = real.notify[0] as Decision['notify'][number];
    const decision: Decision = { ...real, notify: [{ ...entry, id: '😀' }, { ...entry, id: '\uff5e' }] };
    expect(compareDecision(decision, { notify: ['z'] })).toEqual([{ field: 'notify', expected: ['z'], actual: ['\uff5e', '😀'] }]);
  });

  it('runs scenario files in code-point order of their names', async () => {
    const scenario = (name: string) => ({ plan: 'county-bureau', scenarios: [{ name, clause: 'c', incident, now: '2026-03-02T09:10:00+08:00', expect: { level: 'II' } }] });
    write('order/a.scenarios.json', scenario('a'));
    write('order/B.scenarios.json', scenario('B'));
    write('order/ä.scenarios.json', scenario('ä'));
    const result = await yuqing(['test', join(tmp, 'order'), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files.map((f: { file: string }) => f.file.split(/[\\/]/).at(-1))).toEqual(['B.scenarios.json', 'a.scenarios.json', 'ä.scenarios.json']);
  });
});

describe('control and escape sequences from files are neutralised', () => {
  const hostile = `\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil\u202c\u2066x\u2069\u2028end`;
  const plan = { ...structuredClone(countyBureau), id: 'county-bureau', title: `县局预案 ${hostile}` };
  const file = write('ansi/plan.json', plan);

  it('escapeControls writes every control, escape and bidirectional character visibly, and keeps line feeds', () => {
    expect(escapeControls('a\u0000\t\r\u001b\u007f\u0085\u009f\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\nb 中文 ✓')).toBe(
      'a\\u{0}\\u{9}\\u{d}\\u{1b}\\u{7f}\\u{85}\\u{9f}\\u{61c}\\u{200e}\\u{200f}\\u{2028}\\u{2029}\\u{202a}\\u{202e}\\u{2066}\\u{2069}\nb 中文 ✓',
    );
  });

  it('in text output, escaped visibly', async () => {
    const result = await yuqing(['check', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('县局预案 \\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{9b}31m\\u{202e}evil\\u{202c}\\u{2066}x\\u{2069}\\u{2028}end');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters.
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202a-\u202e\u2066-\u2069]/);
  });

  it('in JSON output, JSON-escaped (C1, separators and bidi too), the same text once parsed', async () => {
    const result = await yuqing(['check', file, '--json']);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters.
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202a-\u202e\u2066-\u2069]/);
    expect(result.stdout).toContain('\\u009b31m\\u202eevil');
    expect(JSON.parse(result.stdout).plan.title).toBe(plan.title);
  });

  it('in error messages on stderr, and in names of files', async () => {
    const result = await yuqing(['decide', 'county-bureau', '-i', `${incidentFile}\u001b[31m`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('\\u{1b}[31m');
    expect(result.stderr).not.toContain('\u001b');
    const unknown = await yuqing(['check', 'no-such-\u001b]0;x\u0007plan']);
    // eslint-disable-next-line no-control-regex -- the test looks for control characters.
    expect(unknown.stderr).not.toMatch(/[\u0007\u001b]/);
    const option = await yuqing(['check', '--\u001b[31m']);
    expect(option.code).toBe(2);
    expect(option.stderr).not.toContain('\u001b');
  });
});

describe('--calendar <file>', () => {
  const definition = structuredClone(loadPlan('county-bureau').definition) as { obligations: Record<string, unknown>[] };
  definition.obligations.push({ id: 'evaluate-3wd', step: 'evaluate', title: '三个工作日内评估', responsible: 'office', anchor: 'discoveredAt', offset: 'P3D', workingDays: true, basis: { seed: '002', clause: 'test' } });
  const plan = write('calendar/plan.json', definition);
  const inc2027 = write('calendar/incident.json', { ...incident, id: 'inc-2027', occurredAt: '2027-03-02T08:00:00+08:00', discoveredAt: '2027-03-02T09:00:00+08:00', events: [] });
  const calendar = write('calendar/2027.yaml', 'years:\n  - year: 2027\n    notice: 国务院办公厅关于2027年部分节假日安排的通知\n    holidays: ["2027-01-01"]\n    workdays: []\n');

  it('is read like every file, and refused when it is not a map', async () => {
    expect((await yuqing(['verify', plan, '--calendar', join(tmp, 'calendar/none.json')])).stderr).toBe(`yuqing: cannot read calendar file ${join(tmp, 'calendar/none.json')}: no such file\n`);
    expect((await yuqing(['verify', plan, '--calendar', write('calendar/list.json', '[2027]')])).stderr).toMatch(/calendar file .* does not hold a calendar: its content is a list of 1/);
    for (const command of ['check', 'decide', 'audit', 'test', 'diff', 'verify', 'mutate']) expect((await yuqing([command, '--help'])).stdout, command).toContain('--calendar <file>');
    expect((await yuqing(['schema', '--help'])).stdout).not.toContain('--calendar');
  });

  it('gives a working-day duty in 2027 its due time; without it, the duty says the calendar has no data', async () => {
    const args = ['decide', plan, '-i', inc2027, '-n', '2027-03-02T10:00:00+08:00', '--json'];
    const without = await yuqing(args);
    expect(without.code, without.stderr).toBe(0);
    const bare = JSON.parse(without.stdout);
    expect(bare.obligations.find((o: { id: string }) => o.id === 'evaluate-3wd').dueAt).toBeNull();
    expect(bare.warnings.map((w: { code: string }) => w.code)).toContain('outside-calendar');
    const withCalendar = await yuqing([...args, '--calendar', calendar]);
    expect(withCalendar.code, withCalendar.stderr).toBe(0);
    expect(JSON.parse(withCalendar.stdout).obligations.find((o: { id: string }) => o.id === 'evaluate-3wd').dueAt).toBe('2027-03-06T00:00:00+08:00');
  });
});

describe('red-team round 2: the command line', () => {
  const main = join(root, 'src', 'cli', 'main.ts');
  const now = '2026-03-02T09:10:00+08:00';

  it.skipIf(process.platform === 'win32')('refuses a FIFO as a plan, an incident, a calendar or a scenario file at once (exit 2), never waits on it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuqing-fifo-'));
    mkdirSync(join(dir, 'rules'));
    for (const name of ['hrss', 'inc.json', 'rules/x.scenarios.json']) expect(spawnSync('mkfifo', [join(dir, name)]).status).toBe(0);
    const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const yuqingProcess = (...args: string[]) => spawnSync(process.execPath, ['--import', tsx, main, '--lang', 'en', ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    const cases: [string[], string][] = [
      [['verify', 'hrss'], 'yuqing: plan file hrss is not a regular file\n'],
      [['decide', 'county-bureau', '--incident', 'inc.json', '--now', now], 'yuqing: incident file inc.json is not a regular file\n'],
      [['check', 'county-bureau', '--calendar', 'inc.json'], 'yuqing: calendar file inc.json is not a regular file\n'],
      [['check', '/dev/zero'], 'yuqing: plan file /dev/zero is not a regular file\n'],
    ];
    for (const [args, stderr] of cases) expect(yuqingProcess(...args), args.join(' ')).toMatchObject({ status: 2, signal: null, stderr });
    const scenarios = yuqingProcess('test');
    expect(scenarios).toMatchObject({ status: 2, signal: null });
    expect(scenarios.stdout).toContain('scenario file rules/x.scenarios.json is not a regular file');
  }, 60_000);

  it('maps a reader that refuses a file that is not a regular one (ENOTREG) to "… is not a regular file", exit 2', async () => {
    const fifo = await yuqing(['decide', 'county-bureau', '-i', 'pipe.json'], {
      io: {
        readFile: (path) => {
          if (path.endsWith('pipe.json')) throw Object.assign(new Error('is not a regular file'), { code: 'ENOTREG' });
          return readFileSync(path, 'utf8');
        },
      },
    });
    expect(fifo).toMatchObject({ code: 2, stderr: 'yuqing: incident file pipe.json is not a regular file\n' });
  });

  it('diff refuses a --now that is not a timestamp, and a run where every case fails on both plans (exit 2), never "no decision changed"', async () => {
    expect(await yuqing(['diff', 'hrss', 'county-bureau', '--now', 'garbage'])).toMatchObject({ code: 2, stdout: '', stderr: 'yuqing: --now "garbage" is not a timestamp: expected ISO 8601 with an offset (e.g. 2026-03-02T09:10:00+08:00)\n' });
    const early = await yuqing(['diff', 'hrss', 'county-bureau', '--now', '2026-03-02T08:30:00+08:00']);
    expect(early.code).toBe(2);
    expect(early.stdout).not.toContain('no decision changed');
    expect(early.stderr).toContain('now is before the incident was discovered');
    // The same plan on both sides, at a valid time: nothing changed is still exit 0.
    const same = await yuqing(['diff', 'hrss', 'hrss', '--now', now]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('✓ no decision changed');
  }, 60_000);

  it('--incident - reads standard input as JSON when it starts with { or [ (after a byte-order mark and blanks), so a large JSON incident passes', async () => {
    const events = Array.from({ length: 30_000 }, (_, i) => ({ at: `2026-03-02T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}+08:00`, type: 'monitor' }));
    const big = JSON.stringify({ ...incident, id: 'big', events });
    expect(big.length).toBeLessThan(DOCUMENT_LIMITS.maxYamlChars);
    const stdin = (text: string) => ({ io: { readStdin: () => text } });
    const json = await yuqing(['decide', 'county-bureau', '-i', '-', '-n', '2026-03-02T10:10:00+08:00', '--json'], stdin(`\ufeff \n${big}`));
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).incident.id).toBe('big');
    expect((await yuqing(['decide', 'county-bureau', '-i', '-'], stdin('{"id": 1,'))).stderr).toMatch(/^yuqing: standard input is not valid JSON\n/);
    expect((await yuqing(['decide', 'county-bureau', '-i', '-'], stdin('id: [1\n'))).stderr).toMatch(/^yuqing: standard input is not valid YAML\n/);
  }, 60_000);

  it('text output folds line breaks inside texts from files: no forged lines in audit, check, test or diff', async () => {
    const forged = '\n\nSummary: forged';
    for (const br of ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029']) {
      const inc = write('forge/inc.json', { ...incident, id: `inc-7${br}${forged}` });
      const r = await yuqing(['audit', 'hrss', '-i', inc, '-n', '2026-03-05T09:10:00+08:00']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0], JSON.stringify(br)).toMatch(/Incident: inc-7(?: |\\u\{)/);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('Summary')), JSON.stringify(br)).toHaveLength(1);
      expect(r.stdout).not.toMatch(/[\r\u0085\u2028\u2029]/);
    }
    const plan = write('forge/plan.json', { ...countyBureau, title: `县局预案\n✓ forged: valid` });
    const checked = await yuqing(['check', plan]);
    expect(checked.code, checked.stdout).toBe(0);
    expect(checked.stdout.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(1);
    const scenario = { name: `s\n≠ forged`, clause: 'c', incident, now, expect: { level: 'II' } };
    const dir = join(tmp, 'forge-rules');
    write('forge-rules/a.scenarios.json', { plan: 'county-bureau', scenarios: [scenario] });
    const diff = await yuqing(['diff', 'county-bureau', 'hrss', '--scenarios', dir, '--no-generated'], { cwd: tmp });
    expect(diff.stdout).toContain('≠ forge-rules/a.scenarios.json: s ≠ forged');
    expect(diff.stdout).not.toMatch(/^≠ forged/m);
  }, 60_000);

  it('check reports a file past the 10 MiB limit as the problem found in it: exit 1, like the other limits', async () => {
    const big = await yuqing(['check', 'big.json'], { io: { readFile: () => `{"id":"${'a'.repeat(MAX_FILE_BYTES)}"}` } });
    expect(big).toMatchObject({ code: 1, stdout: '✗ big.json: plan file big.json is larger than 10 MiB, the most yuqing reads\n' });
    const json = await yuqing(['check', 'big.json', '--json'], { io: { readFile: () => `{"id":"${'a'.repeat(MAX_FILE_BYTES)}"}` } });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, issues: [{ code: 'limit', message: 'plan file big.json is larger than 10 MiB, the most yuqing reads' }] });
    // Other commands still call it bad input.
    expect((await yuqing(['verify', 'big.json'], { io: { readFile: () => 'x'.repeat(MAX_FILE_BYTES + 1) } })).code).toBe(2);
  });

  it('refuses JSON nested too deep before JSON.parse builds any of it; brackets inside strings do not count; an unterminated string ends the scan', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const n = 100_000;
      expect(() => parseDocument(`${'['.repeat(n)}${']'.repeat(n)}`, 'x.json')).toThrow('invalid JSON at line 1, column 101: lists and objects nested more than 100 deep');
      expect(() => parseDocument(`{"a":${'['.repeat(n)}`, 'x.json')).toThrow('invalid JSON at line 1, column 105: lists and objects nested more than 100 deep');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    const brackets = `{"a": "${'[{'.repeat(200)}\\\\\\"${'['.repeat(200)}", "b": ${'['.repeat(99)}${']'.repeat(99)}}`;
    expect(parseDocument(brackets, 'x.json')).toMatchObject({ a: `${'[{'.repeat(200)}\\"${'['.repeat(200)}` });
    expect(() => parseDocument(`["${'['.repeat(200)}`, 'x.json')).toThrow(/^x\.json: invalid JSON/);
    expect(() => parseDocument(`["${'['.repeat(200)}`, 'x.json')).not.toThrow(/nested/);
  });

  it.skipIf(!existsSync('/dev/full'))('ends quietly with exit 1 when its output cannot be written (ENOSPC on /dev/full): no stack', () => {
    const full = spawnSync('sh', ['-c', `exec "$0" "$@" > /dev/full`, process.execPath, '--import', 'tsx', main, 'schema'], { cwd: root, encoding: 'utf8' });
    expect(full.status).toBe(1);
    expect(full.stderr).toBe('');
  }, 30_000);
});
