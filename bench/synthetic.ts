// Synthetic variants of the hrss plan with k times the classification rules and obligations.
import { loadPlan, type Plan } from '../src/index.js';

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
  const base = structuredClone(loadPlan('hrss').definition) as Json;
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
  return loadPlan(base);
}
