import type { Issue } from '../model/errors.js';
import type { PlanDefinition } from '../model/plan.js';
import { oneOfNames as oneOf } from '../model/facts.js';

type Path = (string | number)[];

/** The obligations a duty waits for: those in `after`, and the one whose completion starts its clock (`anchor: { done }`). */
function prerequisitesOf(o: PlanDefinition['obligations'][number]): string[] {
  const anchor = o.anchor;
  return [...(o.after ?? []), ...(typeof anchor === 'object' && 'done' in anchor ? [anchor.done] : [])];
}

/** The obligations on a cycle of prerequisites, by index: strongly connected components (Tarjan's, without recursion) of more than one, or waiting for itself. */
function onCycles(edges: readonly (readonly number[])[]): Set<number> {
  const order = new Map<number, number>();
  const low: number[] = [];
  const stack: number[] = [];
  const onStack = new Set<number>();
  const cyclic = new Set<number>();
  for (let root = 0; root < edges.length; root++) {
    if (order.has(root)) continue;
    const work: { node: number; next: number }[] = [];
    const enter = (node: number): void => {
      order.set(node, order.size);
      low[node] = order.size - 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: number; next: number };
      const out = edges[frame.node] as readonly number[];
      if (frame.next < out.length) {
        const target = out[frame.next++] as number;
        if (!order.has(target)) enter(target);
        else if (onStack.has(target)) low[frame.node] = Math.min(low[frame.node] as number, order.get(target) as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node] as number, low[frame.node] as number);
      if (low[frame.node] !== order.get(frame.node)) continue;
      const members: number[] = [];
      let member: number;
      do {
        member = stack.pop() as number;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.node);
      if (members.length > 1 || out.includes(frame.node)) for (const m of members) cyclic.add(m);
    }
  }
  return cyclic;
}

/** Checks a plan's workflow (docs/workflow.md): `after` and `approval` name what exists, no duty waits for itself, collective roles' members. */
export function validateWorkflow(plan: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, message: string, received: unknown, expected: string): void => {
    issues.push({ path, message, code: 'invalid_reference', received, expected });
  };
  const roles = new Map(plan.roles.map((r) => [r.id, r]));
  const roleIds = plan.roles.map((r) => r.id);
  const index = new Map<string, number>();
  // Ids are unique (validate.ts refuses a second one).
  plan.obligations.forEach((o, i) => index.set(o.id, i));
  const obligationIds = [...index.keys()];

  plan.roles.forEach((role, i) => {
    if (role.members === undefined) return;
    if (role.collective !== true) add(['roles', i, 'members'], 'only a collective role has members', role.members, '"collective": true on this role');
    const seen = new Set<string>();
    role.members.forEach((member, j) => {
      if (member === role.id) add(['roles', i, 'members', j], 'a collective role is not its own member', member, `a role other than "${role.id}"`);
      else if (!roles.has(member)) add(['roles', i, 'members', j], 'unknown role', member, oneOf(roleIds));
      if (seen.has(member)) add(['roles', i, 'members', j], 'a member named twice', member, 'each member once');
      seen.add(member);
    });
  });
  plan.recipients.forEach((recipient, i) => {
    if (recipient.members !== undefined) add(['recipients', i, 'members'], 'an outside recipient has no members in the plan', recipient.members, 'members only on a collective role');
  });

  const edges: number[][] = plan.obligations.map(() => []);
  plan.obligations.forEach((o, i) => {
    const at = (...rest: (string | number)[]): Path => ['obligations', i, ...rest];
    (o.after ?? []).forEach((id, j) => {
      const target = index.get(id);
      if (target === undefined) add(at('after', j), 'unknown obligation', id, oneOf(obligationIds));
      else if (o.after!.indexOf(id) !== j) add(at('after', j), 'an obligation named twice', id, 'each obligation once');
      // A continuous duty is never done: waiting for it would block this one for ever, silently.
      else if (plan.obligations[target]!.continuous) add(at('after', j), 'a continuous duty is never done: nothing can wait for it', id, 'an obligation that is not continuous');
    });
    for (const id of prerequisitesOf(o)) {
      const target = index.get(id);
      if (target !== undefined) edges[i]!.push(target);
    }
    if (o.approval !== undefined) {
      if (o.continuous) add(at('approval'), 'a continuous duty is not approved', o.approval, 'no "approval", or "continuous": false');
      o.approval.by.forEach((id, j) => {
        if (!roles.has(id)) add(at('approval', 'by', j), 'an approver is a role of the plan', id, oneOf(roleIds));
        else if (o.approval!.by.indexOf(id) !== j) add(at('approval', 'by', j), 'an approver named twice', id, 'each approver once');
      });
    }
  });
  const cyclic = onCycles(edges);
  plan.obligations.forEach((o, i) => {
    if (!cyclic.has(i)) return;
    add(['obligations', i, o.after !== undefined ? 'after' : 'anchor'], 'the obligation waits for itself through a cycle of "after" or "anchor": { "done" } references', o.id, 'no cycle');
  });
  return issues;
}
