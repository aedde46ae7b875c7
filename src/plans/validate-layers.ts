import type { Issue } from '../model/errors.js';
import { oneOfNames } from '../model/facts.js';
import type { PlanDefinition } from '../model/plan.js';

/** Checks `correspondence`: only a layer has one, and it maps names of the shared vocabulary to the layer's own levels. */
export function validateLayerFields(plan: PlanDefinition): Issue[] {
  const issues: Issue[] = [];
  if (plan.correspondence === undefined) return issues;
  if (plan.kind !== 'layer') {
    issues.push({ path: ['correspondence'], code: 'layer_only', message: 'only a layer ("kind": "layer") says how plans\' levels correspond to its levels', received: plan.kind ?? '(no kind: a plan)', expected: '"kind": "layer", or no "correspondence"' });
    return issues;
  }
  const levels = plan.levels.map((l) => l.id);
  for (const [key, values] of Object.entries(plan.correspondence)) {
    values.forEach((value, i) => {
      if (!levels.includes(value)) issues.push({ path: ['correspondence', key, i], code: 'invalid_reference', message: 'not a level of this layer', received: value, expected: oneOfNames(levels) });
    });
  }
  return issues;
}
