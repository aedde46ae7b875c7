import { z } from 'zod';

/** Indicator values, most severe first (the grading criteria of 002 篇三 四). */
export const INDICATORS = {
  attention: ['extreme', 'high', 'elevated', 'low'],
  foreignMedia: ['intense', 'emerging', 'none'],
  spread: ['very-fast', 'fast', 'moderate', 'slow'],
  reach: ['society', 'wide', 'limited', 'small'],
  offlineRisk: ['imminent', 'possible', 'none'],
} as const;

export type IndicatorName = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

/** Flags that change obligations; `emergencyEvent` says the 舆情 arose from a 突发事件; `pressConference` records the leading group's 必要时 decision. */
export const FLAG_NAMES = ['massIncident', 'falseReport', 'suspectedCrime', 'mediaInquiry', 'emergencyEvent', 'pressConference'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

export const IndicatorsSchema = z
  .object({
    attention: z.enum(INDICATORS.attention),
    foreignMedia: z.enum(INDICATORS.foreignMedia),
    spread: z.enum(INDICATORS.spread),
    reach: z.enum(INDICATORS.reach),
    offlineRisk: z.enum(INDICATORS.offlineRisk),
  })
  .partial()
  .strict();
export type Indicators = z.infer<typeof IndicatorsSchema>;

export const FlagsSchema = z
  .object(Object.fromEntries(FLAG_NAMES.map((name) => [name, z.boolean()])) as Record<FlagName, z.ZodBoolean>)
  .partial()
  .strict();
export type Flags = z.infer<typeof FlagsSchema>;

/** Step ids of the shared procedure and the other duties the seeds name; `on-site`, `keep-order` and `evidence` are 004 四（三）现场处置. */
export const STEP_IDS = [
  'discover', 'monitor', 'report', 'consult', 'statement', 'reply', 'track',
  'aftercare', 'evaluate', 'accountability', 'revise',
  'continuous-monitoring', 'rebut', 'press-conference',
  'phone-report', 'written-report', 'verify',
  'warning-issue', 'warning-adjust', 'warning-lift', 'end-propose', 'end-approve',
  'monthly-analysis', 'daily-report', 'training', 'drill',
  'on-site', 'keep-order', 'evidence',
] as const;
export const StepIdSchema = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepIdSchema>;

/** Facts a plan's conditions may read: the indicators, the flags and the incident's state. */
export const FACT_NAMES = [
  ...INDICATOR_NAMES,
  ...FLAG_NAMES,
  'exercise',
  'subsided',
  'endProposed',
  'ended',
  'warningInForce',
  'warningOutdated',
  'level',
  'levelRank',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Facts available to classification rules: a level cannot depend on itself. */
export const CLASSIFICATION_FACT_NAMES: readonly FactName[] = [...INDICATOR_NAMES, ...FLAG_NAMES, 'exercise'];
