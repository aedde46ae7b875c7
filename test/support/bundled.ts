import { PlanError } from '../../src/model/errors.js';
import { loadPlan, type Plan } from '../../src/plans/load.js';

/** Sample values for the blanks of a plan: blanks fill texts and times, never conditions. */
const SAMPLE_PARAMETERS: Record<string, string | number> = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 2, officeDepartment: '办公室' };

/** A bundled plan, its blanks (if it has any) filled with sample values. */
export function loadBundled(id: string): Plan {
  try {
    return loadPlan(id);
  } catch (error) {
    if (!(error instanceof PlanError) || error.code !== 'MISSING_PARAMETER') throw error;
    const missing = error.issues.filter((issue) => issue.code === 'missing_parameter').map((issue) => String(issue.path[1]));
    return loadPlan(id, { parameters: Object.fromEntries(missing.map((name) => [name, SAMPLE_PARAMETERS[name] ?? 'x'])) });
  }
}
