import { z } from 'zod';
import { parseTimestamp } from '../time/timestamp.js';
import { FlagsSchema, IndicatorsSchema, STEP_IDS } from './vocabulary.js';

/** ISO 8601 text with an offset and a real calendar date. */
export const IsoTimestampSchema = z.string().max(40).refine((text) => parseTimestamp(text) !== null, {
  message: 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
});

const Ref = z.string().min(1).max(100);
/** Who acted: a role of the plan, or several acting jointly (a joint grading, a collective decision). */
export const ActorSchema = z.union([Ref, z.array(Ref).min(1).max(20)]);
const common = { at: IsoTimestampSchema, by: ActorSchema.optional(), note: z.string().max(2000).optional() };

/** A step of the plan done at `at` (to `to` where the step has several recipients; for `subject` where its duties have subjects, e.g. drill subjects). */
export const StepEventSchema = z.object({ type: z.enum(STEP_IDS), to: Ref.optional(), subject: z.string().min(1).max(200).optional(), ...common }).strict();

export const EventSchema = z.discriminatedUnion('type', [
  StepEventSchema,
  z.object({ type: z.literal('level-set'), level: Ref, ...common }).strict(),
  z.object({ type: z.literal('indicators-updated'), indicators: IndicatorsSchema, ...common }).strict(),
  z.object({ type: z.literal('flags-updated'), flags: FlagsSchema, ...common }).strict(),
  z.object({ type: z.literal('subsided'), ...common }).strict(),
  z.object({ type: z.literal('warning-issued'), level: Ref, ...common }).strict(),
  z.object({ type: z.literal('warning-adjusted'), level: Ref, ...common }).strict(),
  z.object({ type: z.literal('warning-lifted'), ...common }).strict(),
  z.object({ type: z.literal('end-proposed'), ...common }).strict(),
  z.object({ type: z.literal('end-approved'), ...common }).strict(),
  z.object({ type: z.literal('evaluated'), ...common }).strict(),
]);
export type IncidentEvent = z.infer<typeof EventSchema>;

/** The incident a host asks about (docs/decision-model.md §2). */
export const IncidentSchema = z
  .object({
    id: z.string().min(1).max(200),
    title: z.string().max(500).optional(),
    occurredAt: IsoTimestampSchema,
    discoveredAt: IsoTimestampSchema,
    indicators: IndicatorsSchema.default({}),
    flags: FlagsSchema.default({}),
    exercise: z.boolean().default(false),
    events: z.array(EventSchema).max(100_000).default([]),
  })
  .strict();
export type Incident = z.input<typeof IncidentSchema>;
export type ParsedIncident = z.infer<typeof IncidentSchema>;
