import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { decide, formatIssues, IncidentError, LANGS, loadPlan, PlanError, type Issue, type Lang } from '../src/index.js';
import { translate } from '../src/i18n/catalog.js';
import { ENTRIES } from '../src/i18n/messages.js';
import { inLanguage, langOption, localizedError } from '../src/i18n/errors.js';
import { inEnglish } from '../src/model/errors.js';

// Issue 16: every error text a person reads is Chinese by default, English on request. The library
// writes its messages in English; the catalog (src/i18n/messages.ts) translates them. This file proves
// (a) that every English message, `expected` text and summary written in src/ has a Chinese entry, found
// by reading the source (TypeScript's parser), and zod's own English messages too; (b) Chinese by default
// and English on request through loadPlan, decide (inLanguage) and formatIssues; (c) an invalid `lang`;
// (d) a host's own issues still print.

const REPO = join(import.meta.dirname, '..');

/** The stand-in for a part of a text that the code fills in (a name, an id, a number). */
const SAMPLE = '7';

/** One English text the library writes into an error: where, and every way it can read (each `${…}` replaced by SAMPLE). */
interface Template {
  where: string;
  texts: string[];
}

const WORDED = new Set(['message', 'expected', 'problem']);
const NOT_ISSUES = ['check', 'severity', 'subject', 'field', 'actual', 'index'];
const ZOD_CALLS = new Set(['regex', 'refine', 'superRefine', 'addIssue', 'check']);
const MAX_VARIANTS = 64;

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (!['cli', 'i18n'].includes(entry.name) || root.endsWith('/src') === false) out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

const nameOf = (node: ts.Node): string | undefined => (ts.isIdentifier(node) ? node.text : undefined);

/** Every English text written into an issue or error in src/ (not src/cli, nor the catalog in src/i18n). */
function scanTemplates(repo: string): Template[] {
  const files = sourceFiles(join(repo, 'src')).map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true));
  // Functions by name: the file's own first, else any file's (imported helpers).
  const functions = new Map<ts.SourceFile | 'all', Map<string, Fn>>();
  const constants = new Map<ts.SourceFile, Map<string, ts.Expression>>();
  for (const file of files) {
    const fns = new Map<string, Fn>();
    const consts = new Map<string, ts.Expression>();
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name) fns.set(node.name.text, node);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) fns.set(node.name.text, node.initializer);
        else consts.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    functions.set(file, fns);
    constants.set(file, consts);
    const all = functions.get('all') ?? new Map<string, Fn>();
    for (const [name, fn] of fns) if (!all.has(name)) all.set(name, fn);
    functions.set('all', all);
  }
  const fnNamed = (file: ts.SourceFile, name: string): Fn | undefined => functions.get(file)!.get(name) ?? functions.get('all')!.get(name);

  /** The texts an expression can be: string literals, templates (each `${…}` a SAMPLE unless it is text itself), conditionals, constants and helpers' results. */
  const variants = (node: ts.Expression, file: ts.SourceFile, depth = 0): string[] => {
    if (depth > 6) return [SAMPLE];
    const v = (n: ts.Expression): string[] => variants(n, file, depth + 1);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return v(node.expression);
    if (ts.isConditionalExpression(node)) return [...v(node.whenTrue), ...v(node.whenFalse)];
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return [...new Set([...v(node.left), ...v(node.right)])];
    }
    if (ts.isTemplateExpression(node)) {
      let out = [node.head.text];
      for (const span of node.templateSpans) {
        const parts = v(span.expression);
        out = out.flatMap((start) => parts.map((part) => start + part + span.literal.text)).slice(0, MAX_VARIANTS);
      }
      return out;
    }
    if (ts.isIdentifier(node)) {
      const value = constants.get(file)!.get(node.text);
      return value && !ts.isIdentifier(value) ? v(value) : [SAMPLE];
    }
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) {
      // A table of texts (`YAML_ERRORS[error.code]`): each of them.
      const table = constants.get(file)!.get(node.expression.text);
      if (table && ts.isObjectLiteralExpression(table)) return table.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? v(p.initializer) : []));
      return [SAMPLE];
    }
    if (ts.isCallExpression(node)) {
      const name = nameOf(node.expression);
      const fn = name ? fnNamed(file, name) : undefined;
      // A helper that words the text (`oneOfNames(…)`, `expectation(issue)`, `yamlErrorMessage(…)`): each text it returns.
      const texts = fn ? returns(fn) : [];
      const worded = (r: ts.Expression): boolean => ts.isStringLiteral(r) || ts.isTemplateExpression(r) || ts.isNoSubstitutionTemplateLiteral(r) || (ts.isConditionalExpression(r) && worded(r.whenTrue) && worded(r.whenFalse));
      if (fn && texts.some(worded)) return texts.flatMap((r) => variants(r, fn.getSourceFile(), depth + 1));
      return [SAMPLE];
    }
    return [SAMPLE];
  };
  const returns = (fn: Fn): ts.Expression[] => {
    if (fn.body && !ts.isBlock(fn.body)) return [fn.body];
    const out: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
      if (node === fn || !ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    visit(fn);
    return out;
  };

  const found: Template[] = [];
  const add = (node: ts.Node, expression: ts.Expression, prefix = ''): void => {
    const file = node.getSourceFile();
    const texts = [...new Set(variants(expression, file).map((text) => prefix + text))].filter((text) => /[A-Za-z]{2}/.test(text.replaceAll(SAMPLE, '')));
    if (texts.length === 0) return;
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    found.push({ where: `${relative(repo, file.fileName)}:${line + 1}`, texts });
  };
  const calleeName = (call: ts.CallExpression): string => (ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : '');
  const calleeText = (call: ts.CallExpression): string => call.expression.getText();

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      // An object literal that is an issue (or zod's options of a check): its message, expected and problem.
      if (ts.isObjectLiteralExpression(node)) {
        const keys = node.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : ''));
        const parent = node.parent;
        const call = ts.isCallExpression(parent) ? parent : undefined;
        const isParams = ts.isPropertyAssignment(parent) && nameOf(parent.name) === 'params';
        const issueLike = keys.includes('path') || keys.includes('code') || keys.includes('problem') || isParams || (call !== undefined && ZOD_CALLS.has(calleeName(call)));
        const excluded = keys.some((k) => NOT_ISSUES.includes(k)) || (call !== undefined && /warn|outOfOrder/i.test(calleeText(call)));
        if (issueLike && !excluded) {
          for (const p of node.properties) {
            if (!ts.isPropertyAssignment(p) || !WORDED.has(nameOf(p.name) ?? '')) continue;
            add(p, p.initializer, nameOf(p.name) === 'problem' ? `${SAMPLE} ` : '');
          }
        }
      }
      // A call of a helper that takes a message or expected text: the argument in that place.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const fn = fnNamed(file, node.expression.text);
        fn?.parameters.forEach((param, i) => {
          const arg = node.arguments[i];
          if (arg && WORDED.has(nameOf(param.name) ?? '')) add(arg, arg);
        });
      }
      // The summary of an error.
      if (ts.isNewExpression(node) && /^(PlanError|IncidentError)$/.test(node.expression.getText()) && node.arguments?.[2]) add(node, node.arguments[2]);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}


const CJK = /[\u3400-\u9fff]/;

/** Words of a person's English outside code: quoted texts, `{ … }` and `[ … ]` examples and tokens with digits, dots or slashes are code, as are these names (ids, options, formats) that stay as they are in Chinese. */
const CODE_WORDS = new Set(['ISO', 'JSON', 'YAML', 'IANA', 'Proxy', 'Date', 'Set', 'UI', 'id', 'ids', 'seed', 'camelCase', 'options', 'layers', 'templates', 'parameters', 'incidents', 'files', 'levels', 'now', 'offset', 'discoveredAt', 'occurredAt', 'loadPlan', 'toRaw', 'parse', 'stringify', 'value', 'prototype', 'constructor', 'proto', 'path', 'code', 'message', 'received', 'expected', 'name', 'source', 'incident', 'boolean', 'done', 'total', 'result', 'combinations', 'budget', 'subject', 'facts', 'generateIncidents', 'scenarioCases', 'parseScenarioFile', 'MutationReport', 'score', 'industry', 'bureau', 'YYYY', 'MM', 'DD', 'true', 'false', 'null', 'notify', 'grading', 'ungraded', 'raise', 'rank', 'obligations', 'recurring', 'rules', 'docs', 'md', 'hrss', 'scenarios', 'yaml', 'Asia', 'Shanghai', 'NaN', 'int', 'bigint', 'regex', 'URL', 'e', 'g']);
function words(text: string): string[] {
  const prose = text.replace(/"[^"]*"/g, ' ').replace(/\{[^{}]*\}/g, ' ').replace(/\[[^[\]]*\]/g, ' ').replace(/\S*(?:\d|\/|_|%|\w\.\w|\(\)|[<>=])\S*/g, ' ').replace(/\b[A-Za-z]+(?:-[A-Za-z]+)+\b/g, ' ');
  return [...new Set(prose.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g) ?? [])].filter((w) => !CODE_WORDS.has(w) && w.length > 1);
}

/** The English words of `english` still in its translation (outside quotes and code): none when it is translated. */
function untranslated(english: string, chinese: string): string[] {
  const left = new Set(words(chinese));
  return words(english).filter((w) => left.has(w));
}

describe('(a) every English error text in src/ has a Chinese entry', () => {
  const templates = scanTemplates(REPO);
  const texts = [...new Set(templates.flatMap((t) => t.texts))];

  it('finds the texts where the code writes them (issues, helpers\' arguments, zod checks, summaries)', () => {
    // Known texts from each way of writing one: an object literal, an `add(…)` helper, a zod regex, a nested constant, a summary, a helper's result.
    for (const known of ['not a plan made by loadPlan', 'unknown IANA time zone', 'must be a lower-case id like "leading-group" (or a roman level like "II")', 'a Proxy (e.g. a reactive object of a UI framework) is not plain data', 'Invalid option', 'none: the plan declares none', 'invalid YAML at line 7, column 7: an unexpected token', '7 must be a whole number']) {
      expect(texts).toContain(known);
    }
    expect(templates.length).toBeGreaterThan(400);
  });

  it('translates each one: Chinese characters, no English word of the text left', () => {
    const missing: string[] = [];
    for (const text of texts) {
      const chinese = translate(text);
      if (words(text).length === 0) continue; // code only (`"layer"`, `P1D, P1W …`): nothing to translate
      if (!CJK.test(chinese) || untranslated(text, chinese).length > 0) missing.push(`${text}  →  ${chinese}`);
    }
    expect(missing).toEqual([]);
  });

  it("translates zod's own English messages (its en locale) and the type names in them", () => {
    const en = z.locales.en().localeError as (issue: object) => string | { message: string };
    const say = (issue: object): string => {
      const out = en(issue);
      return typeof out === 'string' ? out : out.message;
    };
    const types = ['string', 'number', 'int', 'boolean', 'bigint', 'symbol', 'undefined', 'object', 'array', 'date', 'function', 'set', 'map', 'file', 'tuple', 'record', 'never'];
    const messages: string[] = [
      ...types.flatMap((expected) => [say({ code: 'invalid_type', expected, input: 3 }), say({ code: 'invalid_type', expected, input: undefined }), say({ code: 'invalid_type', expected, input: [] })]),
      say({ code: 'invalid_value', values: ['a'] }),
      say({ code: 'invalid_value', values: ['a', 'b'] }),
      ...['string', 'array', 'set', 'file', 'number', 'date'].flatMap((origin) => [true, false].flatMap((inclusive) => [say({ code: 'too_big', origin, maximum: 3, inclusive }), say({ code: 'too_small', origin, minimum: 3, inclusive })])),
      ...['starts_with', 'ends_with', 'includes', 'regex', 'datetime', 'date', 'time', 'duration', 'email', 'url'].map((format) => say({ code: 'invalid_format', format, prefix: 'a', suffix: 'b', includes: 'c', pattern: /x/ })),
      say({ code: 'not_multiple_of', divisor: 2 }),
      say({ code: 'unrecognized_keys', keys: ['a'] }),
      say({ code: 'unrecognized_keys', keys: ['a', 'b'] }),
      say({ code: 'invalid_key', origin: 'map' }),
      say({ code: 'invalid_union' }),
      say({ code: 'invalid_element', origin: 'set' }),
      say({ code: 'custom' }),
    ];
    const missing = messages.filter((m) => !CJK.test(translate(m)) || untranslated(m, translate(m)).length > 0).map((m) => `${m}  →  ${translate(m)}`);
    expect(missing).toEqual([]);
    for (const type of types) expect(translate(type)).toMatch(CJK);
  });

  it('is a list of distinct English texts, each with Chinese, and no entry hides one after it', () => {
    const english = ENTRIES.map(([e]) => e);
    expect(new Set(english).size).toBe(english.length);
    for (const [, chinese] of ENTRIES) if (words(chinese).length > 0) expect(chinese).toMatch(CJK);
    // Each entry's own text (placeholders as samples) is translated by that entry or one that words it the same.
    const sample = (text: string) => text.replace(/\{\w+(:t)?\}/g, 'q');
    const hidden = ENTRIES.filter(([e, c]) => translate(sample(e)) !== sample(c).replace(/\{\w+(:t)?\}/g, 'q') && !/\{\w+:t\}/.test(e)).map(([e]) => e);
    expect(hidden).toEqual([]);
  });
});

const planErrorOf = (run: () => unknown): PlanError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
};
const incidentErrorOf = (run: () => unknown): IncidentError => {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentError) return error;
    throw error;
  }
  throw new Error('expected an IncidentError');
};

const NOW = '2026-03-02T09:00:00+08:00';
const badIncident = { id: 'e1', occurredAt: '2026-03-02 09:00', discoveredAt: NOW, indicators: { attention: 'huge' }, events: [] };

describe('(b) Chinese by default, English on request', () => {
  it('loadPlan: its errors in Chinese, or in English with { lang: "en" }; the same paths, codes and values', () => {
    const zh = planErrorOf(() => loadPlan('no-such-plan'));
    const en = planErrorOf(() => loadPlan('no-such-plan', { lang: 'en' }));
    expect(zh.message.split('\n')[0]).toBe('未知预案');
    expect(zh.message).toContain('（整体）：没有此 id 的内置预案或上级规则（收到 "no-such-plan"；应为 以下之一："county-bureau"');
    expect(en.message.split('\n')[0]).toBe('Unknown plan');
    expect(en.message).toContain('(root): no bundled plan or layer has this id (received "no-such-plan"; expected one of "county-bureau"');
    expect(en.issues[0]?.message).toBe('no bundled plan or layer has this id');
    expect(zh.issues[0]?.message).toBe('没有此 id 的内置预案或上级规则');
    for (const key of ['code', 'name'] as const) expect(en[key]).toBe(zh[key]);
    expect(en.issues.map((i) => [i.path, i.code, i.received])).toEqual(zh.issues.map((i) => [i.path, i.code, i.received]));

    const broken = planErrorOf(() => loadPlan({ id: 'x', version: '1', title: 't', unit: 'u', levels: 3 }));
    expect(broken.message).toMatch(/^预案无效\n/);
    expect(broken.issues.find((i) => i.path[0] === 'levels')?.message).toBe('输入无效：应为数组，收到数字');
    expect(broken.issues.find((i) => i.path[0] === 'roles')).toEqual(expect.objectContaining({ message: '缺少此项', expected: '数组' }));
    const english = planErrorOf(() => loadPlan({ id: 'x', version: '1', title: 't', unit: 'u', levels: 3 }, { lang: 'en' }));
    expect(english.issues.find((i) => i.path[0] === 'levels')?.message).toBe('Invalid input: expected array, received number');
    expect(loadPlan('hrss', { lang: 'en' }).id).toBe('hrss');
  });

  it('a layer that does not load: the re-wrapped message reads the English of the inner one, translated whole', () => {
    const province = JSON.parse(readFileSync(join(REPO, 'examples/layers/xx-province.json'), 'utf8')) as { obligations: { offset?: unknown }[] };
    const i = province.obligations.findIndex((o) => typeof o.offset === 'string');
    province.obligations[i]!.offset = 'soon';
    const county = JSON.parse(readFileSync(join(REPO, 'examples/layers/xx-county.json'), 'utf8')) as object;
    const zh = planErrorOf(() => loadPlan(county, { layers: [province] }));
    const en = planErrorOf(() => loadPlan(county, { layers: [province] , lang: 'en' }));
    expect(en.issues[0]?.message).toBe(`the layer "xx-province" does not load: obligations.${i}.offset: not an ISO 8601 duration`);
    expect(zh.issues[0]?.message).toBe(`上级规则 "xx-province" 无法加载：obligations.${i}.offset：不是 ISO 8601 时长`);
    expect(zh.issues[0]?.expected).toMatch(CJK);
    expect(untranslated(en.issues[0]!.message, zh.issues[0]!.message)).toEqual([]);
  });

  it('decide through inLanguage: the same IncidentError in English, or Chinese by default', () => {
    const plan = loadPlan('hrss');
    const zh = incidentErrorOf(() => decide(plan, badIncident, { now: NOW }));
    const en = incidentErrorOf(() => inLanguage('en', () => decide(plan, badIncident, { now: NOW })));
    expect(zh.message.split('\n')[0]).toBe('事件无效');
    expect(en.message.split('\n')[0]).toBe('Invalid incident');
    expect(zh.issues.find((i) => i.path[0] === 'occurredAt')?.message).toBe('应为带时区偏移且日期真实存在的 ISO 8601 时间，例如 2026-03-02T09:00:00+08:00');
    expect(en.issues.find((i) => i.path[0] === 'occurredAt')?.message).toBe('must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00');
    expect(en).toBeInstanceOf(IncidentError);
    expect(en.code).toBe(zh.code);
    expect(en.issues.map((i) => [i.path, i.code, i.received])).toEqual(zh.issues.map((i) => [i.path, i.code, i.received]));
    // The stack names the English message; the error caught is not changed.
    expect(en.stack?.startsWith('IncidentError: Invalid incident\n')).toBe(true);
    expect(zh.message.split('\n')[0]).toBe('事件无效');
    // Back to Chinese, and nothing to do when it is already in the language asked for.
    const back = localizedError(en, 'zh') as IncidentError;
    expect(back.message).toBe(zh.message);
    expect(back.issues).toEqual(zh.issues);
    expect(localizedError(zh, 'zh')).toBe(zh);
    // A stack the host rewrote is kept as it is.
    const rewritten = incidentErrorOf(() => decide(plan, badIncident, { now: NOW }));
    rewritten.stack = 'logged elsewhere';
    expect((localizedError(rewritten, 'en') as IncidentError).stack).toBe('logged elsewhere');
    // Other errors and results pass through.
    const other = new TypeError('x');
    expect(() => inLanguage('en', () => { throw other; })).toThrow(other);
    expect(inLanguage('en', () => 42)).toBe(42);
  });

  it('inLanguage words the rejection of a promise too', async () => {
    const plan = loadPlan('hrss');
    const rejected = inLanguage('en', () => Promise.resolve().then(() => decide(plan, badIncident, { now: NOW })));
    await expect(rejected).rejects.toThrow(/^Invalid incident\n/);
    await expect(inLanguage('en', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('formatIssues: Chinese lines by default, English with { lang: "en" }, for an error\'s issues either way', () => {
    const plan = loadPlan('hrss');
    const error = incidentErrorOf(() => decide(plan, badIncident, { now: NOW }));
    const zh = formatIssues(error.issues);
    const en = formatIssues(error.issues, { lang: 'en' });
    expect(zh).toBe(error.message.split('\n').slice(1).join('\n'));
    expect(en).toContain('occurredAt: must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00 (received "2026-03-02 09:00")');
    expect(zh).toContain('occurredAt：应为带时区偏移且日期真实存在的 ISO 8601 时间，例如 2026-03-02T09:00:00+08:00（收到 "2026-03-02 09:00"）');
    expect(formatIssues(error.issues, { lang: 'zh' })).toBe(zh);
    expect(formatIssues([{ path: [], code: 'c', message: 'input too large', received: 1, expected: 'at most 3 values' }])).toBe('（整体）：输入过大（收到 1；应为 至多 3 个值）');
    expect(formatIssues([{ path: [], code: 'c', message: 'input too large', received: 1, expected: 'at most 3 values' }], { lang: 'en' })).toBe('(root): input too large (received 1; expected at most 3 values)');
    // The English kept by an issue is not enumerable: not in JSON, not in a copy's keys; inEnglish gives it back.
    const issue = error.issues[0] as Issue;
    expect(Object.keys(issue).sort()).toEqual(Object.keys(inEnglish(issue)).sort());
    expect(JSON.stringify(issue)).not.toMatch(/must be an ISO/);
    expect(inEnglish(issue).message).toBe(en.split('\n')[0]!.replace(/^occurredAt: /, '').replace(/ \(received .*$/, ''));
  });

  it('an issue list given to an error is not changed; the error holds Chinese copies', () => {
    const given: Issue[] = [{ path: ['x'], code: 'c', message: 'nested too deeply', expected: 'at most 2 levels' }];
    Object.freeze(given[0]);
    const error = new PlanError(given);
    expect(given[0]).toEqual({ path: ['x'], code: 'c', message: 'nested too deeply', expected: 'at most 2 levels' });
    expect(error.issues).toEqual([{ path: ['x'], code: 'c', message: '嵌套过深', expected: '至多 2 层' }]);
    expect(error.message).toBe('预案无效\nx：嵌套过深（应为 至多 2 层）');
  });
});

describe('(c) an invalid lang', () => {
  it('formatIssues: a PlanError naming lang, its value and the languages', () => {
    for (const lang of ['fr', 'EN', '', null, 1]) {
      const error = planErrorOf(() => formatIssues([], { lang } as unknown as { lang: Lang }));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.issues).toEqual([expect.objectContaining({ path: ['lang'], received: lang, expected: '"zh" 或 "en"' })]);
      expect(formatIssues(error.issues, { lang: 'en' })).toBe(`lang: not a language (received ${JSON.stringify(lang)}; expected "zh" or "en")`);
    }
    for (const options of [null, 'en', [], 3]) {
      expect(planErrorOf(() => formatIssues([], options as unknown as { lang: Lang })).issues).toEqual([expect.objectContaining({ path: ['options'], received: options })]);
    }
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(planErrorOf(() => formatIssues([], proxy)).issues[0]?.received).toBe('(a revoked Proxy)');
    expect(formatIssues([], {})).toBe('');
    expect(formatIssues([], { lang: undefined })).toBe('');
  });

  it('loadPlan: a PlanError naming lang, as for its other options', () => {
    const error = planErrorOf(() => loadPlan('hrss', { lang: 'fr' } as unknown as { lang: Lang }));
    expect(error.code).toBe('INVALID_PLAN');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['lang'], received: 'fr', expected: '"zh" 或 "en"' })]);
  });

  it('langOption: zh when absent, the language given, else an IncidentError INVALID_OPTION naming lang (or the caller\'s own error)', () => {
    expect(langOption(undefined)).toBe('zh');
    expect(langOption({})).toBe('zh');
    expect(langOption({ lang: 'en' })).toBe('en');
    expect(langOption({ lang: 'zh' })).toBe('zh');
    expect(langOption('en')).toBe('zh');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(langOption(proxy)).toBe('zh');
    const error = incidentErrorOf(() => langOption({ lang: 'de' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['lang'], received: 'de', expected: '"zh" 或 "en"', message: '不是支持的语言' })]);
    expect(() => langOption({ lang: 'de' }, (issue) => { throw new PlanError([issue]); })).toThrow(PlanError);
    expect(LANGS).toEqual(['zh', 'en']);
  });
});

describe("(d) a host's own issues", () => {
  it('print as given where the catalog does not know them, in either language, and never throw', () => {
    const issues: Issue[] = [
      { path: ['ticket', 0], code: 'host', message: 'the ticket system says no', received: { a: 1 }, expected: 'something the host accepts' },
      { path: [], code: 'host', message: '主机自己的中文说明' },
      { path: ['x'], code: 'host', message: 'list too long', received: '5 items', expected: 'at most 3 items' },
    ];
    expect(formatIssues(issues).split('\n')).toEqual(['ticket[0]：the ticket system says no（收到 {"a":1}；应为 something the host accepts）', '（整体）：主机自己的中文说明', 'x：列表过长（收到 "5 items"；应为 至多 3 项）']);
    expect(formatIssues(issues, { lang: 'en' }).split('\n')).toEqual(['ticket[0]: the ticket system says no (received {"a":1}; expected something the host accepts)', '(root): 主机自己的中文说明', 'x: list too long (received "5 items"; expected at most 3 items)']);
    const error = new IncidentError(issues);
    expect(error.issues[0]?.message).toBe('the ticket system says no');
    expect((localizedError(error, 'en') as IncidentError).issues[2]?.message).toBe('list too long');
    // Text shaped like a catalog entry but odd inside still prints.
    for (const text of ['', ':', '{x}', 'the layer "" does not load: : ', 'one of ', 'a'.repeat(10_000), '\u0000']) expect(() => formatIssues([{ path: [], code: 'c', message: text, expected: text }])).not.toThrow();
  });

  it('translates nested texts only so deep', () => {
    let text = 'not a list';
    for (let i = 0; i < 12; i++) text = `the layer "l${i}" does not load: a: ${text}`;
    expect(translate(text)).toMatch(/^上级规则 "l11" 无法加载：a：/);
    expect(translate(text)).toContain('does not load');
  });
});

describe('(e) a file that is not JSON', () => {
  const broken = ['{"a": 1,}', '{a:1}', '{"a": 1', '[1 2]', '{"a": "x\u0001"}', '{"a": tru}', '', '{"a":1}}', '{"a": "open', '{"a" 1}'];
  it("reads in Chinese: JSON.parse's own English is translated, with the line and column", async () => {
    const { DocumentSyntaxError, parseDocument } = await import('../src/testing/index.js');
    for (const text of broken) {
      let caught: unknown;
      try {
        parseDocument(text, 'plan.json');
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(DocumentSyntaxError);
      const zh = formatIssues((caught as InstanceType<typeof DocumentSyntaxError>).issues);
      expect(zh, text).toMatch(/^（整体）：JSON 无效/);
      // No English word of JSON.parse's message is left (a quoted character such as '}' may stay).
      expect(zh.replace(/'[^']*'/g, '').replace(/JSON/g, ''), text).not.toMatch(/[A-Za-z]{2,}/);
      const en = formatIssues((caught as InstanceType<typeof DocumentSyntaxError>).issues, { lang: 'en' });
      expect(en, text).toMatch(/^\(root\): invalid JSON/);
    }
  });

  it('keeps the place of the error: line and column in both languages', async () => {
    const { parseDocument } = await import('../src/testing/index.js');
    try {
      parseDocument('{\n  "a": 1,\n}', 'plan.json');
      expect.unreachable();
    } catch (error) {
      const issues = (error as { issues: Issue[] }).issues;
      expect(formatIssues(issues)).toBe('（整体）：JSON 无效（第 3 行第 1 列）：此处应为带双引号的属性名');
      expect(formatIssues(issues, { lang: 'en' })).toMatch(/^\(root\): invalid JSON at line 3, column 1: Expected double-quoted property name/);
    }
  });
});

describe('(f) a blank filled wrongly', () => {
  it("says what the blank expects in Chinese, its unit too; in English with lang 'en'", () => {
    const parameters = { phoneReportMinutes: 'x', writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' };
    const zh = (() => { try { loadPlan('ideology-emergency', { parameters }); } catch (error) { return error as PlanError; } })();
    expect(zh?.issues[0]).toMatchObject({ path: ['parameters', 'phoneReportMinutes'], received: 'x', expected: '不小于 1 的整数（分钟）' });
    const en = (() => { try { loadPlan('ideology-emergency', { parameters, lang: 'en' }); } catch (error) { return error as PlanError; } })();
    expect(en?.issues[0]).toMatchObject({ path: ['parameters', 'phoneReportMinutes'], received: 'x', expected: 'a whole number ≥ 1 (minutes)' });
  });
});
