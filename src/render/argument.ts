import type { z } from 'zod';
import { formatPath, fromZodIssues, inEnglish, parseWith, PlanError, type Issue } from '../model/errors.js';
import { isRevoked, scanUntrusted, type InputLimits } from '../model/untrusted.js';
import { compiledOf } from '../plans/load.js';
import type { CompiledPlan } from '../plans/compile.js';

/** Bounds for data the library made and is handed back (a decision, an audit, a scenario file): its shape is checked, so only cycles and runaway nesting are bounded. */
const ARGUMENT_LIMITS: InputLimits = { maxDepth: 64, maxNodes: Number.MAX_SAFE_INTEGER, maxStringLength: Number.MAX_SAFE_INTEGER };

/** An argument of a public function that cannot be used: PlanError with each issue (the argument's name first in its path). */
export function invalidArgument(issues: Issue[]): never {
  throw new PlanError(issues, 'INVALID_OPTION', 'Invalid argument');
}

/** A value as an issue shows it: a revoked Proxy, which throws on every look, as words. */
export const received = (value: unknown): unknown => (value !== null && typeof value === 'object' && isRevoked(value) ? '(a revoked Proxy)' : value);

/**
 * Checks a data argument against its schema. `scan`: plain data first, all through (no Proxy, cycle or
 * class instance), for what the library made (a decision, an audit, a plan definition). Without it, for
 * what holds the caller's incidents as they are (a scenario, a case), only what the schema reads is read,
 * and a revoked Proxy there (the engine's TypeError) is said so.
 */
export function checkData(schema: z.ZodType, value: unknown, name: string | (string | number)[], scan = true): void {
  const at = typeof name === 'string' ? [name] : name;
  const unsafe = scan ? scanUntrusted(value, ARGUMENT_LIMITS) : [];
  if (unsafe.length > 0) invalidArgument(unsafe.map((issue) => ({ ...issue, path: [...at, ...issue.path] })));
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(schema, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    parsed = { success: false, issues: [] };
  }
  if (parsed.success) return;
  const issues = fromZodIssues(value, parsed.issues, at);
  invalidArgument(issues.length > 0 ? issues : [{ path: at, code: 'invalid_type', message: `${formatPath(at)} holds an object that cannot be read`, received: received(value), expected: 'plain objects and arrays (no revoked Proxy)' }]);
}

/** The compiled form of a plan argument other than `plan` (`before`, `after` …): PlanError naming it for anything loadPlan did not make. */
export function planArgument(value: unknown, name: string | (string | number)[]): CompiledPlan {
  try {
    return compiledOf(value);
  } catch (error) {
    const issue = inEnglish((error as PlanError).issues[0] as Issue);
    throw new PlanError([{ ...issue, path: typeof name === 'string' ? [name] : name, received: received(value) }]);
  }
}

/** An options argument: undefined (none) or an object, read as it is (its fields may be functions and plans); PlanError naming it for anything else. */
export function optionsArgument(value: unknown, name: string, example: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || isRevoked(value) || Array.isArray(value)) {
    invalidArgument([{ path: [name], code: 'invalid_type', message: `${name} must be an object`, received: received(value), expected: `an object such as ${example}` }]);
  }
  return value as Record<string, unknown>;
}

/** Checks a field of an options argument: a value that passes `test`, or (unless `required`) undefined. */
export function checkOption(options: Record<string, unknown>, path: (string | number)[], test: (value: unknown) => boolean, expected: string, required = false): void {
  const value = options[path[path.length - 1] as string];
  if ((value !== undefined || required) && !test(value)) invalidArgument([{ path, code: 'invalid_type', message: `not a valid ${String(path[path.length - 1])}`, received: received(value), expected }]);
}

/** Checks a text argument: PlanError naming it for anything but a string. */
export function textArgument(value: unknown, name: string, expected: string): void {
  if (typeof value !== 'string') invalidArgument([{ path: [name], code: 'invalid_type', message: `${name} must be a text`, received: received(value), expected }]);
}
