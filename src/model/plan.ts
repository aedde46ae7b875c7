import { z } from 'zod';
import { RootConditionSchema } from './condition.js';
import { StepIdSchema } from './vocabulary.js';

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$|^[IVX]{1,4}$/, { message: 'must be a lower-case id like "leading-group" (or a roman level like "II")' });
const Text = z.string().min(1).max(500);

/** Where a rule comes from: the seed file and its clause, with the words it encodes. */
export const BasisSchema = z
  .object({
    seed: z.string().regex(/^\d{3}$/, { message: 'must be a seed number like "000"' }),
    /** The part of a seed file that holds several plans (e.g. "篇三"). */
    section: z.string().max(20).optional(),
    clause: Text,
    quote: z.string().max(2000).optional(),
  })
  .strict();
export type Basis = z.infer<typeof BasisSchema>;

export const LevelSchema = z
  .object({
    id: Id,
    rank: z.number().int().min(1).max(9),
    name: Text,
    nameEn: Text,
    colour: z.enum(['red', 'orange', 'yellow', 'blue']).optional(),
    /** 应急响应级别 (004: 一级 … 四级). */
    responseLevel: z.number().int().min(1).max(9).optional(),
    basis: BasisSchema,
  })
  .strict();

/** A classification rule in json-rules-engine's rule format: when `conditions` hold, the incident is at `level`. */
export const ClassificationRuleSchema = z
  .object({
    id: Id,
    level: Id,
    priority: z.number().int().min(1).max(1000),
    conditions: RootConditionSchema,
    basis: BasisSchema,
  })
  .strict();

/** Someone inside the unit (a role) or outside it (a recipient), with the Chinese name the seed uses. */
export const PartySchema = z
  .object({ id: Id, name: Text, nameEn: Text.optional(), basis: BasisSchema.optional() })
  .strict();

/** Who leads the response at a level, who approves the statement, whom the unit consults. */
export const EscalationSchema = z
  .object({
    level: Id,
    lead: Id,
    leadNote: Text.optional(),
    approveStatement: z.array(Id).max(20).default([]),
    consultWith: z.array(Id).max(20).default([]),
    basis: BasisSchema,
  })
  .strict();

/** How a duty toward an outside body is made: 上报, 请示, 备案 or 邀请指导. */
export const NotifyModeSchema = z.enum(['report', 'request', 'file', 'invite']);

/** What every duty says: which step, what to do (in Chinese), which role does it, toward whom. */
const DUTY_FIELDS = { id: Id, step: StepIdSchema, title: Text, responsible: Id, to: Id.optional() };

/** A timing obligation: what step, by whom, to whom, by when, under which condition, on which clause. */
export const ObligationRuleSchema = z
  .object({
    ...DUTY_FIELDS,
    notify: NotifyModeSchema.optional(),
    anchor: z.enum(['occurredAt', 'discoveredAt', 'arisen']).default('arisen'),
    offset: z.string().max(40).nullable().default(null),
    immediate: z.boolean().default(false),
    /** The offset (whole days, `PnD`) counts working days on the official calendar with 调休. */
    workingDays: z.boolean().default(false),
    continuous: z.boolean().default(false),
    /** What ends a continuous duty: the incident subsiding, or the approved end of the emergency (004). */
    until: z.enum(['subsided', 'ended']).optional(),
    /** `upgrade`: the duty arises anew each time the level rises (e.g. report a worsening at once). */
    on: z.enum(['upgrade']).optional(),
    /** The drill subject (003), or another label that tells instances of one step apart. */
    subject: Text.optional(),
    when: RootConditionSchema.optional(),
    basis: BasisSchema,
  })
  .strict();

/** A duty that recurs on the calendar (monthly analysis, daily reports, training): listed by `schedule`. */
export const RecurringDutySchema = z
  .object({
    ...DUTY_FIELDS,
    /** The period, an ISO 8601 duration: P1D, P1W, P1M, P1Y. */
    every: z.string().max(40),
    basis: BasisSchema,
  })
  .strict();

const RiskOutcomeSchema = z
  .object({ outcome: z.enum(['reject-or-adjust', 'postpone', 'proceed-with-explanation']), text: Text })
  .strict();

/** 重大决策舆情风险评估 (002 篇一): the assessment's steps, the outcome per risk level, and where the report is filed. */
export const RiskAssessmentSchema = z
  .object({
    steps: z.array(z.object({ id: Id, name: Text }).strict()).min(1).max(20),
    outcomes: z.object({ high: RiskOutcomeSchema, medium: RiskOutcomeSchema, low: RiskOutcomeSchema }).strict(),
    filing: z.array(Id).max(20),
    basis: BasisSchema,
  })
  .strict();

/** A blank of the seed ([X], xx, [具体部门]) that the adopting unit fills when it loads the plan. */
export const ParameterSchema = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: 'must be a camelCase name like "phoneReportMinutes"' }),
    type: z.enum(['number', 'text']),
    name: Text,
    unit: z.enum(['minutes', 'hours', 'days']).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
    /** An optional blank stays open: `{{id}}` is then written as `placeholder`. */
    optional: z.boolean().default(false),
    placeholder: z.string().max(40).optional(),
    basis: BasisSchema,
  })
  .strict();

/** The rule file: a whole response plan as data. */
export const PlanDefinitionSchema = z
  .object({
    $schema: z.string().max(500).optional(),
    id: Id,
    version: z.string().min(1).max(40),
    title: Text,
    titleEn: Text.optional(),
    unit: Text,
    source: z.object({ seed: z.string().regex(/^\d{3}$/), file: Text, section: Text.optional() }).strict(),
    timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
    levels: z.array(LevelSchema).min(1).max(9),
    conditions: z.record(Id, RootConditionSchema).default({}),
    classification: z.array(ClassificationRuleSchema).min(1).max(1000),
    roles: z.array(PartySchema).min(1).max(200),
    recipients: z.array(PartySchema).max(200).default([]),
    escalation: z.array(EscalationSchema).max(9),
    obligations: z.array(ObligationRuleSchema).max(1000),
    recurring: z.array(RecurringDutySchema).max(100).default([]),
    riskAssessment: RiskAssessmentSchema.optional(),
    parameters: z.array(ParameterSchema).max(50).default([]),
    /** Fractions of the time to a deadline at which to remind, before it is breached. */
    reminders: z.array(z.number().gt(0).lt(1)).max(5).default([0.5, 0.75]),
  })
  .strict();

/** A plan as written in a rule file (before defaults). */
export type PlanSource = z.input<typeof PlanDefinitionSchema>;
/** A validated plan definition (defaults filled in). */
export type PlanDefinition = z.infer<typeof PlanDefinitionSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type ClassificationRule = z.infer<typeof ClassificationRuleSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Escalation = z.infer<typeof EscalationSchema>;
export type ObligationRule = z.infer<typeof ObligationRuleSchema>;
export type NotifyMode = z.infer<typeof NotifyModeSchema>;
export type RecurringDuty = z.infer<typeof RecurringDutySchema>;
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;
export type Parameter = z.infer<typeof ParameterSchema>;

/** A plan that builds on a template: its own items, plus `overrides` and `remove` by id (see docs/rule-authoring.md). */
export const ExtendingPlanSchema = PlanDefinitionSchema.partial()
  .extend({
    extends: z.string().min(1).max(100),
    overrides: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    remove: z.record(z.string(), z.array(z.string())).optional(),
  })
  .strict();

/** A rule file as written: a complete plan, or one that `extends` a template. */
export const PlanFileSchema = z.union([PlanDefinitionSchema, ExtendingPlanSchema]);
