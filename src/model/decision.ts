import { z } from 'zod';
import { built, lazySchema, once } from './lazy.js';
import { BasisSchema, NotifyModeSchema } from './plan.js';

/** Every schema of a decision, built together when one is first used (issue 15: nothing is built at import). */
const decisionSchemas = once(() => {
  const NotifyMode = built(NotifyModeSchema);
  const Named = z.object({ id: z.string(), name: z.string() });
  const Timestamp = z.string();

  const BasisOutputSchema = built(BasisSchema);

  const ObligationStatusSchema = z.enum(['pending', 'overdue', 'met', 'met-late', 'not-applicable', 'late']);

  const ObligationSchema = z.object({
    id: z.string(),
    /** A shared step id, or one the plan declares. */
    step: z.string(),
    to: z.string().optional(),
    notify: NotifyMode.optional(),
    title: z.string(),
    /** `collective`: a body that decides collectively (集体决定). */
    responsible: Named.extend({ collective: z.boolean().optional() }),
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
    /** A soft deadline (原则上, 力争): missed, the duty is `late`, not `overdue`. */
    soft: z.literal(true).optional(),
    /** The hard limit after a soft deadline (`latest`: 最迟不超过), extended as `dueAt`; null while the clock waits. Given for duties with `latest` only. */
    latestAt: Timestamp.nullable().optional(),
    /** What the duty's clock waits for before it starts (its deadline is then null): an event of a step, or another duty done. */
    waitingFor: z.union([z.object({ event: z.string() }), z.object({ done: z.string() })]).optional(),
    /** The extensions applied to the deadline in all (`extended` events), an ISO 8601 duration; working days when the plan's extension counts them. */
    extendedBy: z.string().optional(),
    /** Moments before the deadline to remind (by default at 50 % and 75 % of the time); `reached` at `now`. */
    reminders: z.array(z.object({ fraction: z.number(), at: Timestamp, reached: z.boolean() })),
    /** The duties (`after`) still open that this one waits for; absent when it waits for none. */
    blockedBy: z.array(z.string()).optional(),
    /** For a duty that needs approvals: those counted, in the order they count. */
    approvals: z.array(z.object({ by: z.string(), at: Timestamp })).optional(),
    /** The layer the duty comes from (national, provincial …), for a plan built on layers (docs/layers.md). */
    layer: z.string().optional(),
    basis: BasisOutputSchema,
  });

  const FactCheckSchema = z.object({
    fact: z.string(),
    operator: z.string(),
    value: z.unknown(),
    factValue: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    result: z.boolean(),
  });

  const ExplanationSchema = z.object({
    subject: z.enum(['level', 'lead', 'recipient', 'obligation']),
    id: z.string(),
    rule: z.string(),
    text: z.string(),
    facts: z.array(FactCheckSchema),
    basis: BasisOutputSchema.optional(),
  });

  const WarningSchema = z.object({ code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])) });

  const DecisionSchema = z.object({
    plan: z.object({ id: z.string(), version: z.string() }),
    incident: z.object({ id: z.string() }),
    now: Timestamp,
    level: z.object({
      id: z.string(),
      rank: z.number(),
      name: z.string(),
      nameEn: z.string(),
      colour: z.string().optional(),
      /** `ungraded`: nobody has graded the incident yet and no rule fired, in a plan graded by judgement. */
      source: z.enum(['criteria', 'judgement', 'ungraded']),
      /** The level found before the raise rules (grading.raise) moved it, and the rules (ids joined by ","). */
      raised: z.object({ from: z.string(), rule: z.string() }).optional(),
      /** grading.hold: the level held although the criteria now give `criteriaLevel` (原则上不因指标回落降级). */
      held: z.object({ criteriaLevel: z.string() }).optional(),
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
        how: z.array(NotifyMode),
        obligations: z.array(z.string()),
      }),
    ),
    obligations: z.array(ObligationSchema),
    next: z.array(ObligationSchema),
    warnings: z.array(WarningSchema),
    nextReviewAt: Timestamp.nullable(),
    explanation: z.array(ExplanationSchema),
  });
  return { ObligationStatusSchema, ObligationSchema, FactCheckSchema, ExplanationSchema, WarningSchema, DecisionSchema };
});

/** The seed clause behind a part of the decision, as the rule file cites it. */
export const BasisOutputSchema = BasisSchema;

/** `late`: past a soft deadline (原则上, 力争) and not done, kept apart from `overdue` (a hard deadline missed). */
export const ObligationStatusSchema = lazySchema(() => decisionSchemas().ObligationStatusSchema);
export type ObligationStatus = z.infer<typeof ObligationStatusSchema>;

/** One duty that has arisen, with its deadline and status at `now`. */
export const ObligationSchema = lazySchema(() => decisionSchemas().ObligationSchema);
export type Obligation = z.infer<typeof ObligationSchema>;

export const FactCheckSchema = lazySchema(() => decisionSchemas().FactCheckSchema);

/** Why a part of the decision is what it is: the rule, the facts it read, the clause. */
export const ExplanationSchema = lazySchema(() => decisionSchemas().ExplanationSchema);
export type Explanation = z.infer<typeof ExplanationSchema>;

export const WarningSchema = lazySchema(() => decisionSchemas().WarningSchema);
export type DecisionWarning = z.infer<typeof WarningSchema>;

/** The answer of `decide` (docs/decision-model.md): plain JSON. */
export const DecisionSchema = lazySchema(() => decisionSchemas().DecisionSchema);
export type Decision = z.infer<typeof DecisionSchema>;