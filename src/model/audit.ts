import { z } from 'zod';
import { BasisOutputSchema, ObligationSchema, WarningSchema } from './decision.js';

const Timestamp = z.string();

/** The level an incident was at over one stretch of its timeline. */
export const LevelSpanSchema = z.object({
  id: z.string(),
  rank: z.number(),
  name: z.string(),
  source: z.enum(['criteria', 'judgement']),
  from: Timestamp,
  /** null while it is still the level. */
  to: Timestamp.nullable(),
  by: z.string().optional(),
});

/** A drill's subjects (003) with their results, for drill scoring. */
export const DrillResultSchema = z.object({
  subjects: z.array(z.object({ subject: z.string(), obligation: z.string(), dueAt: Timestamp.nullable(), doneAt: Timestamp.nullable(), status: z.string() })),
  /** Subjects finished within their time. */
  metOnTime: z.number(),
  total: z.number(),
});

/** The whole timeline of an incident replayed: every obligation that arose, when it was due, when it was done. */
export const AuditSchema = z.object({
  plan: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  incident: z.object({ id: z.string(), title: z.string().optional(), occurredAt: Timestamp, discoveredAt: Timestamp, exercise: z.boolean() }),
  now: Timestamp,
  levels: z.array(LevelSpanSchema),
  obligations: z.array(ObligationSchema),
  events: z.array(z.object({ type: z.string(), at: Timestamp, to: z.string().optional(), by: z.string().optional(), subject: z.string().optional(), ignored: z.boolean() })),
  summary: z.object({
    met: z.number(),
    metLate: z.number(),
    overdue: z.number(),
    pending: z.number(),
    notApplicable: z.number(),
    total: z.number(),
    /** Met on time among the duties with a deadline that were done or are overdue; null when there are none yet. */
    onTimeRate: z.number().nullable(),
  }),
  drill: DrillResultSchema.optional(),
  warnings: z.array(WarningSchema),
  basis: z.array(BasisOutputSchema),
});
export type Audit = z.infer<typeof AuditSchema>;
export type LevelSpan = z.infer<typeof LevelSpanSchema>;
