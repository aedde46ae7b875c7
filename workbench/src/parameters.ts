// A plan's blanks (declared `parameters`, src/plans/parameters.ts) as the page's form sees them (pure): the fields, what each expects, the values to load with.

/** An issue of the library's errors (PlanError.issues), as far as the form reads it. */
export interface ParameterIssue {
  path: (string | number)[];
  message: string;
  [key: string]: unknown;
}

/** One blank of a plan, as its file declares it. */
export interface ParameterField {
  id: string;
  type: 'number' | 'text';
  /** What the blank is, in the plan's words (e.g. 重大突发事件电话报告时限（事件发生后[X]分钟内）). */
  name: string;
  unit?: string;
  min?: number;
  max?: number;
  integer: boolean;
  optional: boolean;
  /** What `{{id}}` becomes when an optional blank stays open. */
  placeholder: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The blanks a plan file declares, in its order; entries without a text id and name are left to the library's own check. */
export function declaredParameters(definition: unknown): ParameterField[] {
  const list = isObject(definition) && Array.isArray(definition.parameters) ? definition.parameters : [];
  const seen = new Set<string>();
  const fields: ParameterField[] = [];
  for (const raw of list) {
    if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '' || seen.has(raw.id)) continue;
    seen.add(raw.id);
    const min = finite(raw.min);
    const max = finite(raw.max);
    fields.push({
      id: raw.id,
      type: raw.type === 'text' ? 'text' : 'number',
      name: typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name : raw.id,
      ...(typeof raw.unit === 'string' ? { unit: raw.unit } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      integer: raw.integer !== false,
      optional: raw.optional === true,
      placeholder: typeof raw.placeholder === 'string' ? raw.placeholder : '[X]',
    });
  }
  return fields;
}

const UNITS: Readonly<Record<string, string>> = { minutes: '分钟', hours: '小时', days: '天' };

/** What a blank expects, in words: `整数，不小于 1（分钟）`, `文本，至多 100 个字符`; an optional one says what it reads as when left empty. */
export function expectsText(field: ParameterField): string {
  let text: string;
  if (field.type === 'text') text = '文本，至多 100 个字符';
  else {
    const bounds = [field.min !== undefined ? `不小于 ${field.min}` : '', field.max !== undefined ? `不大于 ${field.max}` : ''].filter((b) => b !== '');
    const unit = field.unit === undefined ? '' : `（${UNITS[field.unit] ?? field.unit}）`;
    text = `${field.integer ? '整数' : '数字'}${bounds.length > 0 ? `，${bounds.join('且')}` : ''}${unit}`;
  }
  return field.optional ? `${text}；可留空（留空时写作“${field.placeholder}”）` : text;
}

/** The form's entries as `loadPlan`'s `parameters`: every non-empty entry of a declared blank, trimmed, as typed (the library reads and checks numbers). */
export function parameterValues(fields: readonly ParameterField[], entered: ReadonlyMap<string, string>): Record<string, string> {
  const values: [string, string][] = [];
  for (const field of fields) {
    const text = entered.get(field.id)?.trim() ?? '';
    if (text !== '') values.push([field.id, text]);
  }
  return Object.fromEntries(values);
}

/** A loaded plan's values (or a scenario file's) as the form's entries: each declared blank, empty when it has none. */
export function enteredFrom(fields: readonly ParameterField[], values: unknown): Map<string, string> {
  const given = isObject(values) ? values : {};
  return new Map(fields.map((field) => {
    const value = Object.prototype.hasOwnProperty.call(given, field.id) ? given[field.id] : undefined;
    return [field.id, typeof value === 'string' || typeof value === 'number' ? String(value) : ''];
  }));
}

/** Whether two sets of values are the same (the form's values against a scenario file's). */
export function sameValues(fields: readonly ParameterField[], a: unknown, b: unknown): boolean {
  const x = enteredFrom(fields, a);
  const y = enteredFrom(fields, b);
  return fields.every((field) => x.get(field.id)!.trim() === y.get(field.id)!.trim());
}

/**
 * An error's issues about the form's blanks (path `parameters.<id>` of a declared blank), by blank; null
 * when the error has other issues too (or none): then it is not the form's to show.
 */
export function parameterIssues(error: unknown, fields: readonly ParameterField[]): Map<string, ParameterIssue[]> | null {
  const issues = error instanceof Error ? (error as { issues?: unknown }).issues : undefined;
  if (!Array.isArray(issues) || issues.length === 0) return null;
  const ids = new Set(fields.map((f) => f.id));
  const byId = new Map<string, ParameterIssue[]>();
  for (const issue of issues as ParameterIssue[]) {
    const path = Array.isArray(issue?.path) ? issue.path : [];
    const id = path[1];
    if (path.length !== 2 || path[0] !== 'parameters' || typeof id !== 'string' || !ids.has(id)) return null;
    byId.set(id, [...(byId.get(id) ?? []), issue]);
  }
  return byId;
}
