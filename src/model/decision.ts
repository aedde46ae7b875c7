import { z } from 'zod';
import { BasisSchema, NotifyModeSchema } from './plan.js';
import { StepIdSchema } from './vocabulary.js';

const Named = z.object({ id: z.string(), name: z.string() });
const Timestamp = z.string();

/** The seed clause behind a part of the decision, as the rule file cites it. */
export const BasisOutputSchema = BasisSchema;

export const ObligationStatusSchema = z.enum(['pending', 'overdue', 'met', 'met-late', 'not-applicable']);
export type ObligationStatus = z.infer<typeof ObligationStatusSchema>;

/** One duty that has arisen, with its deadline and status at `now`. */
export const ObligationSchema = z.object({
  id: z.string(),
  step: StepIdSchema,
  to: z.string().optional(),
  notify: NotifyModeSchema.optional(),
  title: z.string(),
  responsible: Named,
  recipient: Named.optional(),
  kind: z.enum(['deadline', 'immediate', 'continuous', 'undated']),
  immediate: z.boolean(),
  arisenAt: Timestamp,
  dueAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  status: ObligationStatusSchema,
  /** Why a duty no longer applies. */
  reason: z.string().optional(),
  /** The drill subject (003) or another label of the duty. */
  subject: z.string().optional(),
  /** What ends a continuous duty. */
  until: z.enum(['subsided', 'ended']).optional(),
  /** Moments before the deadline to remind (by default at 50 % and 75 % of the time); `reached` at `now`. */
  reminders: z.array(z.object({ fraction: z.number(), at: Timestamp, reached: z.boolean() })),
  basis: BasisOutputSchema,
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const FactCheckSchema = z.object({
  fact: z.string(),
  operator: z.string(),
  value: z.unknown(),
  factValue: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  result: z.boolean(),
});

/** Why a part of the decision is what it is: the rule, the facts it read, the clause. */
export const ExplanationSchema = z.object({
  subject: z.enum(['level', 'lead', 'recipient', 'obligation']),
  id: z.string(),
  rule: z.string(),
  text: z.string(),
  facts: z.array(FactCheckSchema),
  basis: BasisOutputSchema.optional(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])) });
export type DecisionWarning = z.infer<typeof WarningSchema>;

/** The answer of `decide` (docs/decision-model.md): plain JSON. */
export const DecisionSchema = z.object({
  plan: z.object({ id: z.string(), version: z.string() }),
  incident: z.object({ id: z.string() }),
  now: Timestamp,
  level: z.object({
    id: z.string(),
    rank: z.number(),
    name: z.string(),
    nameEn: z.string(),
    colour: z.string().optional(),
    source: z.enum(['criteria', 'judgement']),
    setAt: Timestamp,
    /** Who graded: one role, or the roles that graded jointly. */
    setBy: z.union([z.string(), z.array(z.string())]).optional(),
  }),
  lead: Named.extend({ note: z.string().optional() }),
  escalation: z.object({ approveStatement: z.array(Named), consultWith: z.array(Named), basis: BasisOutputSchema }),
  notify: z.array(
    Named.extend({
      dueAt: Timestamp.nullable(),
      immediate: z.boolean(),
      /** Every duty behind the entry is done; `doneAt` is when the last of them was (null while one is not). */
      done: z.boolean(),
      doneAt: Timestamp.nullable(),
      how: z.array(NotifyModeSchema),
      obligations: z.array(z.string()),
    }),
  ),
  obligations: z.array(ObligationSchema),
  next: z.array(ObligationSchema),
  warnings: z.array(WarningSchema),
  nextReviewAt: Timestamp.nullable(),
  explanation: z.array(ExplanationSchema),
});
export type Decision = z.infer<typeof DecisionSchema>;
