import { z } from 'zod';
import { built, lazySchema } from './lazy.js';

/** Operators of json-rules-engine that apply to the plain facts of an incident. */
export const OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const MAX_CONDITION_DEPTH = 12;

const primitive = () => z.union([z.string().max(200), z.number().finite(), z.boolean()]);

const notSupported = (what: string) =>
  z.never({ error: `${what} is not supported in rule files: facts are plain values of the incident` }).optional();

const factRef = () => z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: 'must be the name of a fact, like "attention" or one the plan declares' });

/** A fact's name: a shared one (FACT_NAMES) or one the plan declares in `facts`; the plan's check says which it knows. */
export const FactRefSchema = lazySchema(factRef);

const factCondition = () => {
  const value = primitive();
  return z
    .object({
      fact: factRef(),
      operator: z.enum(OPERATORS),
      value: z.union([value, z.array(value).min(1).max(50)]),
      priority: z.number().int().min(1).optional(),
      path: notSupported('"path" (JSONPath)'),
      params: notSupported('"params"'),
    })
    .strict();
};

/** A comparison of one fact with a value, in json-rules-engine's format. */
export const FactConditionSchema = lazySchema(factCondition);
export type FactCondition = z.infer<typeof FactConditionSchema>;

export type Condition =
  | { all: Condition[]; priority?: number | undefined }
  | { any: Condition[]; priority?: number | undefined }
  | { not: Condition; priority?: number | undefined }
  | { condition: string; priority?: number | undefined }
  | FactCondition;

/** json-rules-engine's condition tree: `all`, `any`, `not`, a named shared `condition`, or a fact comparison. */
export const ConditionSchema: z.ZodType<Condition> = lazySchema(() => {
  const fact = built(FactConditionSchema);
  const condition: z.ZodType<Condition> = z.lazy(() =>
    z.union([
      z.object({ all: z.array(condition).max(100), priority: z.number().int().min(1).optional() }).strict(),
      z.object({ any: z.array(condition).min(1).max(100), priority: z.number().int().min(1).optional() }).strict(),
      z.object({ not: condition, priority: z.number().int().min(1).optional() }).strict(),
      z.object({ condition: z.string().min(1).max(100), priority: z.number().int().min(1).optional() }).strict(),
      fact,
    ]),
  );
  return condition;
});

/** A condition tree as the root of a rule: json-rules-engine requires all, any, not or condition there. */
export const RootConditionSchema: z.ZodType<Condition> = lazySchema(() =>
  built(ConditionSchema).refine((c) => !('fact' in c), {
    message: 'the root of a condition must be "all", "any", "not" or "condition"',
  }),
);

/** Depth of a condition tree, counting named conditions as leaves. */
export function conditionDepth(condition: Condition): number {
  if ('all' in condition) return 1 + Math.max(0, ...condition.all.map(conditionDepth));
  if ('any' in condition) return 1 + Math.max(0, ...condition.any.map(conditionDepth));
  if ('not' in condition) return 1 + conditionDepth(condition.not);
  return 1;
}
