import type { Issue } from '../model/errors.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Lists of items merged by id when a plan extends a template (escalation entries by level). */
export const MERGED_LISTS = ['levels', 'classification', 'roles', 'recipients', 'escalation', 'obligations', 'recurring', 'parameters'] as const;
type MergedList = (typeof MERGED_LISTS)[number];

const keyOf = (list: MergedList, item: unknown): string | undefined => {
  if (item === null || typeof item !== 'object') return undefined;
  const key = (item as Json)[list === 'escalation' ? 'level' : 'id'];
  return typeof key === 'string' ? key : undefined;
};

export const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export const own = (object: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** At most this many ids are listed in what an issue expected, so that many bad overrides do not make a message per issue as long as the plan. */
const MAX_LISTED = 50;

/** A merged list with its items indexed by id (each id's positions in order), so that a remove or an override finds its item without a scan. */
export class IndexedList {
  private readonly items: unknown[];
  private readonly positions = new Map<string, number[]>();
  private readonly removed = new Set<number>();
  private listed: string | undefined;
  constructor(readonly list: MergedList, items: readonly unknown[]) {
    this.items = [...items];
    this.items.forEach((item, i) => {
      const id = keyOf(list, item);
      if (id === undefined) return;
      const at = this.positions.get(id);
      if (at) at.push(i);
      else this.positions.set(id, [i]);
    });
  }
  /** The position of the first item with this id still in the list, or -1. */
  indexOf(id: string): number {
    const at = this.positions.get(id);
    return at === undefined || at.length === 0 ? -1 : (at[0] as number);
  }
  /** Takes the first item with this id out; false when there is none. */
  remove(id: string): boolean {
    const at = this.positions.get(id);
    if (at === undefined || at.length === 0) return false;
    this.removed.add(at.shift() as number);
    this.listed = undefined;
    return true;
  }
  get(index: number): unknown {
    return this.items[index];
  }
  set(index: number, item: unknown): void {
    this.items[index] = item;
  }
  /** The items still in the list, in order. */
  toArray(): unknown[] {
    return this.removed.size === 0 ? this.items : this.items.filter((_, i) => !this.removed.has(i));
  }
  /** "one of …" naming the ids still in the list (at most MAX_LISTED of them), written once. */
  oneOf(): string {
    if (this.listed === undefined) {
      const ids = this.toArray().map((item) => JSON.stringify(keyOf(this.list, item)));
      this.listed = `one of ${ids.slice(0, MAX_LISTED).join(', ')}${ids.length > MAX_LISTED ? `, … (${ids.length} in all)` : ''}`;
    }
    return this.listed;
  }
}

/** An item with the fields of a patch written over its own: a new object; a null field is removed. */
export function patchFields(item: Json, patch: Json): Json {
  const next: Json = { ...item };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}

/** The keys a plan may use to build on a template; they are gone from the resolved plan. */
const COMPOSITION_KEYS = ['extends', 'overrides', 'remove'];

/**
 * Resolves `extends`: the template's lists with the plan's own items added, `overrides` patched into
 * items by id (a null field removes it), `remove` taking items out. Anything that names an item the
 * template lacks is an issue. Returns new objects; the inputs are not changed.
 */
export function resolveExtends(plan: Json, templates: Readonly<Record<string, unknown>>): { resolved: Json; issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received?: unknown, expected?: string): void => {
    issues.push({ path, code: 'invalid_override', message, ...(received !== undefined ? { received } : {}), ...(expected ? { expected } : {}) });
  };
  if (plan.extends === undefined) {
    for (const key of ['overrides', 'remove']) if (key in plan) add([key], `"${key}" needs "extends": there is no template to change`, plan[key], 'no such key, or an "extends"');
    return { resolved: plan, issues };
  }
  const templateId = plan.extends;
  const names = Object.keys(templates);
  if (typeof templateId !== 'string' || !Object.prototype.hasOwnProperty.call(templates, templateId)) {
    add(['extends'], 'no template has this id', templateId, `one of ${names.map((n) => JSON.stringify(n)).join(', ')}`);
    return { resolved: plan, issues };
  }
  const template = structuredClone(templates[templateId]) as Json;
  const overrides = plan.overrides === undefined ? {} : plan.overrides;
  const remove = plan.remove === undefined ? {} : plan.remove;
  if (!isObject(overrides)) add(['overrides'], 'must be an object of lists', overrides, 'an object such as { "obligations": { "<id>": { … } } }');
  if (!isObject(remove)) add(['remove'], 'must be an object of lists', remove, 'an object such as { "obligations": ["<id>"] }');
  if (issues.length > 0) return { resolved: plan, issues };

  const resolved: Json = {};
  for (const [key, value] of Object.entries(template)) if (key !== 'template' && key !== 'id' && key !== 'title' && key !== 'description') resolved[key] = value;
  for (const [key, value] of Object.entries(plan)) {
    if (COMPOSITION_KEYS.includes(key)) continue;
    if ((MERGED_LISTS as readonly string[]).includes(key) && Array.isArray(value) && Array.isArray(resolved[key])) {
      const base = resolved[key] as unknown[];
      const list = key as MergedList;
      const templateIds = new Set(base.map((b) => keyOf(list, b)));
      value.forEach((item, i) => {
        const id = keyOf(list, item);
        if (id !== undefined && templateIds.has(id)) {
          add([key, i, list === 'escalation' ? 'level' : 'id'], `the template "${templateId}" already defines this; change it under "overrides.${key}"`, id, 'a new id');
        }
      });
      resolved[key] = [...base, ...value];
    } else if (key === 'conditions' && isObject(value) && isObject(resolved.conditions)) {
      for (const name of Object.keys(value)) {
        if (own(resolved.conditions, name)) add(['conditions', name], `the template "${templateId}" already defines this condition; change it under "overrides.conditions"`, name, 'a new name');
      }
      resolved.conditions = { ...resolved.conditions, ...value };
    } else {
      resolved[key] = value;
    }
  }

  // Each merged list indexed once; removals and overrides find items by id, and the lists are rebuilt once at the end.
  const indexed = new Map<string, IndexedList>();
  const indexOf = (key: string): IndexedList => {
    let list = indexed.get(key);
    if (list === undefined) {
      list = new IndexedList(key as MergedList, (Array.isArray(resolved[key]) ? resolved[key] : []) as unknown[]);
      indexed.set(key, list);
    }
    return list;
  };

  for (const [key, ids] of Object.entries(remove as Json)) {
    if (!(MERGED_LISTS as readonly string[]).includes(key) && key !== 'conditions') {
      add(['remove', key], 'nothing of this kind can be removed', key, `one of ${[...MERGED_LISTS, 'conditions'].join(', ')}`);
      continue;
    }
    if (!Array.isArray(ids)) {
      add(['remove', key], 'must be a list of ids', ids, 'an array of strings');
      continue;
    }
    ids.forEach((id, i) => {
      if (key === 'conditions') {
        if (!isObject(resolved.conditions) || typeof id !== 'string' || !own(resolved.conditions, id)) add(['remove', key, i], 'the template has no such condition', id);
        else delete resolved.conditions[id];
        return;
      }
      if (typeof id !== 'string' || !indexOf(key).remove(id)) add(['remove', key, i], `the template has no ${key} item with this id`, id);
    });
  }

  for (const [key, patches] of Object.entries(overrides as Json)) {
    if (!isObject(patches)) {
      add(['overrides', key], 'must map ids to the fields that change', patches, 'an object');
      continue;
    }
    if (key === 'conditions') {
      for (const [name, condition] of Object.entries(patches)) {
        if (!isObject(resolved.conditions) || !own(resolved.conditions, name)) add(['overrides', key, name], 'the template has no such condition', name);
        else resolved.conditions[name] = condition;
      }
      continue;
    }
    if (!(MERGED_LISTS as readonly string[]).includes(key)) {
      if (own(resolved, key) && isObject(patches) && isObject(resolved[key])) {
        resolved[key] = { ...(resolved[key] as Json), ...patches };
      } else {
        add(['overrides', key], 'the template has nothing of this kind to override', key, `one of ${[...MERGED_LISTS, 'conditions'].join(', ')}`);
      }
      continue;
    }
    const list = indexOf(key);
    for (const [id, patch] of Object.entries(patches)) {
      const index = list.indexOf(id);
      if (index < 0) {
        add(['overrides', key, id], `the template has no ${key} item with this id`, id, list.oneOf());
        continue;
      }
      if (!isObject(patch)) {
        add(['overrides', key, id], 'must be an object of the fields that change', patch, 'an object');
        continue;
      }
      list.set(index, patchFields(list.get(index) as Json, patch));
    }
  }
  for (const [key, list] of indexed) if (Array.isArray(resolved[key])) resolved[key] = list.toArray();
  return { resolved, issues };
}

/** Picks, in each item whose `basis` is a list (a template citing several seeds), the basis of this plan's seed and section. */
export function selectBases(plan: Json): Issue[] {
  const issues: Issue[] = [];
  const source = isObject(plan.source) ? plan.source : {};
  const seed = source.seed;
  const section = source.section;
  const pick = (holder: Json, path: Path): void => {
    const basis = holder.basis;
    if (!Array.isArray(basis)) return;
    const match = basis.find((b) => isObject(b) && b.seed === seed && (b.section === undefined || b.section === section));
    if (match === undefined) {
      const received = basis.map((b) => (isObject(b) ? `${String(b.seed)}${b.section ? ` ${String(b.section)}` : ''}` : b));
      // A plan citing its own document (no seed): the template's clauses are the seeds', not the document's.
      if (seed === undefined) issues.push({ path: [...path, 'basis'], code: 'missing_basis', message: 'the template cites seed clauses for this item, not this plan\'s document: give it a basis under "overrides"', received, expected: 'a basis citing a clause of the document in "source"' });
      else issues.push({ path: [...path, 'basis'], code: 'missing_basis', message: `the template cites no clause of seed ${String(seed)}${section ? ` ${String(section)}` : ''} for this item: give it a basis under "overrides"`, received, expected: `a basis with seed "${String(seed)}"` });
      return;
    }
    holder.basis = match;
  };
  for (const list of MERGED_LISTS) {
    const items = plan[list];
    if (Array.isArray(items)) items.forEach((item, i) => isObject(item) && pick(item, [list, i]));
  }
  if (isObject(plan.riskAssessment)) pick(plan.riskAssessment, ['riskAssessment']);
  return issues;
}
