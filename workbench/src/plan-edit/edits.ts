// Changes to a plan file made in the form: applied to a deep copy of the file, where the file keeps the item (its own list, the template's overrides, or the layer's).
import { deadlineFields, deadlineOf, deadlineText, type Deadline } from './duration.js';
import { conditionOwners, namedConditions, treeOf, withValue, type ConditionOwner, type ConditionPath, type Json } from './thresholds.js';

export type PartyList = 'roles' | 'recipients';

/** One change the form makes. */
export type Edit =
  | { kind: 'deadline'; obligation: string; deadline: Exclude<Deadline, { kind: 'continuous' }> }
  | { kind: 'party-name'; list: PartyList; id: string; name: string }
  | { kind: 'obligation-to'; obligation: string; to: string }
  | { kind: 'threshold'; owner: ConditionOwner; path: ConditionPath; value: unknown };

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const own = (object: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const items = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** An object under `key` of `parent`, made when absent (never one of Object.prototype's). */
function child(parent: Json, key: string): Json {
  if (!own(parent, key) || !isObject(parent[key])) parent[key] = {};
  return parent[key] as Json;
}

/** The item with this id in a resolved plan's list. */
export function resolvedItem(resolved: Json, list: string, id: string): Json | undefined {
  return items(resolved[list]).find((item) => item.id === id);
}

/**
 * Sets fields of an item of a list (`null`: take the field out), where the file keeps it: the item
 * of the file's own list; else, for an item a layer brings, a patch under `above.overrides`; else,
 * in a plan that extends a template, a patch under `overrides`.
 */
function patchItem(file: Json, resolved: Json, list: string, id: string, fields: Record<string, unknown>): void {
  const mine = items(file[list]).find((item) => item.id === id);
  if (mine) {
    for (const [field, value] of Object.entries(fields)) {
      if (value === null) delete mine[field];
      else mine[field] = value;
    }
    return;
  }
  const item = resolvedItem(resolved, list, id);
  if (item === undefined) throw new Error(`预案中没有 ${list} 项“${id}”`);
  let patches: Json;
  if (typeof item.layer === 'string' && isObject(file.above)) patches = child(child(child(file, 'above'), 'overrides'), list);
  else if (typeof file.extends === 'string') patches = child(child(file, 'overrides'), list);
  else throw new Error(`“${id}”不在本预案文件中，无法在此修改`);
  patches[id] = { ...(own(patches, id) && isObject(patches[id]) ? (patches[id] as Json) : {}), ...fields };
}

/** Sets a comparison's value in a classification rule's or a named condition's tree, where the file keeps it. */
function patchCondition(file: Json, resolved: Json, owner: ConditionOwner, path: ConditionPath, value: unknown): void {
  if (owner.kind === 'classification') {
    const mine = items(file.classification).find((rule) => rule.id === owner.id);
    if (mine) {
      mine.conditions = withValue(mine.conditions as Json, path, value);
      return;
    }
    if (typeof file.extends !== 'string') throw new Error(`定级规则“${owner.id}”不在本预案文件中，无法在此修改`);
    const patches = child(child(file, 'overrides'), 'classification');
    const patch = own(patches, owner.id) && isObject(patches[owner.id]) ? (patches[owner.id] as Json) : {};
    const tree = isObject(patch.conditions) ? patch.conditions : treeOf(resolved, owner);
    if (tree === undefined) throw new Error(`预案中没有定级规则“${owner.id}”`);
    patches[owner.id] = { ...patch, conditions: withValue(tree, path, value) };
    return;
  }
  const mine = isObject(file.conditions) && own(file.conditions, owner.name) && isObject(file.conditions[owner.name]) ? file.conditions : undefined;
  if (mine) {
    mine[owner.name] = withValue(mine[owner.name] as Json, path, value);
    return;
  }
  if (typeof file.extends !== 'string') throw new Error(`命名条件“${owner.name}”不在本预案文件中，无法在此修改`);
  const patches = child(child(file, 'overrides'), 'conditions');
  const tree = own(patches, owner.name) && isObject(patches[owner.name]) ? (patches[owner.name] as Json) : namedConditions(resolved).get(owner.name);
  if (tree === undefined) throw new Error(`预案中没有命名条件“${owner.name}”`);
  patches[owner.name] = withValue(tree, path, value);
}

/**
 * The plan file with the edits made, in order: a deep copy (the file given is not changed). `resolved`
 * is the loaded plan's definition (plan.definition), where items the file takes from its template or
 * layer are found. Throws an Error with a Chinese message for an edit of an item the file cannot change.
 */
export function applyEdits(file: unknown, resolved: unknown, edits: readonly Edit[]): Json {
  if (!isObject(file)) throw new Error('预案文件不是一个 JSON 对象');
  const source = structuredClone(file);
  const plan = isObject(resolved) ? resolved : {};
  for (const edit of edits) {
    switch (edit.kind) {
      case 'deadline':
        patchItem(source, plan, 'obligations', edit.obligation, deadlineFields(edit.deadline));
        break;
      case 'party-name':
        patchItem(source, plan, edit.list, edit.id, { name: edit.name });
        break;
      case 'obligation-to':
        patchItem(source, plan, 'obligations', edit.obligation, { to: edit.to });
        break;
      case 'threshold':
        patchCondition(source, plan, edit.owner, edit.path, edit.value);
        break;
    }
  }
  return source;
}

/** A party's name in the resolved plan, or its id. */
function partyName(resolved: Json, id: string): string {
  const party = resolvedItem(resolved, 'recipients', id) ?? resolvedItem(resolved, 'roles', id);
  return typeof party?.name === 'string' ? party.name : id;
}

/** An edit in words, for the list of changes: what it changes, from what (in the resolved plan before any edit) to what. */
export function describeEdit(edit: Edit, resolved: unknown, valueText: (fact: string, value: unknown) => string = (_f, v) => JSON.stringify(v)): string {
  const plan = isObject(resolved) ? resolved : {};
  switch (edit.kind) {
    case 'deadline': {
      const rule = resolvedItem(plan, 'obligations', edit.obligation) ?? {};
      const title = typeof rule.title === 'string' ? rule.title : edit.obligation;
      return `时限「${title}」：${deadlineText(deadlineOf(rule))} → ${deadlineText(edit.deadline)}`;
    }
    case 'party-name':
      return `${edit.list === 'roles' ? '角色' : '报送对象'}名称「${edit.id}」：${partyName(plan, edit.id)} → ${edit.name}`;
    case 'obligation-to': {
      const rule = resolvedItem(plan, 'obligations', edit.obligation) ?? {};
      const title = typeof rule.title === 'string' ? rule.title : edit.obligation;
      const before = typeof rule.to === 'string' ? partyName(plan, rule.to) : '（无）';
      return `报送对象「${title}」：${before} → ${partyName(plan, edit.to)}`;
    }
    case 'threshold': {
      const owner = conditionOwners(plan).find((o) => JSON.stringify(o.owner) === JSON.stringify(edit.owner))?.label ?? JSON.stringify(edit.owner);
      let node: unknown = treeOf(plan, edit.owner);
      for (const step of edit.path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
      const fact = isObject(node) && typeof node.fact === 'string' ? node.fact : '?';
      const before = isObject(node) ? valueText(fact, node.value) : '?';
      return `阈值（${owner}，${edit.path.join('.') || '根'}）：${before} → ${valueText(fact, edit.value)}`;
    }
  }
}
