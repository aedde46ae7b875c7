// 'yuqing-playbook/core': the library without the bundled plans, for pages that carry only the plans they
// import one by one ('yuqing-playbook/plans/<id>', docs/browser.md). The same API as '.', but loadPlan
// knows no plan or layer by id: it takes plan objects (and layers by id from its `layers` option).
import { BUNDLED_TEMPLATES } from './plans/bundled.js';
import { loadKnown, type KnownFiles, type LoadPlanOptions, type Plan } from './plans/load.js';

export * from './index.js';

/** The files loadPlan knows here: the template four bundled plans extend, no plan, no layer. */
const KNOWN: KnownFiles = { plans: {}, layers: {}, templates: BUNDLED_TEMPLATES, precompiled: {} };

/** Loads a plan object (parsed JSON or YAML; a per-plan entry's default export), or a layer given in `options.layers` by id; throws PlanError with every problem found. */
export function loadPlan(source: string | object, options?: LoadPlanOptions): Plan {
  return loadKnown(KNOWN, source, options);
}

/** No plan is bundled here: an empty list (import plans from 'yuqing-playbook/plans/<id>'). */
export function listPlans(): { id: string; title: string }[] {
  return [];
}

/** No layer is bundled here: an empty list (import 'yuqing-playbook/plans/national'). */
export function listLayers(): { id: string; title: string }[] {
  return [];
}
