import { z } from 'zod';
import { isRevoked } from './untrusted.js';
import { built, once } from './lazy.js';
import { isLang, type Lang } from '../i18n/lang.js';
import { translate } from '../i18n/catalog.js';

/** One problem found in a plan or an incident: where, what was found, what was expected. */
export interface Issue {
  path: (string | number)[];
  message: string;
  code: string;
  /** The offending value, when there is one to show (kept as given). */
  received?: unknown;
  /** What would have been accepted, in words. */
  expected?: string;
}

export type ErrorCode =
  | 'INVALID_PLAN'
  | 'UNKNOWN_PLAN'
  | 'MISSING_PARAMETER'
  | 'INVALID_INCIDENT'
  | 'INVALID_OPTION'
  /** No longer raised: a working-day deadline outside the calendar is now a warning on its obligation. Kept so that hosts' code that names it still compiles. */
  | 'OUT_OF_CALENDAR'
  | 'UNSUPPORTED';

/** Renders a path as `events[2].at`; the whole input is `(root)` (zh: `（整体）`). */
export function formatPath(path: readonly (string | number)[], lang: Lang = 'en'): string {
  if (path.length === 0) return lang === 'en' ? '(root)' : '（整体）';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function show(value: unknown, lang: Lang): string {
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? (lang === 'en' ? 'Invalid Date' : '无效日期') : value.toISOString();
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return unreadable(value, lang);
  }
}

/** What a value that cannot be written as JSON is: its tag, or a word for a revoked Proxy, which throws even there. */
function unreadable(value: unknown, lang: Lang): string {
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return lang === 'en' ? '(an object that cannot be read: a revoked Proxy?)' : '（无法读取的对象：已撤销的 Proxy？）';
  }
}

const readable = (value: unknown): boolean => value !== null && typeof value === 'object' && !isRevoked(value);

/** What is wrong with a list of issues given to formatIssues or an error's constructor: the first problem, or null. */
export function issueListProblem(issues: unknown): Issue | null {
  const problem = (path: (string | number)[], value: unknown, expected: string): Issue => ({ path, code: 'invalid_type', message: 'not a list of issues', received: readable(value) || value === null || typeof value !== 'object' ? value : '(a revoked Proxy)', expected });
  if (!readable(issues) || !Array.isArray(issues)) return problem(['issues'], issues, 'an array of issues ({ path, code, message, received?, expected? })');
  // By index: a hole is not an issue either.
  for (let i = 0; i < issues.length; i++) {
    const issue: unknown = issues[i];
    if (!readable(issue)) return problem(['issues', i], issue, 'an issue: an object with path, code and message');
    const { path, message, expected } = issue as Partial<Record<keyof Issue, unknown>>;
    if (!readable(path) || !Array.isArray(path) || !path.every((part) => typeof part === 'string' || typeof part === 'number')) return problem(['issues', i, 'path'], path, 'an array of texts and numbers');
    if (typeof message !== 'string') return problem(['issues', i, 'message'], message, 'a text');
    if (expected !== undefined && typeof expected !== 'string') return problem(['issues', i, 'expected'], expected, 'a text, or nothing');
  }
  return null;
}

/** Where an error and each of its issues keep their English wording (not enumerable: not in JSON, not in `toEqual`). */
const ENGLISH: unique symbol = Symbol('yuqing-playbook.english');

interface EnglishIssue {
  message: string;
  expected?: string;
}

interface EnglishError {
  summary: string;
  issues: Issue[];
  lang: Lang;
}

/** An issue's English wording: kept by the error that localized it, else the text it has (a host's own issue). */
function englishOf(issue: Issue): EnglishIssue {
  const kept = (issue as Issue & { [ENGLISH]?: EnglishIssue })[ENGLISH];
  return kept ?? issue;
}

/** An issue as the library wrote it, in English (a plain copy): what code that re-wraps a caught error's issues reads. */
export function inEnglish(issue: Issue): Issue {
  const { message, expected } = englishOf(issue);
  const copy: Issue = { ...issue, message };
  if (expected === undefined) delete copy.expected;
  else copy.expected = expected;
  return copy;
}

/** A translation that words each distinct text once: one error's issues repeat the same few texts. */
function memoized(): (english: string) => string {
  const seen = new Map<string, string>();
  return (english) => {
    let zh = seen.get(english);
    if (zh === undefined) seen.set(english, (zh = translate(english)));
    return zh;
  };
}

/** An issue in a language: a copy whose message and expected are in it, keeping the English non-enumerably. */
function localizeIssue(issue: Issue, lang: Lang, tr: (english: string) => string): Issue {
  const english = englishOf(issue);
  const copy: Issue = { ...issue, message: lang === 'en' ? english.message : tr(english.message) };
  if (english.expected === undefined) {
    if ('expected' in copy) delete copy.expected;
  } else copy.expected = lang === 'en' ? english.expected : tr(english.expected);
  Object.defineProperty(copy, ENGLISH, { value: english.expected === undefined ? { message: english.message } : { message: english.message, expected: english.expected } });
  return copy;
}

/** The printed line of an issue already in `lang`. */
function lineOf(issue: Issue, lang: Lang): string {
  const extra: string[] = [];
  if (lang === 'en') {
    if ('received' in issue) extra.push(`received ${show(issue.received, lang)}`);
    if (issue.expected) extra.push(`expected ${issue.expected}`);
    return `${formatPath(issue.path, lang)}: ${issue.message}${extra.length ? ` (${extra.join('; ')})` : ''}`;
  }
  if ('received' in issue) extra.push(`收到 ${show(issue.received, lang)}`);
  if (issue.expected) extra.push(`应为 ${issue.expected}`);
  return `${formatPath(issue.path, lang)}：${issue.message}${extra.length ? `（${extra.join('；')}）` : ''}`;
}

/** Reads the `lang` of an options argument of formatIssues: 'zh' when there is none. */
function formatLang(options: unknown): Lang {
  if (options === undefined) return 'zh';
  const problem = (issue: Issue): never => {
    throw new PlanError([issue], 'INVALID_OPTION', 'Invalid argument');
  };
  if (options === null || typeof options !== 'object' || isRevoked(options) || Array.isArray(options)) {
    return problem({ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: readable(options) || options === null || typeof options !== 'object' ? options : '(a revoked Proxy)', expected: 'an object such as { lang: "en" }' });
  }
  const lang = (options as { lang?: unknown }).lang;
  if (lang === undefined) return 'zh';
  return isLang(lang) ? lang : problem({ path: ['lang'], code: 'invalid_option', message: 'not a language', received: lang, expected: '"zh" or "en"' });
}

/**
 * The one printer of issues: a line each, `path：message（收到 …；应为 …）` in Chinese (the default), or
 * `path: message (received …; expected …)` with `{ lang: 'en' }`. Anything but a list of issues, or a
 * `lang` other than "zh" or "en", is a PlanError naming it. A host's own issues print too: text the
 * catalog does not know is printed as given.
 */
export function formatIssues(issues: readonly Issue[], options?: { lang?: Lang }): string {
  const problem = issueListProblem(issues);
  if (problem) throw new PlanError([problem], 'INVALID_OPTION', 'Invalid argument');
  const lang = formatLang(options);
  const tr = memoized();
  return issues.map((issue) => lineOf(localizeIssue(issue, lang, tr), lang)).join('\n');
}

abstract class PlaybookError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  declare readonly [ENGLISH]: EnglishError;
  constructor(name: string, summary: string, code: ErrorCode, issues: Issue[]) {
    const problem = issueListProblem(issues);
    if (problem) throw new PlanError([problem], 'INVALID_OPTION', 'Invalid argument');
    // Chinese by default; `inLanguage` (src/i18n) rethrows in English, from the English kept here.
    const english = issues.map(inEnglish);
    const tr = memoized();
    const localized = english.map((issue) => localizeIssue(issue, 'zh', tr));
    super(`${translate(summary)}\n${localized.map((issue) => lineOf(issue, 'zh')).join('\n')}`);
    // Defined, not assigned: assigning fails where a host froze Error.prototype (SES lockdown, the override mistake).
    Object.defineProperty(this, 'name', { value: name, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(this, ENGLISH, { value: { summary, issues: english, lang: 'zh' } satisfies EnglishError, writable: true, configurable: true });
    this.code = code;
    this.issues = localized;
  }
}

/**
 * The same error in another language (same class, code, paths and received values; message and issues
 * in `lang`): a copy, the error itself is not changed. An error of another kind is returned as it is.
 */
export function localizedError(error: unknown, lang: Lang): unknown {
  if (!(error instanceof PlaybookError)) return error;
  const kept = error[ENGLISH];
  if (kept.lang === lang) return error;
  const tr = memoized();
  const issues = kept.issues.map((issue) => localizeIssue(issue, lang, tr));
  const message = `${lang === 'en' ? kept.summary : translate(kept.summary)}\n${issues.map((issue) => lineOf(issue, lang)).join('\n')}`;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as PlaybookError;
  for (const key of Reflect.ownKeys(error)) Object.defineProperty(copy, key, Reflect.getOwnPropertyDescriptor(error, key) as PropertyDescriptor);
  Object.defineProperty(copy, 'message', { value: message, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(copy, 'issues', { value: issues, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(copy, ENGLISH, { value: { ...kept, lang } satisfies EnglishError, writable: true, configurable: true });
  const stack = Reflect.getOwnPropertyDescriptor(error, 'stack');
  if (stack && typeof stack.value === 'string' && stack.value.startsWith(`${error.name}: ${error.message}`)) {
    Object.defineProperty(copy, 'stack', { ...stack, value: `${error.name}: ${message}${stack.value.slice(error.name.length + 2 + error.message.length)}` });
  }
  return copy;
}

/** A plan (rule file, bundled id or parameters) that cannot be used. */
export class PlanError extends PlaybookError {
  constructor(issues: Issue[], code: ErrorCode = 'INVALID_PLAN', summary = 'Invalid plan') {
    super('PlanError', summary, code, issues);
  }
}

/** An incident or a call option (`now`, `from`, `to`) that cannot be decided on. */
export class IncidentError extends PlaybookError {
  constructor(issues: Issue[], code: ErrorCode = 'INVALID_INCIDENT', summary = 'Invalid incident') {
    super('IncidentError', summary, code, issues);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function expectation(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'an ISO 8601 timestamp with an offset, e.g. 2026-03-02T09:00:00+08:00' : issue.format;
    // Stryker disable next-line ConditionalExpression: other codes expect nothing in words.
    default:
      return undefined;
  }
}

/** zod's English messages, from a copy of its English locale that the host's `z.config()` cannot replace (made on first use: nothing of zod runs at import). */
const english = once(() => z.locales.en().localeError);

/** The issues of a failed check, held without making an Error (zod's ZodError assigns `name`, which fails under a frozen Error.prototype). */
class IssueList {
  constructor(readonly issues: z.core.$ZodIssue[]) {}
}
const checkSafely = once(() => z.core._safeParse(IssueList as unknown as z.core.$ZodErrorClass));

/**
 * Checks input against one of our schemas, as every check of the library does: each issue that a schema
 * does not word itself gets zod's English message from our own copy, so a host's `z.config()` (another
 * locale, or a `customError` that throws or returns anything) never changes or breaks our messages; and
 * no Error is made, so a frozen Error.prototype does not matter.
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): { success: true; data: z.output<T> } | { success: false; issues: z.core.$ZodIssue[] } {
  const result = checkSafely()(built(schema), input, { error: english() });
  return result.success ? { success: true, data: result.data as z.output<T> } : { success: false, issues: (result.error as unknown as IssueList).issues };
}

const deepest = (issues: readonly Issue[]): number => issues.reduce((max, i) => Math.max(max, i.path.length), 0);

/** Turns zod's issues into ours, each with the value found at its path. */
export function fromZodIssues(input: unknown, issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    // Stryker disable next-line ConditionalExpression: our schemas have no symbol keys.
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: [...prefix, ...path, key], code: issue.code, message: `unknown field "${key}"`, expected: 'no other keys' });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Report the branch that came closest: one that takes this kind of value, then the fewest problems,
      // then the deepest one (none: no branch matched the discriminator).
      const at = valueAt(input, path);
      const here = prefix.length + path.length;
      const refusesKind = (branch: Issue[]): number => (branch.some((i) => i.code === 'invalid_type' && i.path.length === here) ? 1 : 0);
      const branches = issue.errors
        .map((branch) => fromZodIssues(at, branch, [...prefix, ...path]))
        .sort(
          (a, b) =>
            refusesKind(a) - refusesKind(b) || a.length - b.length || deepest(b) - deepest(a),
        );
      if (branches[0]) {
        out.push(...branches[0]);
        continue;
      }
    }
    const entry: Issue = { path: [...prefix, ...path], code: issue.code, message: issue.message };
    const received = valueAt(input, path);
    if (received !== undefined || issue.code !== 'invalid_type') entry.received = received;
    const expected = expectation(issue);
    if (expected) entry.expected = expected;
    out.push(entry);
  }
  return out;
}
