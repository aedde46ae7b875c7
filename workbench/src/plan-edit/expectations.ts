// A scenario file brought in line with a changed plan: each scenario given a new outcome asserts the same fields, with the values the new decision has.
import type { Json } from './thresholds.js';

/** What a scenario's expectations read of a decision (the library's Decision has these fields). */
export interface DecisionLike {
  level: { id: string; source: string };
  lead: { id: string };
  notify: readonly { id: string; dueAt: string | null }[];
  obligations: readonly { id: string; status: string; dueAt: string | null; doneAt: string | null; to?: string | undefined; responsible: { id: string }; kind: string }[];
  next: readonly { id: string }[];
  nextReviewAt: string | null;
  warnings: readonly { code: string }[];
}

/** What deciding a scenario's incident under the changed plan gave: a decision, or an error (its name and issue paths joined with dots). */
export type Outcome = { decision: DecisionLike } | { error: { name: string; paths: string[] } };

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const own = (object: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const sorted = (values: readonly string[]): string[] => [...values].sort();
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An obligation's field as a scenario asserts it: `responsible` by id, a missing field as null. */
function fieldOf(obligation: DecisionLike['obligations'][number], key: string): unknown {
  if (key === 'responsible') return obligation.responsible.id;
  return (obligation as unknown as Record<string, unknown>)[key] ?? null;
}

/**
 * A scenario's `expect` rewritten for an outcome: every field it asserts takes the outcome's value; a
 * field that already holds keeps what is written (a list of recipients in its own order). A duty it
 * expects that no longer arises moves to `absent`; one in `absent` that now arises is expected with its
 * status. An expected error that is now a decision becomes the decision's level and lead. Returns a
 * new object; `expect` is not changed.
 */
export function rewriteExpect(expect: Json, outcome: Outcome): Json {
  if ('error' in outcome) {
    const old = isObject(expect.error) ? expect.error : undefined;
    return { error: { name: outcome.error.name, ...(old === undefined || Array.isArray(old.paths) ? { paths: [...outcome.error.paths] } : {}) } };
  }
  const d = outcome.decision;
  if (own(expect, 'error')) return { level: d.level.id, lead: d.lead.id };
  const out = structuredClone(expect);
  const byId = new Map(d.obligations.map((o) => [o.id, o]));
  if (own(out, 'level')) out.level = d.level.id;
  if (own(out, 'levelSource')) out.levelSource = d.level.source;
  if (own(out, 'lead')) out.lead = d.lead.id;
  const ids = d.notify.map((n) => n.id);
  if (Array.isArray(out.notify)) {
    if (!same(sorted(out.notify as string[]), sorted(ids))) out.notify = ids;
  } else if (isObject(out.notify)) {
    const record = out.notify;
    const holds = same(sorted(Object.keys(record)), sorted(ids)) && d.notify.every((n) => same(record[n.id], n.dueAt));
    if (!holds) out.notify = Object.fromEntries(d.notify.map((n) => [n.id, n.dueAt]));
  }
  const absent = new Set(Array.isArray(out.absent) ? (out.absent as string[]) : []);
  if (isObject(out.obligations)) {
    const expected = out.obligations;
    for (const id of Object.keys(expected)) {
      const obligation = byId.get(id);
      if (!obligation) {
        delete expected[id];
        absent.add(id);
        continue;
      }
      const fields = expected[id];
      if (isObject(fields)) for (const key of Object.keys(fields)) fields[key] = fieldOf(obligation, key);
    }
  }
  for (const id of [...absent]) {
    const obligation = byId.get(id);
    if (!obligation) continue;
    absent.delete(id);
    const expected = isObject(out.obligations) ? out.obligations : (out.obligations = {});
    if (!own(expected as Json, id)) (expected as Json)[id] = { status: obligation.status };
  }
  if (absent.size > 0 || own(out, 'absent')) {
    if (absent.size > 0) out.absent = [...absent];
    else delete out.absent;
  }
  if (own(out, 'next')) out.next = d.next.map((o) => o.id);
  if (own(out, 'nextReviewAt')) out.nextReviewAt = d.nextReviewAt;
  if (Array.isArray(out.warnings)) {
    const codes = d.warnings.map((w) => w.code);
    if (!same(sorted(out.warnings as string[]), sorted(codes))) out.warnings = codes;
  }
  return out;
}

/**
 * A copy of a scenario file with the expectations of the scenarios `outcomeOf` gives an outcome for
 * rewritten (rewriteExpect); the others, and the file given, are left as they are. Also the names of
 * the scenarios whose expectations changed.
 */
export function rewriteScenarioFile(file: unknown, outcomeOf: (scenario: Json, index: number) => Outcome | null): { file: Json; rewritten: string[] } {
  if (!isObject(file) || !Array.isArray(file.scenarios)) throw new Error('场景文件应为含 scenarios 列表的 JSON 对象');
  const copy = structuredClone(file);
  const rewritten: string[] = [];
  (copy.scenarios as unknown[]).forEach((scenario, index) => {
    if (!isObject(scenario) || !isObject(scenario.expect)) return;
    const outcome = outcomeOf(scenario, index);
    if (outcome === null) return;
    const expect = rewriteExpect(scenario.expect, outcome);
    if (same(expect, scenario.expect)) return;
    scenario.expect = expect;
    rewritten.push(String(scenario.name));
  });
  return { file: copy, rewritten };
}
