import type { Lang } from '../i18n/lang.js';
import type { FactEntry } from '../model/facts.js';
import { factLabel, valueLabel } from '../model/labels.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { invalidArgument } from '../render/argument.js';
import { readLangOption } from './options.js';

/** Every fact an incident of a plan may carry, with the labels people read (planFacts). */
export interface PlanFacts {
  indicators: { name: string; label: string; values: { value: string; label: string }[] }[];
  flags: { name: string; label: string }[];
  metrics: { name: string; label: string; unit?: string; min?: number; max?: number; integer: boolean }[];
}

/** The facts a plan's conditions compare (`fact` of every comparison, in every condition it holds) and the indicators its metrics set. */
function factsRead(value: unknown, into: Set<string>): Set<string> {
  // A loaded plan's definition is plain, validated data of bounded depth.
  if (value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const item of value) factsRead(item, into);
    return into;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.fact === 'string' && typeof record.operator === 'string') into.add(record.fact);
  if (typeof record.indicator === 'string' && Array.isArray(record.bands)) into.add(record.indicator);
  for (const key of Object.keys(record)) factsRead(record[key], into);
  return into;
}

/**
 * Every fact an incident of this plan may carry, with its label and (for an indicator) its values' labels
 * in the reader's language: the shared indicators and flags the plan's conditions read, then the plan's own
 * (`facts`), in the plan's order. Labels of the shared facts come from one table (src/model/labels.ts); a
 * declared fact has the plan's `name` (en: `nameEn`, else `name`). Throws PlanError for anything but a
 * loaded plan or an invalid `lang`.
 */
export function planFacts(plan: Plan, options?: { lang?: Lang }): PlanFacts {
  const lang = readLangOption(options, (issue) => invalidArgument([issue]));
  const compiled = compiledOf(plan);
  const table = compiled.facts;
  const read = factsRead(plan.definition, new Set());
  const entries = table.names.map((name) => table.facts.get(name) as FactEntry).filter((entry) => !entry.shared || read.has(entry.name));
  const result: PlanFacts = { indicators: [], flags: [], metrics: [] };
  for (const entry of entries) {
    const label = factLabel(entry, entry.name, lang);
    if (entry.kind === 'indicator') {
      result.indicators.push({ name: entry.name, label, values: (entry.values as readonly string[]).map((value) => ({ value, label: valueLabel(entry, entry.name, value, lang) })) });
    } else if (entry.kind === 'flag') {
      result.flags.push({ name: entry.name, label });
    } else if (entry.kind === 'metric') {
      const metric = entry.metric!;
      result.metrics.push({
        name: entry.name,
        label,
        ...(metric.unit === undefined ? {} : { unit: metric.unit }),
        ...(metric.min === undefined ? {} : { min: metric.min }),
        ...(metric.max === undefined ? {} : { max: metric.max }),
        integer: metric.integer !== false,
      });
    }
  }
  return result;
}
