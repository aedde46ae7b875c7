import { z } from 'zod';
import { isRevoked } from './untrusted.js';
import { built, once } from './lazy.js';

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

/** Renders a path as `events[2].at`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

function show(value: unknown): string {
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return unreadable(value);
  }
}

/** What a value that cannot be written as JSON is: its tag, or a word for a revoked Proxy, which throws even there. */
function unreadable(value: unknown): string {
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return '(an object that cannot be read: a revoked Proxy?)';
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

/** The one printer of issues: a line each, `path: message (received …; expected …)`. Anything but a list of issues is a PlanError naming `issues`. */
export function formatIssues(issues: readonly Issue[]): string {
  const problem = issueListProblem(issues);
  if (problem) throw new PlanError([problem], 'INVALID_OPTION', 'Invalid argument');
  return issues
    .map((issue) => {
      const extra: string[] = [];
      if ('received' in issue) extra.push(`received ${show(issue.received)}`);
      if (issue.expected) extra.push(`expected ${issue.expected}`);
      return `${formatPath(issue.path)}: ${issue.message}${extra.length ? ` (${extra.join('; ')})` : ''}`;
    })
    .join('\n');
}

abstract class PlaybookError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[];
  constructor(name: string, summary: string, code: ErrorCode, issues: Issue[]) {
    super(`${summary}\n${formatIssues(issues)}`);
    // Defined, not assigned: assigning fails where a host froze Error.prototype (SES lockdown, the override mistake).
    Object.defineProperty(this, 'name', { value: name, writable: true, enumerable: true, configurable: true });
    this.code = code;
    this.issues = issues;
  }
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
