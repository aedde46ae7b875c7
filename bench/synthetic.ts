// Synthetic variants of the hrss plan with k times the classification rules and obligations.
import { lib, type Plan } from './lib.js';

type Json = Record<string, any>;

/** Priority bands, so that copies stay below their original and above the next level's rules (priorities are 1..1000). */
const BAND: Record<string, number> = { I: 1000, II: 750, III: 500, IV: 250 };
const DORMANT = { fact: 'mediaInquiry', operator: 'equal', value: true };

/**
 * hrss with `factor` times the classification rules and `obligationFactor` times the obligations (the
 * plan schema allows at most 1000 obligations: hrss has 22, so at most 45×). `mode`:
 * - 'dormant': the added rules are evaluated on every decision but do not fire or apply for incidents
 *   without the mediaInquiry flag (each copy is its original's condition AND mediaInquiry = true):
 *   the decision stays the same size, so this measures the cost of the rules themselves.
 * - 'active': the added obligations are exact copies that arise like their originals: the decision
 *   grows with them (factor times the obligations and explanations).
 */
export function syntheticHrss(factor: number, mode: 'dormant' | 'active', obligationFactor = factor): Plan {
  const base = structuredClone(lib.loadPlan('hrss').definition) as Json;
  delete base.$schema;
  const classification: Json[] = [];
  for (const rule of base.classification as Json[]) {
    classification.push({ ...rule, priority: BAND[rule.level] });
    for (let j = 1; j < factor; j++) {
      classification.push({
        ...rule,
        id: `${rule.id}-s${j}`,
        priority: (BAND[rule.level] as number) - j,
        conditions: { all: [rule.conditions, DORMANT] },
      });
    }
  }
  const obligations: Json[] = [];
  for (const duty of base.obligations as Json[]) obligations.push(duty);
  for (let j = 1; j < obligationFactor; j++) {
    for (const duty of base.obligations as Json[]) {
      const copy: Json = { ...duty, id: `${duty.id}-s${j}` };
      if (mode === 'dormant') copy.when = duty.when ? { all: [duty.when, DORMANT] } : { all: [DORMANT] };
      obligations.push(copy);
    }
  }
  base.id = `hrss-x${factor}-${mode}`;
  base.title = `hrss ×${factor} classification rules, ×${obligationFactor} obligations (${mode})`;
  base.classification = classification;
  base.obligations = obligations;
  return lib.loadPlan(base);
}

/**
 * hrss with `rules` classification rules in all (at least 4): its own four, and dormant copies spread over
 * the levels (each its original's condition AND mediaInquiry = true, priorities inside the level's band),
 * so that an incident without the mediaInquiry flag matches one rule of the four as in hrss: the common
 * case, for the growth of classification in the number of rules (issue 15).
 */
export function classificationHrss(rules: number): Plan {
  const base = structuredClone(lib.loadPlan('hrss').definition) as Json;
  delete base.$schema;
  const own = base.classification as Json[];
  const classification: Json[] = own.map((rule) => ({ ...rule, priority: BAND[rule.level] }));
  for (let k = 0; k < rules - own.length; k++) {
    const rule = own[k % own.length] as Json;
    const j = Math.floor(k / own.length) + 1;
    classification.push({ ...rule, id: `${rule.id}-c${j}`, priority: (BAND[rule.level] as number) - j, conditions: { all: [rule.conditions, DORMANT] } });
  }
  base.id = `hrss-rules-${rules}`;
  base.title = `hrss with ${rules} classification rules`;
  base.classification = classification;
  return lib.loadPlan(base);
}
