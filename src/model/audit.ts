import { z } from 'zod';
import { BasisOutputSchema, ObligationSchema, WarningSchema } from './decision.js';
import { built, lazySchema, once } from './lazy.js';

/** Every schema of an audit, built together when one is first used (issue 15: nothing is built at import). */
const auditSchemas = once(() => {
  const Timestamp = z.string();

  const LevelSpanSchema = z.object({
    id: z.string(),
    rank: z.number(),
    name: z.string(),
    source: z.enum(['criteria', 'judgement', 'ungraded']),
    /** The level found before the raise rules moved it, and the rules (as in a decision's level). */
    raised: z.object({ from: z.string(), rule: z.string() }).optional(),
    from: Timestamp,
    /** null while it is still the level. */
    to: Timestamp.nullable(),
    by: z.union([z.string(), z.array(z.string())]).optional(),
  });

  /** A span of time as an ISO 8601 duration of elapsed time, hours the largest unit (`PT23M`, `PT12H30M`, `PT1.5S`); a minus sign before it when it runs backwards. */
  const Elapsed = z.string();

  const AuditObligationSchema = built(ObligationSchema).extend({
    /** When the duty's clock started, the moment its deadline counts from (for a duty from occurrence, before it arose). */
    anchorAt: Timestamp,
    /** From `anchorAt` to `doneAt`; null while not done. Negative when it was done before its clock started. */
    took: Elapsed.nullable(),
    tookMs: z.number().nullable(),
    /** From `arisenAt` to `doneAt`; null while not done. Negative when an event before the duty arose fulfilled it. */
    tookSinceArisen: Elapsed.nullable(),
    tookSinceArisenMs: z.number().nullable(),
    /**
     * How late: for `met-late`, from `dueAt` to `doneAt`; for `overdue` and `late`, from `dueAt` to `now`, or to the moment
     * the duty stopped being required when a change of level dropped it after its deadline; otherwise null.
     */
    lateBy: Elapsed.nullable(),
    lateByMs: z.number().nullable(),
  });

  const DrillResultSchema = z.object({
    subjects: z.array(
      z.object({
        subject: z.string(),
        obligation: z.string(),
        dueAt: Timestamp.nullable(),
        doneAt: Timestamp.nullable(),
        status: z.string(),
        /** How long the subject took, from its clock's start; null while not done (as the obligation's). */
        took: Elapsed.nullable(),
        tookMs: z.number().nullable(),
      }),
    ),
    /** Subjects finished within their time. */
    metOnTime: z.number(),
    total: z.number(),
  });

  const AuditSchema = z.object({
    plan: z.object({ id: z.string(), version: z.string(), title: z.string() }),
    incident: z.object({ id: z.string(), title: z.string().optional(), occurredAt: Timestamp, discoveredAt: Timestamp, exercise: z.boolean() }),
    now: Timestamp,
    levels: z.array(LevelSpanSchema),
    obligations: z.array(AuditObligationSchema),
    events: z.array(z.object({ type: z.string(), at: Timestamp, to: z.string().optional(), by: z.union([z.string(), z.array(z.string())]).optional(), subject: z.string().optional(), ignored: z.boolean() })),
    summary: z.object({
      met: z.number(),
      metLate: z.number(),
      overdue: z.number(),
      /** Soft deadlines (原则上, 力争) past and not done: kept apart from `overdue`, the hard breaches. */
      late: z.number().optional(),
      /** Soft deadlines met late: kept apart from `metLate`, which counts hard deadlines only. (Always given by `audit`; optional for audits built by hand.) */
      softMetLate: z.number().optional(),
      pending: z.number(),
      notApplicable: z.number(),
      total: z.number(),
      /** Met on time among the duties with a deadline that were done or are overdue or late (soft deadlines count too); null when there are none yet. */
      onTimeRate: z.number().nullable(),
    }),
    drill: DrillResultSchema.optional(),
    warnings: z.array(built(WarningSchema)),
    basis: z.array(built(BasisOutputSchema)),
  });
  return { LevelSpanSchema, AuditObligationSchema, DrillResultSchema, AuditSchema };
});

/** The level an incident was at over one stretch of its timeline. */
export const LevelSpanSchema = lazySchema(() => auditSchemas().LevelSpanSchema);

/**
 * One obligation as the audit shows it: as in a decision, with how long it took and how late it was.
 * Each span comes twice, as an ISO 8601 duration and in milliseconds; null where it does not apply.
 */
export const AuditObligationSchema = lazySchema(() => auditSchemas().AuditObligationSchema);

/** A drill's subjects (003) with their results, for drill scoring. */
export const DrillResultSchema = lazySchema(() => auditSchemas().DrillResultSchema);

/** The whole timeline of an incident replayed: every obligation that arose, when it was due, when it was done. */
export const AuditSchema = lazySchema(() => auditSchemas().AuditSchema);
export type Audit = z.infer<typeof AuditSchema>;
export type LevelSpan = z.infer<typeof LevelSpanSchema>;
export type AuditObligation = z.infer<typeof AuditObligationSchema>;