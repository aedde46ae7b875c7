import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';

type Path = (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Top-level fields only format 2 has. */
const PLAN_FIELDS = ['facts', 'steps', 'grading', 'kind', 'correspondence', 'above'] as const;
/** Obligation fields only format 2 has (besides an `anchor` that is an object or `levelSet`). */
const OBLIGATION_FIELDS = ['clock', 'soft', 'latest', 'extension', 'after', 'strict', 'approval', 'of', 'every'] as const;
/** Role and recipient fields only format 2 has. */
const PARTY_FIELDS = ['collective', 'members'] as const;
/** Basis fields only format 2 has. */
const BASIS_FIELDS = ['document', 'number'] as const;
/** Subtrees that hold conditions, never a basis: not walked. */
const CONDITION_KEYS = new Set(['conditions', 'when']);

/** What an issue about a format-2 field expects. */
const EXPECTED = '"format": 2 at the top of the file (docs/rule-authoring.md)';

/** Every `basis` object in a plan, with its path (lists of bases are resolved by then: only objects are found). */
export function basesOf(definition: PlanDefinition): { path: Path; basis: Json }[] {
  const found: { path: Path; basis: Json }[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...path, i]));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (CONDITION_KEYS.has(key)) continue;
      if (key === 'basis' && isObject(value)) found.push({ path: [...path, key], basis: value });
      else walk(value, [...path, key]);
    }
  };
  walk(definition, []);
  return found;
}

/**
 * Checks the plan's format against what it uses: a file without `"format": 2` that uses a field of
 * format 2 is refused, each such field named; a plan citing a seed cites its seed in every basis, a plan
 * citing its own document cites no seed. Reads the fields by name, so that it needs no schema of them.
 */
export function validateFormat(definition: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  const plan = definition as unknown as Json;
  const format2 = plan.format === 2;
  const needs = (path: Path, field: string, received: unknown): void => {
    if (!format2) issues.push({ path, code: 'format_2_field', message: `"${field}" is a field of plan format 2`, received, expected: EXPECTED });
  };

  for (const field of PLAN_FIELDS) if (plan[field] !== undefined) needs([field], field, plan[field]);
  const source = plan.source as Json;
  const byDocument = source.document !== undefined;
  if (byDocument) needs(['source', 'document'], 'source.document', source.document);

  (plan.obligations as Json[]).forEach((o, i) => {
    if (isObject(o.anchor) || o.anchor === 'levelSet') needs(['obligations', i, 'anchor'], `anchor: ${JSON.stringify(o.anchor)}`, o.anchor);
    if (o.on === 'breach') needs(['obligations', i, 'on'], 'on: "breach"', o.on);
    for (const field of OBLIGATION_FIELDS) if (o[field] !== undefined) needs(['obligations', i, field], field, o[field]);
  });
  for (const list of ['roles', 'recipients'] as const) {
    (plan[list] as Json[]).forEach((party, i) => {
      for (const field of PARTY_FIELDS) if (party[field] !== undefined) needs([list, i, field], field, party[field]);
    });
  }

  for (const { path, basis } of basesOf(definition)) {
    for (const field of BASIS_FIELDS) if (basis[field] !== undefined) needs([...path, field], `basis.${field}`, basis[field]);
    if (byDocument) {
      if (basis.seed !== undefined) {
        issues.push({ path: [...path, 'seed'], code: 'unexpected_seed', message: 'a plan citing its own document cites its clauses, not a seed', received: basis.seed, expected: 'no "seed": the clause of the document in "source" (or "document" and "number" of another)' });
      }
    } else if (basis.seed === undefined && !(format2 && basis.document !== undefined)) {
      // (A basis naming another document, such as a national rule or a duty a layer brings, cites that document: no seed.)
      issues.push(
        format2
          ? { path, code: 'missing_seed', message: 'a plan citing a seed cites the seed in every basis', received: basis, expected: `a basis with "seed": ${JSON.stringify(source.seed)}` }
          : { path, code: 'format_2_field', message: 'a basis without "seed" is a citation of plan format 2', received: basis, expected: `"seed", or ${EXPECTED} with a "source" citing the plan's own document` },
      );
    }
  }
  return issues;
}

/**
 * The plan with every basis of a plan citing its own document completed with that document's title
 * and number where the basis names none (a seed plan is returned as it is). Returns new objects.
 */
export function withDocumentCitations(definition: PlanDefinition): PlanDefinition {
  const source = definition.source as Json;
  if (source.document === undefined) return definition;
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      const filled = CONDITION_KEYS.has(key) ? value : key === 'basis' && isObject(value) ? citing(value) : fill(value);
      // Defined, not assigned: a declared name is never taken for a prototype.
      Object.defineProperty(out, key, { value: filled, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  // A basis naming a document or a number cites that document; any other cites the plan's.
  const citing = (basis: Json): Json => {
    if (basis.document !== undefined || basis.number !== undefined) return basis;
    return source.number === undefined ? { ...basis, document: source.document } : { ...basis, document: source.document, number: source.number };
  };
  return fill(definition) as PlanDefinition;
}
