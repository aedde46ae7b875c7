import type { Party } from '../model/plan.js';
import type { CompiledPlan } from '../plans/compile.js';

/** The English words of each duty's workflow (who decides collectively, whose approvals), by duty index: found on a plan's first English request, then kept with it (the Chinese ones are compiled at load). */
const english = new WeakMap<CompiledPlan, readonly string[]>();

/** What the English explanation of each duty says of who decides and approves, from the plan alone (compilePlan's workflowText in English). */
export function workflowTextEn(plan: CompiledPlan): readonly string[] {
  let texts = english.get(plan);
  if (texts === undefined) {
    texts = plan.obligations.map(({ rule }) => {
      const responsible = plan.parties.get(rule.responsible) as Party;
      let text = responsible.collective === true ? `decided collectively by ${responsible.name}; ` : '';
      if (rule.approval !== undefined) {
        // Approvers are roles of the plan (validate-workflow.ts).
        const names = rule.approval.by.map((id) => (plan.parties.get(id) as Party).name);
        text += rule.approval.mode === 'any' ? `approved by any of ${names.join(', ')}; ` : rule.approval.mode === 'all' ? `approved by all of ${names.join(', ')}; ` : `approved in turn by ${names.join(' → ')}; `;
      }
      return text;
    });
    english.set(plan, texts);
  }
  return texts;
}
