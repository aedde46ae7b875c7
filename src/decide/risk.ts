import { IncidentError, PlanError } from '../model/errors.js';
import type { Basis } from '../model/plan.js';
import { isRevoked } from '../model/untrusted.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { inLanguage } from '../i18n/errors.js';
import type { Lang } from '../i18n/lang.js';
import { readLangOption } from './options.js';

export type Risk = 'high' | 'medium' | 'low';
export type RiskOutcome = 'reject-or-adjust' | 'postpone' | 'proceed-with-explanation';

/** The answer of a 重大决策舆情风险评估: what to do with the decision, where to file the report, why. */
export interface RiskAssessmentResult {
  outcome: RiskOutcome;
  text: string;
  steps: { id: string; name: string }[];
  filing: { id: string; name: string }[];
  basis: Basis;
}

/** 重大决策舆情风险评估 (002 篇一): the outcome the plan sets for a risk level. A plan without the clause throws PlanError. */
export function assessRisk(plan: Plan, input: { risk: Risk; lang?: Lang }): RiskAssessmentResult {
  const lang = readLangOption(input);
  // Errors are Chinese as made; in English they are worded again on the way out.
  return lang === 'en' ? inLanguage(lang, () => assessed(plan, input)) : assessed(plan, input);
}

/** The assessment once the language is known. */
function assessed(plan: Plan, input: { risk: Risk }): RiskAssessmentResult {
  const compiled = compiledOf(plan);
  const assessment = plan.definition.riskAssessment;
  if (!assessment) {
    throw new PlanError([{ path: ['riskAssessment'], code: 'unsupported', message: `the plan "${plan.id}" has no risk assessment clause (重大决策舆情风险评估)`, expected: 'a plan with "riskAssessment", e.g. industry-bureau' }], 'UNSUPPORTED', 'Not in this plan');
  }
  // A revoked Proxy throws on every look: it holds no risk level either.
  const risk = input !== null && typeof input === 'object' && !isRevoked(input) ? (input as { risk?: unknown }).risk : undefined;
  if (risk !== 'high' && risk !== 'medium' && risk !== 'low') {
    throw new IncidentError([{ path: ['risk'], code: 'invalid_value', message: 'not a risk level', received: risk, expected: 'one of "high", "medium", "low"' }], 'INVALID_OPTION', 'Invalid option');
  }
  const outcome = assessment.outcomes[risk];
  return {
    outcome: outcome.outcome,
    text: outcome.text,
    steps: assessment.steps.map((s) => ({ ...s })),
    filing: assessment.filing.map((id) => ({ id, name: compiled.parties.get(id)?.name ?? id })),
    basis: { ...assessment.basis },
  };
}
