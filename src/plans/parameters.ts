import { fromZodIssues, parseWith, type Issue } from '../model/errors.js';
import { ParameterSchema, type Parameter } from '../model/plan.js';
import { isPlainObject, proxyIssues } from '../model/untrusted.js';

type Json = Record<string, unknown>;
export type ParameterValues = Record<string, string | number>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function checkValue(parameter: Parameter, value: unknown): { value?: string | number; problem?: string; expected?: string } {
  if (parameter.type === 'text') {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 100 || value.includes('{{')) {
      return { problem: 'must be a text', expected: 'a non-empty text of at most 100 characters' };
    }
    return { value: value.trim() };
  }
  // A text is read as a number only when it is a plain decimal numeral (not "0x10" or "1e3"); spaces around it are ignored.
  const number = typeof value === 'string' ? (/^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN) : value;
  const range = `${parameter.integer ? 'a whole number' : 'a number'}${parameter.min !== undefined ? ` ≥ ${parameter.min}` : ''}${parameter.max !== undefined ? ` ≤ ${parameter.max}` : ''}${parameter.unit ? ` (${parameter.unit})` : ''}`;
  if (typeof number !== 'number' || !Number.isFinite(number)) return { problem: 'must be a number', expected: range };
  if (parameter.integer && !Number.isInteger(number)) return { problem: 'must be a whole number', expected: range };
  if (parameter.min !== undefined && number < parameter.min) return { problem: 'is too small', expected: range };
  if (parameter.max !== undefined && number > parameter.max) return { problem: 'is too large', expected: range };
  return { value: number };
}

/**
 * Fills the plan's blanks: checks the given values against the declared parameters (every missing
 * one is named) and writes them wherever `{{name}}` stands in the plan's texts and durations.
 */
export function applyParameters(plan: Json, given: unknown): { resolved: Json; values: ParameterValues; issues: Issue[] } {
  const issues: Issue[] = [];
  const values: ParameterValues = {};
  const declaredRaw = Array.isArray(plan.parameters) ? plan.parameters : [];
  const declared: Parameter[] = [];
  declaredRaw.forEach((raw, i) => {
    const parsed = parseWith(ParameterSchema, raw);
    if (parsed.success) declared.push(parsed.data);
    else issues.push(...fromZodIssues(raw, parsed.issues, ['parameters', i]));
  });
  if (issues.length > 0) return { resolved: plan, values, issues };

  if (given !== undefined && !isPlainObject(given)) {
    issues.push({ path: ['options', 'parameters'], code: 'invalid_type', message: 'parameters must be an object of values by name', received: given, expected: 'an object such as { "phoneReportMinutes": 30 }' });
    return { resolved: plan, values, issues };
  }
  // A Proxy reads like the values it wraps, but structuredClone refuses it; other values than texts and numbers are refused below.
  const proxy = given !== undefined && Object.values(given).every((v) => typeof v === 'string' || typeof v === 'number') ? proxyIssues(given, ['parameters']) : [];
  if (proxy.length > 0) return { resolved: plan, values, issues: proxy };
  const supplied = (given ?? {}) as Json;
  const names = declared.map((p) => p.id);
  for (const name of Object.keys(supplied)) {
    if (!names.includes(name)) {
      issues.push({ path: ['parameters', name], code: 'unknown_parameter', message: 'this plan has no such parameter', received: supplied[name], expected: names.length ? `one of ${names.map((n) => JSON.stringify(n)).join(', ')}` : 'no parameters: the plan has no blanks' });
    }
  }
  const texts = new Map<string, string>();
  for (const parameter of declared) {
    // Own values only: `toString` is a parameter id like any other, never a method of Object.prototype.
    const value = Object.prototype.hasOwnProperty.call(supplied, parameter.id) ? supplied[parameter.id] : undefined;
    if (value === undefined) {
      if (parameter.optional) {
        texts.set(parameter.id, parameter.placeholder ?? '[X]');
        continue;
      }
      issues.push({ path: ['parameters', parameter.id], code: 'missing_parameter', message: `missing parameter: ${parameter.name}`, expected: checkValue(parameter, undefined).expected ?? 'a text' });
      continue;
    }
    const checked = checkValue(parameter, value);
    if (checked.value === undefined) {
      issues.push({ path: ['parameters', parameter.id], code: 'invalid_parameter', message: `${parameter.name} ${checked.problem}`, received: value, ...(checked.expected ? { expected: checked.expected } : {}) });
      continue;
    }
    values[parameter.id] = checked.value;
    texts.set(parameter.id, String(checked.value));
  }
  if (issues.length > 0) return { resolved: plan, values, issues };

  const fill = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, name: string) => {
        const text = texts.get(name);
        if (text === undefined) {
          issues.push({ path, code: 'unknown_parameter', message: `"${whole}" names no declared parameter`, received: value, expected: names.length ? `one of ${names.map((n) => `{{${n}}}`).join(', ')}` : 'a declared parameter' });
          return whole;
        }
        return text;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => fill(item, [...path, i]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'parameters' && path.length === 0 ? v : fill(v, [...path, k])]));
    }
    return value;
  };
  const resolved = fill(plan, []) as Json;
  return { resolved, values, issues };
}
