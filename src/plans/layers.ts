import { compileCondition } from '../engine/compile.js';
import { conditionDepth, MAX_CONDITION_DEPTH, type Condition, type FactCondition } from '../model/condition.js';
import { PlanError, type Issue } from '../model/errors.js';
import { oneOfNames } from '../model/facts.js';
import type { Above, PlanDefinition } from '../model/plan.js';
import { UNGRADED } from '../decide/grading.js';
import { IndexedList, isObject, own, patchFields } from './resolve.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** A layer a plan is built on, as the loaded plan lists it (`Plan.layers`): `levels` maps each level of the plan to that layer's levels. */
export interface PlanLayer {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly levels: Readonly<Record<string, readonly string[]>>;
}

/** A file loaded with the layers under it: the composed definition, its layers nearest first, and their composed definitions in the same order. */
export interface Layered {
  definition: PlanDefinition;
  layers: PlanLayer[];
  chain: PlanDefinition[];
}

/** At most this many layers above a file: the national, provincial, city and county rules leave room to spare. */
export const MAX_LAYER_DEPTH = 8;

/** The duties a file takes from a layer, removes or restores. */
const DUTY_LISTS = ['obligations', 'recurring'] as const;
type DutyList = (typeof DUTY_LISTS)[number];
/** What a file may change of a layer's items under `above.overrides`. */
const OVERRIDABLE = ['obligations', 'recurring', 'roles', 'recipients'] as const;
type Overridable = (typeof OVERRIDABLE)[number];
/** Lists of the composed plan whose items a layer may bring after this file's own. */
const COMPOSED_LISTS = ['obligations', 'recurring', 'roles', 'recipients', 'steps'] as const;
const FACT_KINDS = ['indicators', 'flags', 'metrics'] as const;

/** A condition that never holds: a layer condition on levels no level of the file maps to. */
const NEVER: Condition = { not: { all: [] } };

/** The longest id (src/model/plan.ts): a layer's named condition copied as `<layer id>-<name>` must fit it. */
const MAX_ID_LENGTH = 64;
/** The most items an `all` may list (src/model/condition.ts). */
const MAX_ALL_ITEMS = 100;

/**
 * A rewritten condition with the never-holding atoms folded away (an `all` with one never holds, an
 * `any` drops them, `not` of one always holds): never deeper than the layer's condition was.
 */
function fold(condition: Condition): Condition {
  if (condition === NEVER) return NEVER;
  if ('all' in condition) {
    const all = condition.all.map(fold);
    return all.includes(NEVER) ? NEVER : { ...condition, all };
  }
  if ('any' in condition) {
    const any = condition.any.map(fold).filter((c) => c !== NEVER);
    return any.length === 0 ? NEVER : { ...condition, any };
  }
  if ('not' in condition) {
    const not = fold(condition.not);
    return not === NEVER ? { all: [] } : { ...condition, not };
  }
  return condition;
}

/** A layer's condition rewritten to the file's levels, folded when the rewriting would nest it deeper than a plan may. */
function rewriteWithin(condition: Condition, step: Step): Condition {
  const rewritten = rewriteCondition(condition, step);
  return conditionDepth(rewritten) > MAX_CONDITION_DEPTH ? fold(rewritten) : rewritten;
}

/** `when` limited to the levels that map to the layer: `{ all: [guard, when] }`, or the guard put first in `when`'s own `all` where wrapping would nest it too deeply (a chain of layers adds one guard each). */
function guarded(guard: Condition, when: Condition | undefined): Condition {
  if (when === undefined) return { all: [guard] };
  const wrapped = { all: [guard, when] };
  if (conditionDepth(wrapped) <= MAX_CONDITION_DEPTH || !('all' in when) || when.all.length >= MAX_ALL_ITEMS) return wrapped;
  return { ...when, all: [guard, ...when.all] };
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A composed plan loaded again (`loadPlan(plan.definition)`, as mutation testing does): `above.composed` says its layer's duties are in it already. */
export function isComposed(file: Json): boolean {
  return isObject(file.above) && file.above.composed === true;
}

/** One step down the chain: how the levels, parties and named conditions of the layer above read in the file below. */
interface Step {
  /** The layer's (composed) definition. */
  upper: PlanDefinition;
  /** Each value of the fact `level` in the file below (its levels, and its ungraded phase when it has one) → the layer's values it stands for. */
  levels: Map<string, readonly string[]>;
  /** The values of the fact `level` in the file below, in order. */
  values: string[];
  /** The rank of each value of `level` in the layer (its ungraded phase after its least severe level). */
  ranks: Map<string, number>;
  /** A role or recipient of the layer → the one of the file below that stands for it. */
  parties: Map<string, string>;
  /** Limits the layer's duties to the levels that map to any of its levels; null when every level does. */
  guard: Condition | null;
}

function stepOf(upper: PlanDefinition, lower: { levels: readonly { id: string }[]; grading?: { ungraded?: unknown } | undefined }, above: Above): Step {
  const levels = new Map<string, readonly string[]>(Object.entries(above.levels));
  const values = lower.levels.map((l) => l.id);
  // The ungraded phase stands for the layer's own ungraded phase, when the layer has one.
  if (lower.grading?.ungraded !== undefined) {
    values.push(UNGRADED);
    levels.set(UNGRADED, upper.grading?.ungraded !== undefined ? [UNGRADED] : []);
  }
  const ranks = new Map(upper.levels.map((l) => [l.id, l.rank]));
  ranks.set(UNGRADED, Math.max(...upper.levels.map((l) => l.rank)) + 1);
  const parties = new Map<string, string>([...Object.entries(above.roles ?? {}), ...Object.entries(above.recipients ?? {})]);
  const mapped = values.filter((v) => (levels.get(v) as readonly string[]).length > 0);
  const guard = mapped.length === values.length ? null : mapped.length === 0 ? NEVER : { fact: 'level', operator: 'in', value: mapped } as FactCondition;
  return { upper, levels, values, ranks, parties, guard };
}

/**
 * A layer's condition read in the file below: each comparison of `level` or `levelRank` becomes the
 * list of the file's levels at which it holds for SOME layer level they map to (none: a condition
 * that never holds); references to the layer's named conditions are renamed `<layer id>-<name>`.
 */
function rewriteCondition(condition: Condition, step: Step): Condition {
  if ('all' in condition) return { ...condition, all: condition.all.map((c) => rewriteCondition(c, step)) };
  if ('any' in condition) return { ...condition, any: condition.any.map((c) => rewriteCondition(c, step)) };
  if ('not' in condition) return { ...condition, not: rewriteCondition(condition.not, step) };
  if ('condition' in condition) return { ...condition, condition: `${step.upper.id}-${condition.condition}` };
  if (condition.fact !== 'level' && condition.fact !== 'levelRank') return condition;
  const holds = compileCondition({ all: [condition] }, new Map());
  const at = step.values.filter((v) => (step.levels.get(v) as readonly string[]).some((level) => holds({ level, levelRank: step.ranks.get(level) })));
  return at.length === 0 ? NEVER : { fact: 'level', operator: 'in', value: at };
}

/** A layer's duty read in the file below: conditions on levels rewritten, parties renamed, the layer it comes from named. */
function rewriteDuty(item: Json, step: Step, list: DutyList): Json {
  const party = (id: string): string => step.parties.get(id) ?? id;
  const out: Json = { ...item, responsible: party(item.responsible as string) };
  if (typeof item.to === 'string') out.to = party(item.to);
  if (isObject(item.approval)) out.approval = { ...item.approval, by: (item.approval.by as string[]).map(party) };
  if (isObject(item.extension) && Array.isArray(item.extension.approvedBy)) out.extension = { ...item.extension, approvedBy: (item.extension.approvedBy as string[]).map(party) };
  if (list === 'obligations') {
    const when = item.when === undefined ? undefined : rewriteWithin(item.when as Condition, step);
    if (step.guard !== null) out.when = guarded(step.guard, when);
    else if (when !== undefined) out.when = when;
  }
  out.layer = item.layer ?? step.upper.id;
  return out;
}

/** The roles and recipients a duty names (in the namespace of the file it is written in). */
function partiesOf(item: Json): string[] {
  const ids = [item.responsible as string];
  if (typeof item.to === 'string') ids.push(item.to);
  if (isObject(item.approval)) ids.push(...(item.approval.by as string[]));
  if (isObject(item.extension) && Array.isArray(item.extension.approvedBy)) ids.push(...(item.extension.approvedBy as string[]));
  return ids;
}

/** Facts the layer declares that the file lacks (by name, whatever their kind), their `setBy` roles renamed. */
function factsFrom(upper: PlanDefinition, lower: PlanDefinition, step: Step): { facts: Json | undefined; names: Set<string> } {
  const ownNames = new Set(FACT_KINDS.flatMap((kind) => Object.keys(lower.facts?.[kind] ?? {})));
  const names = new Set<string>();
  const facts: Json = {};
  for (const kind of FACT_KINDS) {
    const declared: Json = { ...(lower.facts?.[kind] ?? {}) };
    for (const [name, fact] of Object.entries(upper.facts?.[kind] ?? {})) {
      if (ownNames.has(name)) continue;
      names.add(name);
      const setBy = (fact as { setBy?: string[][] }).setBy;
      declared[name] = setBy === undefined ? fact : { ...fact, setBy: setBy.map((all) => all.map((id) => step.parties.get(id) ?? id)) };
    }
    if (Object.keys(declared).length > 0) facts[kind] = declared;
  }
  return { facts: Object.keys(facts).length > 0 ? facts : undefined, names };
}

/** What a composed plan is made of: its definition, and where in it the layer's items are (to tell the author where a problem comes from). */
export interface Composition {
  definition: Json;
  /** An issue the composed definition's validation found, with a path into the file (or `above`) rather than into the composed plan. */
  locate: (issue: Issue) => Issue;
}

/**
 * Builds a file on the layer under it (docs/layers.md): the file's own items with the layer's duties
 * rewritten to its levels, parties and condition names; `above.remove`, `restore` and `overrides`
 * applied; the layer's roles and recipients its duties use, its facts, steps and named conditions added.
 * Returns new objects; the inputs are not changed. Throws PlanError with every problem of `above` found.
 */
export function composeLayer(file: PlanDefinition, layer: Layered): Composition {
  const above = file.above as Above;
  const upper = layer.definition;
  // Only a file of format 2 is composed: a format-1 file is refused here, before the layer's items could be blamed on it.
  if (file.format !== 2) {
    throw new PlanError([{ path: ['above'], code: 'format_2_field', message: '"above" is a field of plan format 2', received: file.format ?? 1, expected: '"format": 2 at the top of the file (docs/rule-authoring.md)' }]);
  }
  const issues: Issue[] = [];
  const add = (path: Path, code: string, message: string, received: unknown, expected: string): void => {
    issues.push({ path, code, message, received, expected });
  };
  const ownLevels = file.levels.map((l) => l.id);
  const upperLevels = upper.levels.map((l) => l.id);
  const ownLevelSet = new Set(ownLevels);
  const upperLevelSet = new Set(upperLevels);

  // The mapping of levels: every level of this file, to levels of the layer.
  for (const id of ownLevels) {
    if (!own(above.levels, id)) add(['above', 'levels'], 'layer_levels', `the level "${id}" of this file is not mapped to the layer's levels`, id, `"${id}": a list of the levels of the layer "${upper.id}" it counts as (${oneOfNames(upperLevels)}), or [] for none`);
  }
  for (const [key, values] of Object.entries(above.levels)) {
    if (!ownLevelSet.has(key)) {
      add(['above', 'levels', key], 'layer_levels', 'not a level of this file', key, oneOfNames(ownLevels));
      continue;
    }
    values.forEach((value, i) => {
      if (!upperLevelSet.has(value)) add(['above', 'levels', key, i], 'layer_levels', `not a level of the layer "${upper.id}"`, value, oneOfNames(upperLevels));
    });
  }
  // Parties: a party of the layer → one of this file of the same kind.
  for (const kind of ['roles', 'recipients'] as const) {
    const upperIds = upper[kind].map((p) => p.id);
    const ownIds = file[kind].map((p) => p.id);
    for (const [from, to] of Object.entries(above[kind] ?? {})) {
      if (!upperIds.includes(from)) add(['above', kind, from], 'layer_party', `the layer "${upper.id}" has no ${kind === 'roles' ? 'role' : 'recipient'} with this id`, from, oneOfNames(upperIds));
      else if (!ownIds.includes(to)) add(['above', kind, from], 'layer_party', `not a ${kind === 'roles' ? 'role' : 'recipient'} of this file`, to, oneOfNames(ownIds));
    }
  }
  if (issues.length > 0) throw new PlanError(issues);

  const step = stepOf(upper, file, above);
  // The layer's duties, rewritten; then removed, restored and overridden by id.
  const duties = new Map<DutyList, IndexedList>();
  for (const list of DUTY_LISTS) duties.set(list, new IndexedList(list, (upper[list] as unknown as Json[]).map((item) => rewriteDuty(item, step, list))));
  const taken = (list: DutyList): IndexedList => duties.get(list) as IndexedList;
  /** "one of …" the ids still in a list, or that there is none. */
  const inForce = (list: IndexedList, kind: string): string => {
    const listed = list.oneOf();
    return listed === 'one of ' ? `none: no ${kind} of the layer "${upper.id}" is left to change here` : listed;
  };
  /** Whether an id was listed before in the same list of `above.remove` / `above.restore` (then an issue naming the first place); `first` holds the places seen. */
  const twice = (what: 'remove' | 'restore', kind: string, first: Map<string, number>, id: string, i: number): boolean => {
    const at = first.get(id);
    if (at === undefined) {
      first.set(id, i);
      return false;
    }
    add(['above', what, kind, i], 'invalid_override', `listed twice (first at above.${what}.${kind}.${at})`, id, 'each id once');
    return true;
  };
  for (const [kind, ids] of Object.entries(above.remove ?? {})) {
    if (!isOneOf(DUTY_LISTS, kind)) {
      add(['above', 'remove', kind], 'invalid_override', 'nothing of this kind can be removed', kind, 'one of obligations, recurring');
      continue;
    }
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      if (twice('remove', kind, first, id, i)) return;
      if (!taken(kind).remove(id)) add(['above', 'remove', kind, i], 'invalid_override', `the layer "${upper.id}" has no ${kind} item with this id`, id, inForce(taken(kind), kind));
    });
  }
  const restored = new Map<DutyList, Json[]>(DUTY_LISTS.map((list) => [list, []]));
  for (const [kind, ids] of Object.entries(above.restore ?? {})) {
    if (!isOneOf(DUTY_LISTS, kind)) {
      add(['above', 'restore', kind], 'invalid_override', 'nothing of this kind can be restored', kind, 'one of obligations, recurring');
      continue;
    }
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      if (twice('restore', kind, first, id, i)) return;
      if ((upper[kind] as { id: string }[]).some((item) => item.id === id)) {
        add(['above', 'restore', kind, i], 'invalid_override', `the layer "${upper.id}" has this duty in force: there is nothing to restore (keep it, or change it under "above.overrides")`, id, `an id of a duty a layer above "${upper.id}" defines and "${upper.id}" removed`);
        return;
      }
      const found = restoreDuty(kind, id, layer, step);
      if (found === null) {
        add(['above', 'restore', kind, i], 'invalid_override', `no layer above "${upper.id}" has a ${kind} item with this id`, id, `an id of a duty a layer above "${upper.id}" defines and "${upper.id}" removed`);
        return;
      }
      (restored.get(kind) as Json[]).push(found);
    });
  }
  const brought = new Map<DutyList, IndexedList>(DUTY_LISTS.map((list) => [list, new IndexedList(list, [...taken(list).toArray(), ...(restored.get(list) as Json[])])]));
  const overrides = above.overrides ?? {};
  const partyPatches: [Overridable, string, unknown][] = [];
  for (const [kind, patches] of Object.entries(overrides)) {
    if (!isOneOf(OVERRIDABLE, kind)) {
      add(['above', 'overrides', kind], 'invalid_override', 'the layer has nothing of this kind to override', kind, `one of ${OVERRIDABLE.join(', ')}`);
      continue;
    }
    for (const [id, patch] of Object.entries(patches)) {
      if (!isObject(patch)) {
        add(['above', 'overrides', kind, id], 'invalid_override', 'must be an object of the fields that change', patch, 'an object');
        continue;
      }
      const fixed = ['id', 'layer'].find((field) => own(patch, field));
      if (fixed !== undefined) {
        add(['above', 'overrides', kind, id, fixed], 'invalid_override', `the ${fixed} of a layer's item cannot be changed here`, patch[fixed], `no "${fixed}": remove the item under "above.remove" and define your own`);
        continue;
      }
      if (kind === 'roles' || kind === 'recipients') {
        partyPatches.push([kind, id, patch]);
        continue;
      }
      const list = brought.get(kind) as IndexedList;
      const index = list.indexOf(id);
      if (index < 0) add(['above', 'overrides', kind, id], 'invalid_override', `the layer "${upper.id}" has no ${kind} item in force with this id`, id, inForce(list, kind));
      else list.set(index, patchFields(list.get(index) as Json, patch));
    }
  }

  // `layer` is set by composition: on a file's own duty it would claim a source the duty does not have.
  for (const list of DUTY_LISTS) {
    (file[list] as { layer?: string }[]).forEach((item, i) => {
      if (item.layer !== undefined) add([list, i, 'layer'], 'layer_field', 'set by composition on the duties a layer brings; a duty of this file names no layer', item.layer, 'no "layer"');
    });
  }
  // An own duty with the id of one the layer brings: a clash (remove the layer's first to replace it).
  const layerDuties = DUTY_LISTS.flatMap((list) => (brought.get(list) as IndexedList).toArray() as Json[]);
  const layerIds = new Set(layerDuties.map((d) => d.id as string));
  for (const list of DUTY_LISTS) {
    (file[list] as { id: string }[]).forEach((item, i) => {
      if (layerIds.has(item.id)) {
        add([list, i, 'id'], 'layer_clash', `the layer "${upper.id}" already defines this duty; change it under "above.overrides.${list}", or remove it there first`, item.id, 'a new id');
      }
    });
  }

  // Conditions: the layer's, renamed `<layer id>-<name>` and rewritten to this file's levels.
  const conditions: Json = { ...file.conditions };
  const layerConditions = new Set<string>();
  for (const [name, condition] of Object.entries(upper.conditions)) {
    const renamed = `${upper.id}-${name}`;
    if (own(conditions, renamed)) {
      add(['conditions', renamed], 'layer_clash', `the layer "${upper.id}" brings its condition "${name}" under this name`, renamed, 'another name');
      continue;
    }
    layerConditions.add(renamed);
    if (renamed.length > MAX_ID_LENGTH) {
      add(['above', 'layer'], 'layer_name', `the layer "${upper.id}" brings its condition "${name}" as "${renamed}", longer than an id may be`, renamed, `at most ${MAX_ID_LENGTH} characters for the layer's id, "-" and the condition's name (shorter ids in the layers, or fewer layers)`);
      continue;
    }
    Object.defineProperty(conditions, renamed, { value: rewriteWithin(condition, step), enumerable: true, writable: true, configurable: true });
  }
  const { facts, names: layerFacts } = factsFrom(upper, file, step);
  const ownSteps = new Set((file.steps ?? []).map((s) => s.id));
  const layerSteps = (upper.steps ?? []).filter((s) => !ownSteps.has(s.id));
  const steps = file.steps === undefined && layerSteps.length === 0 ? undefined : [...(file.steps ?? []), ...layerSteps];

  // Roles and recipients: those of the layer that its duties and facts name, unless this file has (or maps) the id.
  const ownParties = new Set([...file.roles, ...file.recipients].map((p) => p.id));
  const sources = [upper, ...layer.chain];
  const definitionOf = (id: string): { kind: 'roles' | 'recipients'; party: Json } | null => {
    for (const source of sources) {
      for (const kind of ['roles', 'recipients'] as const) {
        const party = source[kind].find((p) => p.id === id);
        if (party !== undefined) return { kind, party: party as unknown as Json };
      }
    }
    return null;
  };
  const partyLists = { roles: [] as Json[], recipients: [] as Json[] };
  const wanted = [...layerDuties.flatMap(partiesOf), ...Object.values((facts ?? {}) as Json).flatMap((declared) => Object.entries(declared as Json).filter(([name]) => layerFacts.has(name)).flatMap(([, fact]) => ((fact as { setBy?: string[][] }).setBy ?? []).flat()))];
  const seen = new Set<string>();
  while (wanted.length > 0) {
    const id = wanted.shift() as string;
    if (seen.has(id) || ownParties.has(id)) continue;
    seen.add(id);
    const found = definitionOf(id);
    // An id no layer defines: the validation of the composed plan names it.
    if (found === null) continue;
    const members = found.party.members as string[] | undefined;
    const party = members === undefined ? found.party : { ...found.party, members: members.map((m) => step.parties.get(m) ?? m) };
    if (members !== undefined) wanted.push(...(party.members as string[]));
    partyLists[found.kind].push(party);
  }
  const parties = { roles: new IndexedList('roles', partyLists.roles), recipients: new IndexedList('recipients', partyLists.recipients) };
  for (const [kind, id, patch] of partyPatches) {
    const list = parties[kind as 'roles' | 'recipients'];
    const index = list.indexOf(id);
    if (index < 0) add(['above', 'overrides', kind, id], 'invalid_override', `the composed plan takes no ${kind === 'roles' ? 'role' : 'recipient'} of the layer with this id (one this file defines or maps stands for it; one no duty of the layer names is not taken)`, id, inForce(list, kind === 'roles' ? 'role' : 'recipient'));
    else list.set(index, patchFields(list.get(index) as Json, patch as Json));
  }

  if (issues.length > 0) throw new PlanError(issues);
  const definition: Json = { ...(file as unknown as Json) };
  definition.above = { ...above, composed: true };
  definition.conditions = conditions;
  definition.roles = [...file.roles, ...parties.roles.toArray()];
  definition.recipients = [...file.recipients, ...parties.recipients.toArray()];
  for (const list of DUTY_LISTS) definition[list] = [...file[list], ...(brought.get(list) as IndexedList).toArray()];
  if (facts !== undefined) definition.facts = facts;
  if (steps !== undefined) definition.steps = steps;

  const counts = new Map<string, number>(COMPOSED_LISTS.map((list) => [list, list === 'steps' ? (file.steps ?? []).length : (file[list] as unknown[]).length]));
  const locateIn = (issue: Issue): Issue => {
    const [head, at, field] = issue.path as [string, unknown, unknown];
    const from = (what: string): Issue => ({ ...issue, path: ['above', 'layer'], message: `${what} from the layer "${upper.id}" (${issue.path.join('.')} of the composed plan): ${issue.message}` });
    // A whole list too long: this file's items and the layer's together.
    if (issue.path.length === 1 && counts.has(head) && Array.isArray(definition[head])) {
      const total = (definition[head] as unknown[]).length;
      return { ...issue, path: ['above', 'layer'], received: total, message: `the composed plan has ${total} ${head}: ${counts.get(head) as number} of this file and ${total - (counts.get(head) as number)} from the layer "${upper.id}": ${issue.message}` };
    }
    if (typeof at === 'number' && counts.has(head) && at >= (counts.get(head) as number)) {
      const item = (definition[head] as Json[])[at] as Json;
      // Only the lists that can be overridden are in `overrides` (others were refused above).
      const patches = overrides[head] as Json | undefined;
      const patch = patches !== undefined && own(patches, item.id as string) ? patches[item.id as string] : undefined;
      if (isObject(patch) && own(patch, field as string)) return { ...issue, path: ['above', 'overrides', head, item.id as string, ...issue.path.slice(2)] };
      return from(`${head} "${String(item.id)}"`);
    }
    if (head === 'conditions' && typeof at === 'string' && layerConditions.has(at)) return from(`the condition "${at}"`);
    if (head === 'facts' && typeof issue.path[2] === 'string' && layerFacts.has(issue.path[2])) return from(`the fact "${issue.path[2]}"`);
    return issue;
  };
  return { definition, locate: locateIn };
}

/**
 * A duty a layer in between removed, taken from the nearest layer further up that has it and rewritten
 * through each mapping down to the file; null when no layer up has it.
 */
function restoreDuty(kind: DutyList, id: string, layer: Layered, last: Step): Json | null {
  // layer.chain[k] is the layer under which layer.chain[k - 1] (or, for k = 0, the layer itself) is built.
  const definitions = [layer.definition, ...layer.chain];
  for (let k = 1; k < definitions.length; k++) {
    const source = definitions[k] as PlanDefinition;
    const found = (source[kind] as unknown as Json[]).find((item) => item.id === id);
    if (found === undefined) continue;
    let item = found;
    for (let j = k; j >= 1; j--) {
      const upper = definitions[j] as PlanDefinition;
      const lower = definitions[j - 1] as PlanDefinition;
      item = rewriteDuty(item, stepOf(upper, lower, lower.above as Above), kind);
    }
    return rewriteDuty(item, last, kind);
  }
  return null;
}

/** The layers of a file built on `layer`: that layer with the file's mapping, then each layer further up with the mapping composed through it. */
export function layersOf(above: Above, layer: Layered): PlanLayer[] {
  const levels = new Map(Object.entries(above.levels));
  const record = (entries: [string, readonly string[]][]): Readonly<Record<string, readonly string[]>> => {
    const out: Record<string, readonly string[]> = Object.create(null) as Record<string, readonly string[]>;
    for (const [key, value] of entries) out[key] = Object.freeze([...value]);
    return Object.freeze(out);
  };
  const nearest: PlanLayer = { id: layer.definition.id, version: layer.definition.version, title: layer.definition.title, levels: record([...levels]) };
  const further = layer.layers.map((info) => ({
    ...info,
    // `info.levels` has no prototype, and `m` is a level of the layer below it: a key it has.
    levels: record([...levels].map(([level, mapped]) => [level, [...new Set(mapped.flatMap((m) => info.levels[m] as readonly string[]))]])),
  }));
  return [nearest, ...further].map((info) => Object.freeze(info));
}
