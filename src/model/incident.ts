import { z } from 'zod';
import { parseTimestamp } from '../time/timestamp.js';
import { built, lazySchema, once } from './lazy.js';
import { FlagsSchema, IndicatorsSchema, STEP_IDS } from './vocabulary.js';

/** Every schema of an incident, built together when one is first used (issue 15: nothing is built at import). */
const incidentSchemas = once(() => {
  const IncidentIndicatorsSchema = built(IndicatorsSchema).catchall(z.string().min(1).max(200));
  const IncidentFlagsSchema = built(FlagsSchema).catchall(z.boolean());
  const MetricsSchema = z.record(z.string().min(1).max(64), z.number().finite());

  const IsoTimestampSchema = z.string().max(40).refine((text) => parseTimestamp(text) !== null, {
    message: 'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
  });

  const Ref = z.string().min(1).max(100);
  const ActorSchema = z.union([Ref, z.array(Ref).min(1).max(20)]);
  const common = { at: IsoTimestampSchema, by: ActorSchema.optional(), note: z.string().max(2000).optional() };

  const StepEventSchema = z.object({ type: z.enum(STEP_IDS), to: Ref.optional(), subject: z.string().min(1).max(200).optional(), ...common }).strict();

  const DeclaredStepEventSchema = z
    .object({
      type: z.string().refine(isDeclaredStepType, { message: 'must be a step of the plan or an event type' }),
      to: Ref.optional(),
      subject: z.string().min(1).max(200).optional(),
      ...common,
    })
    .strict();

  const SharedEventSchema = z.discriminatedUnion('type', [
    StepEventSchema,
    z.object({ type: z.literal('level-set'), level: Ref, ...common }).strict(),
    z.object({ type: z.literal('indicators-updated'), indicators: IncidentIndicatorsSchema, ...common }).strict(),
    z.object({ type: z.literal('flags-updated'), flags: IncidentFlagsSchema, ...common }).strict(),
    z.object({ type: z.literal('metrics-updated'), metrics: MetricsSchema, ...common }).strict(),
    /** A duty's deadline moved by `duration` (an ISO 8601 duration), as its `extension` allows. */
    z.object({ type: z.literal('extended'), obligation: z.string().min(1).max(200), duration: z.string().min(1).max(40), ...common }).strict(),
    z.object({ type: z.literal('subsided'), ...common }).strict(),
    z.object({ type: z.literal('warning-issued'), level: Ref, ...common }).strict(),
    z.object({ type: z.literal('warning-adjusted'), level: Ref, ...common }).strict(),
    z.object({ type: z.literal('warning-lifted'), ...common }).strict(),
    z.object({ type: z.literal('end-proposed'), ...common }).strict(),
    z.object({ type: z.literal('end-approved'), ...common }).strict(),
    z.object({ type: z.literal('evaluated'), ...common }).strict(),
  ]);

  /** The event a declared step's event is not: its type is not plan-id-shaped or is reserved (one issue at the event, so the shared events' issues are the ones shown). */
  const notDeclaredStep = z.unknown().superRefine((value, ctx) => {
    const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
    if (!isDeclaredStepType(type)) ctx.addIssue({ code: 'invalid_type', expected: 'object', input: value, message: 'not a declared step event', continue: false });
  });

  const EventSchema = z.union([
    // Typed as a shared step's event: TypeScript cannot narrow a union on `type` once one member's type is any string; code that reads a step's type checks it at run time.
    notDeclaredStep.pipe(DeclaredStepEventSchema) as unknown as typeof StepEventSchema,
    SharedEventSchema,
  ]);

  const IncidentSchema = z
    .object({
      id: z.string().min(1).max(200),
      title: z.string().max(500).optional(),
      occurredAt: IsoTimestampSchema,
      discoveredAt: IsoTimestampSchema,
      indicators: IncidentIndicatorsSchema.default({}),
      flags: IncidentFlagsSchema.default({}),
      metrics: MetricsSchema.optional(),
      exercise: z.boolean().default(false),
      events: z.array(EventSchema).max(100_000).default([]),
    })
    .strict();
  return { IncidentIndicatorsSchema, IncidentFlagsSchema, MetricsSchema, IsoTimestampSchema, ActorSchema, StepEventSchema, DeclaredStepEventSchema, EventSchema, IncidentSchema };
});

/** Event types that are not steps a plan may declare: the shared steps and the events of the incident's state. */
export const RESERVED_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  ...STEP_IDS,
  'level-set', 'indicators-updated', 'flags-updated', 'metrics-updated', 'subsided',
  'warning-issued', 'warning-adjusted', 'warning-lifted', 'end-proposed', 'end-approved', 'evaluated', 'extended',
]);

/** Whether a type is shaped like a step a plan declares (a plan id, not a reserved event type); the plan's own check says whether it declares it. */
export const isDeclaredStepType = (type: unknown): type is string =>
  typeof type === 'string' && /^[a-z][a-z0-9-]{0,63}$|^[IVX]{1,4}$/.test(type) && !RESERVED_EVENT_TYPES.has(type);

/** Indicators as the incident gives them: the shared ones with their values, a plan's own by name (checked against the plan when deciding). */
export const IncidentIndicatorsSchema = lazySchema(() => incidentSchemas().IncidentIndicatorsSchema);

/** Flags as the incident gives them: the shared ones and a plan's own. */
export const IncidentFlagsSchema = lazySchema(() => incidentSchemas().IncidentFlagsSchema);

/** Numbers the incident records for a plan's metrics (转发量 …), by name. */
export const MetricsSchema = lazySchema(() => incidentSchemas().MetricsSchema);

/** ISO 8601 text with an offset and a real calendar date. */
export const IsoTimestampSchema = lazySchema(() => incidentSchemas().IsoTimestampSchema);

/** Who acted: a role of the plan, or several acting jointly (a joint grading, a collective decision). */
export const ActorSchema = lazySchema(() => incidentSchemas().ActorSchema);

/** A step of the plan done at `at` (to `to` where the step has several recipients; for `subject` where its duties have subjects, e.g. drill subjects). */
export const StepEventSchema = lazySchema(() => incidentSchemas().StepEventSchema);

/** A step the plan declares (認领 …), done at `at`: any plan-id-shaped type that is not reserved. */
export const DeclaredStepEventSchema = lazySchema(() => incidentSchemas().DeclaredStepEventSchema);

/** An event of the incident: one of the shared events, or a step the plan declares. */
export const EventSchema = lazySchema(() => incidentSchemas().EventSchema);
export type IncidentEvent = z.infer<typeof EventSchema>;

/** The incident a host asks about (docs/decision-model.md §2). */
export const IncidentSchema = lazySchema(() => incidentSchemas().IncidentSchema);
export type Incident = z.input<typeof IncidentSchema>;
export type ParsedIncident = z.infer<typeof IncidentSchema>;