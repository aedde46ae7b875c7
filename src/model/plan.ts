import { z } from 'zod';
import { RootConditionSchema } from './condition.js';
import { built, lazySchema, once } from './lazy.js';

/** Every schema of a plan file, built together when one is first used (issue 15: nothing is built at import). */
const planSchemas = once(() => {
  const rootCondition = built(RootConditionSchema);
  const Id = z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$|^[IVX]{1,4}$/, { message: 'must be a lower-case id like "leading-group" (or a roman level like "II")' });
  const Text = z.string().min(1).max(500);

  const BasisSchema = z
    .strictObject({
      seed: z.string().regex(/^\d{3}$/, { message: 'must be a seed number like "000"' }).optional(),
      /** The part of a seed file that holds several plans (e.g. "篇三"). */
      section: z.string().max(20).optional(),
      /** The document's title (format 2): by default the one the plan's `source` cites. */
      document: Text.optional(),
      /** The document's number (文号, e.g. 国办发〔2016〕80号), format 2. */
      number: z.string().min(1).max(100).optional(),
      clause: Text,
      quote: z.string().max(2000).optional(),
    });

  const LevelSchema = z
    .strictObject({
      id: Id,
      rank: z.number().int().min(1).max(9),
      name: Text,
      nameEn: Text,
      colour: z.enum(['red', 'orange', 'yellow', 'blue']).optional(),
      /** 应急响应级别 (004: 一级 … 四级). */
      responseLevel: z.number().int().min(1).max(9).optional(),
      basis: BasisSchema,
    });

  const ClassificationRuleSchema = z
    .strictObject({
      id: Id,
      level: Id,
      priority: z.number().int().min(1).max(1000),
      conditions: rootCondition,
      basis: BasisSchema,
    });

  const PartySchema = z
    .strictObject({
      id: Id,
      name: Text,
      nameEn: Text.optional(),
      /** A body that decides collectively (党组, 领导小组会议): its duties are done only by the body itself or by all its members jointly. */
      collective: z.boolean().optional(),
      /** The roles that make up a collective role (roles only). */
      members: z.array(Id).min(1).max(50).optional(),
      basis: BasisSchema.optional(),
    });

  const EscalationSchema = z
    .strictObject({
      level: Id,
      lead: Id,
      leadNote: Text.optional(),
      approveStatement: z.array(Id).max(20).default([]),
      consultWith: z.array(Id).max(20).default([]),
      basis: BasisSchema,
    });

  const NotifyModeSchema = z.enum(['report', 'request', 'file', 'invite']);

  /** A step id: a shared one (STEP_IDS) or one the plan declares in `steps` (checked when the plan is validated). */
  const StepRefSchema = Id;

  /** What every duty says: which step, what to do (in Chinese), which role does it, toward whom. */
  const DUTY_FIELDS = { id: Id, step: StepRefSchema, title: Text, responsible: Id, to: Id.optional() };

  const ObligationAnchorSchema = z.union([
    z.enum(['occurredAt', 'discoveredAt', 'arisen', 'levelSet']),
    /** The first event of a step (with the duty's subject) at or after the duty arose. */
    z.strictObject({ event: Id }),
    /** The moment another obligation of the plan was done. */
    z.strictObject({ done: Id }),
  ]);

  const ExtensionSchema = z.strictObject({ max: z.string().max(40), workingDays: z.boolean().optional(), approvedBy: z.array(Id).min(1).max(20).optional() });

  const ApprovalSchema = z.strictObject({ mode: z.enum(['any', 'all', 'sequence']), by: z.array(Id).min(1).max(20) });

  const ObligationRuleSchema = z
    .strictObject({
      ...DUTY_FIELDS,
      notify: NotifyModeSchema.optional(),
      /** Where the clock starts (docs/clocks.md): a moment of the incident, the level taking effect, an event of a step, or another duty done. */
      anchor: ObligationAnchorSchema.default('arisen'),
      /** `keep`: a clock from occurrence or discovery counts from it even when the duty arises later (a late grading); absent: restart. */
      clock: z.enum(['restart', 'keep']).optional(),
      offset: z.string().max(40).nullable().default(null),
      /** Obligations this one waits for (docs/workflow.md): until they are done it is blocked, and by default its clock starts when the last of them was done. */
      after: z.array(Id).min(1).max(50).optional(),
      /** With `after`: an event doing the duty before all of them were done does not count (the order is required). */
      strict: z.boolean().optional(),
      /** Who approves (审核, 审签 …): the duty is done when events of its step by these roles satisfy the mode — any one, all, or all in the listed order. */
      approval: ApprovalSchema.optional(),
      /** 原则上 / 力争: past due and not done is `late`, kept apart from hard breaches. */
      soft: z.boolean().optional(),
      /** With `soft`: the hard limit (最迟不超过), an ISO 8601 duration from the same anchor as `offset`, in its units and longer; past it and not done is `overdue`. */
      latest: z.string().max(40).optional(),
      /** The deadline may be extended by `extended` events, in all at most `max` (working days when `workingDays`). */
      extension: ExtensionSchema.optional(),
      /** The duty repeats inside the incident (每日续报): each later instance arises at the previous deadline and is due this ISO 8601 duration after it (whole working days with `workingDays`). */
      every: z.string().max(40).optional(),
      immediate: z.boolean().default(false),
      /** The offset (whole days, `PnD`) counts working days on the official calendar with 调休. */
      workingDays: z.boolean().default(false),
      continuous: z.boolean().default(false),
      /** What ends a continuous duty: the incident subsiding, or the approved end of the emergency (004). */
      until: z.enum(['subsided', 'ended']).optional(),
      /** `upgrade`: the duty arises anew each time the level rises (e.g. report a worsening at once); `breach`: it arises each time the duty named in `of` misses its deadline (通报批评, 问责). */
      on: z.enum(['upgrade', 'breach']).optional(),
      /** With `on: "breach"`: the obligation whose missed deadlines raise this duty. */
      of: Id.optional(),
      /** The drill subject (003), or another label that tells instances of one step apart. */
      subject: Text.optional(),
      when: rootCondition.optional(),
      /** The layer the duty comes from, set when a plan is built on layers (docs/layers.md). */
      layer: Id.optional(),
      basis: BasisSchema,
    });

  const RecurringDutySchema = z
    .strictObject({
      ...DUTY_FIELDS,
      /** The period, an ISO 8601 duration: P1D, P1W, P1M, P1Y. */
      every: z.string().max(40),
      /** The layer the duty comes from, set when a plan is built on layers (docs/layers.md). */
      layer: Id.optional(),
      basis: BasisSchema,
    });

  const RiskOutcomeSchema = z
    .strictObject({ outcome: z.enum(['reject-or-adjust', 'postpone', 'proceed-with-explanation']), text: Text });

  const RiskAssessmentSchema = z
    .strictObject({
      steps: z.array(z.strictObject({ id: Id, name: Text })).min(1).max(20),
      outcomes: z.strictObject({ high: RiskOutcomeSchema, medium: RiskOutcomeSchema, low: RiskOutcomeSchema }),
      filing: z.array(Id).max(20),
      basis: BasisSchema,
    });

  const FactNameSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: 'must be a camelCase fact name like "mediaTier"' });

  const IndicatorValueSchema = z.strictObject({ id: Id, name: Text, nameEn: Text.optional() });

  const FactSetBySchema = z.array(z.array(Id).min(1).max(20)).min(1).max(20);

  const DeclaredIndicatorSchema = z
    .strictObject({ name: Text, nameEn: Text.optional(), values: z.array(IndicatorValueSchema).min(2).max(20), setBy: FactSetBySchema.optional(), basis: BasisSchema.optional() });

  const DeclaredFlagSchema = z.strictObject({ name: Text, nameEn: Text.optional(), setBy: FactSetBySchema.optional(), basis: BasisSchema.optional() });

  const MetricBandSchema = z.strictObject({ atLeast: z.number().finite(), value: Id });

  const DeclaredMetricSchema = z
    .strictObject({
      name: Text,
      nameEn: Text.optional(),
      unit: z.string().min(1).max(20).optional(),
      /** Whole numbers only; absent reads as true. */
      integer: z.boolean().optional(),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      /** The indicator (shared or declared) the metric sets, by bands most severe first. */
      sets: z.strictObject({ indicator: FactNameSchema, bands: z.array(MetricBandSchema).min(1).max(20) }).optional(),
      setBy: FactSetBySchema.optional(),
      basis: BasisSchema.optional(),
    });

  const FactsSchema = z
    .strictObject({
      indicators: z.record(FactNameSchema, DeclaredIndicatorSchema).optional(),
      flags: z.record(FactNameSchema, DeclaredFlagSchema).optional(),
      metrics: z.record(FactNameSchema, DeclaredMetricSchema).optional(),
    });

  const DeclaredStepSchema = z.strictObject({ id: Id, title: Text, titleEn: Text.optional(), basis: BasisSchema.optional() });

  const ParameterSchema = z
    .strictObject({
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
    });

  const UngradedSchema = z
    .strictObject({ name: Text, nameEn: Text.optional(), lead: Id, leadNote: Text.optional(), basis: BasisSchema });

  const RaiseRuleSchema = z
    .strictObject({ id: Id, when: rootCondition, by: z.number().int().min(1).max(8).optional(), basis: BasisSchema });

  const GradingSchema = z
    .strictObject({
      ungraded: UngradedSchema.optional(),
      gradedBy: z.array(z.array(Id).min(1).max(20)).min(1).max(20).optional(),
      raise: z.array(RaiseRuleSchema).min(1).max(50).optional(),
      /** 原则上不因数据回落降级: a level the criteria gave is not lowered by the criteria again; only a judgement lowers it. */
      hold: z.strictObject({ basis: BasisSchema }).optional(),
    });

  const SeedSourceSchema = z.strictObject({ seed: z.string().regex(/^\d{3}$/), file: Text, section: Text.optional() });
  const DocumentSourceSchema = z
    .strictObject({
      /** The document's title, e.g. 《XX市网络舆情应急处置细则》. */
      document: Text,
      /** Its number (文号), e.g. 国办发〔2016〕80号. */
      number: z.string().min(1).max(100).optional(),
      issuer: Text.optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like "2026-03-02"' }).optional(),
    });
  const PlanSourceCitationSchema = z.union([SeedSourceSchema, DocumentSourceSchema]);

  const LevelMapSchema = z.record(Id, z.array(Id).max(9));

  const AboveSchema = z
    .strictObject({
      layer: Id,
      levels: LevelMapSchema,
      /** A role id of the layer → the role of this file that fills it. */
      roles: z.record(Id, Id).optional(),
      /** A recipient id of the layer → the recipient of this file it means (上级人民政府 → 县人民政府). */
      recipients: z.record(Id, Id).optional(),
      overrides: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      remove: z.record(z.string(), z.array(z.string())).optional(),
      restore: z.record(z.string(), z.array(z.string())).optional(),
      /** Set in a composed plan (`plan.definition`): the layer's duties are in the file already, and loading it again does not bring them twice. */
      composed: z.literal(true).optional(),
    });

  const PlanDefinitionSchema = z
    .strictObject({
      $schema: z.string().max(500).optional(),
      /** The format of the file: 1 (absent) is today's; 2 may use the fields of format 2 (docs/rule-authoring.md). */
      format: z.literal([1, 2]).optional(),
      id: Id,
      version: z.string().min(1).max(40),
      title: Text,
      titleEn: Text.optional(),
      unit: Text,
      source: PlanSourceCitationSchema,
      timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
      levels: z.array(LevelSchema).min(1).max(9),
      conditions: z.record(Id, rootCondition).default({}),
      /** Empty only in a plan graded by judgement alone (`grading.ungraded`). */
      classification: z.array(ClassificationRuleSchema).max(1000),
      roles: z.array(PartySchema).min(1).max(200),
      recipients: z.array(PartySchema).max(200).default([]),
      escalation: z.array(EscalationSchema).max(9),
      obligations: z.array(ObligationRuleSchema).max(1000),
      recurring: z.array(RecurringDutySchema).max(100).default([]),
      riskAssessment: RiskAssessmentSchema.optional(),
      parameters: z.array(ParameterSchema).max(50).default([]),
      /** Fractions of the time to a deadline at which to remind, before it is breached. */
      reminders: z.array(z.number().gt(0).lt(1)).max(5).default([0.5, 0.75]),
      grading: GradingSchema.optional(),
      /** Indicators, flags and metrics the plan declares beside the shared ones (format 2). */
      facts: FactsSchema.optional(),
      /** Steps the plan declares beside the shared ones (format 2). */
      steps: z.array(DeclaredStepSchema).max(100).optional(),
      /** `layer`: rules that plans below build on (national, provincial), loaded and tested like a plan (format 2, docs/layers.md). */
      kind: z.enum(['plan', 'layer']).optional(),
      /** In a layer: how plans that name their levels in the shared vocabulary (I–IV, red…blue) map to its levels, when they declare no mapping of their own. */
      correspondence: LevelMapSchema.optional(),
      /** The layer this file is built on (format 2, docs/layers.md). */
      above: AboveSchema.optional(),
    });
  return { BasisSchema, LevelSchema, ClassificationRuleSchema, PartySchema, EscalationSchema, NotifyModeSchema, ObligationAnchorSchema, ExtensionSchema, ApprovalSchema, ObligationRuleSchema, RecurringDutySchema, RiskAssessmentSchema, FactNameSchema, IndicatorValueSchema, FactSetBySchema, DeclaredIndicatorSchema, DeclaredFlagSchema, MetricBandSchema, DeclaredMetricSchema, FactsSchema, DeclaredStepSchema, ParameterSchema, UngradedSchema, RaiseRuleSchema, GradingSchema, SeedSourceSchema, DocumentSourceSchema, PlanSourceCitationSchema, LevelMapSchema, AboveSchema, PlanDefinitionSchema };
});

/**
 * Where a rule comes from: the clause it encodes, with its words. A bundled plan cites its seed file
 * (`seed`, required there); a plan citing its own document (format 2) gives the clause, and may name
 * another document (`document`, `number`: by default the plan's own).
 */
export const BasisSchema = lazySchema(() => planSchemas().BasisSchema);
export type Basis = z.infer<typeof BasisSchema>;

export const LevelSchema = lazySchema(() => planSchemas().LevelSchema);

/** A classification rule in json-rules-engine's rule format: when `conditions` hold, the incident is at `level`. */
export const ClassificationRuleSchema = lazySchema(() => planSchemas().ClassificationRuleSchema);

/** Someone inside the unit (a role) or outside it (a recipient), with the Chinese name the seed uses. */
export const PartySchema = lazySchema(() => planSchemas().PartySchema);

/** Who leads the response at a level, who approves the statement, whom the unit consults. */
export const EscalationSchema = lazySchema(() => planSchemas().EscalationSchema);

/** How a duty toward an outside body is made: 上报, 请示, 备案 or 邀请指导. */
export const NotifyModeSchema = lazySchema(() => planSchemas().NotifyModeSchema);

/** Where a duty's clock starts: see docs/clocks.md. */
export const ObligationAnchorSchema = lazySchema(() => planSchemas().ObligationAnchorSchema);
export type ObligationAnchor = z.infer<typeof ObligationAnchorSchema>;

/** How far `extended` events may move a duty's deadline: at most `max` in all. */
/** How far a duty's deadline may be extended in all, and (`approvedBy`) which roles may grant it (延期须经…批准). */
export const ExtensionSchema = lazySchema(() => planSchemas().ExtensionSchema);

/** Approvals a duty needs: `any` one of the roles, `all` of them, or all in the listed `sequence`. */
export const ApprovalSchema = lazySchema(() => planSchemas().ApprovalSchema);
export type Approval = z.infer<typeof ApprovalSchema>;

/** A timing obligation: what step, by whom, to whom, by when, under which condition, on which clause. */
export const ObligationRuleSchema = lazySchema(() => planSchemas().ObligationRuleSchema);

/** A duty that recurs on the calendar (monthly analysis, daily reports, training): listed by `schedule`. */
export const RecurringDutySchema = lazySchema(() => planSchemas().RecurringDutySchema);

/** 重大决策舆情风险评估 (002 篇一): the assessment's steps, the outcome per risk level, and where the report is filed. */
export const RiskAssessmentSchema = lazySchema(() => planSchemas().RiskAssessmentSchema);

/** A name a plan gives a fact it declares: camelCase, like the shared ones ("mediaTier", "reposts"). */
export const FactNameSchema = lazySchema(() => planSchemas().FactNameSchema);

/** One value of a declared indicator, with its Chinese label. */
export const IndicatorValueSchema = lazySchema(() => planSchemas().IndicatorValueSchema);

/** Who may record a declared fact by an event: alternatives, each all of its roles jointly (like `grading.gradedBy`). */
export const FactSetBySchema = lazySchema(() => planSchemas().FactSetBySchema);

/** An indicator a plan declares: its values most severe first. */
export const DeclaredIndicatorSchema = lazySchema(() => planSchemas().DeclaredIndicatorSchema);

/** A flag a plan declares: true or false on the incident. */
export const DeclaredFlagSchema = lazySchema(() => planSchemas().DeclaredFlagSchema);

/** A threshold of a metric: a number at least `atLeast` sets the indicator to `value`. */
export const MetricBandSchema = lazySchema(() => planSchemas().MetricBandSchema);

/** A number the incident records (转发量, 阅读量 …), which may set an indicator through its bands. */
export const DeclaredMetricSchema = lazySchema(() => planSchemas().DeclaredMetricSchema);

/** The facts a plan declares beside the shared ones: indicators, flags and metrics by name. */
export const FactsSchema = lazySchema(() => planSchemas().FactsSchema);

/** A step a plan declares beside the shared ones (认领, 督查 …): obligations and events may use its id. */
export const DeclaredStepSchema = lazySchema(() => planSchemas().DeclaredStepSchema);

/** A blank of the seed ([X], xx, [具体部门]) that the adopting unit fills when it loads the plan. */
export const ParameterSchema = lazySchema(() => planSchemas().ParameterSchema);

/** The phase before anyone has graded the incident (待研判定级): its name and who leads it meanwhile. */
export const UngradedSchema = lazySchema(() => planSchemas().UngradedSchema);

/** Raise the level by `by` ranks (absent: one) when `when` holds, e.g. 处置不当的上调一级; capped at the most severe level. */
export const RaiseRuleSchema = lazySchema(() => planSchemas().RaiseRuleSchema);

/** Grading by judgement: the ungraded phase, who may grade (alternatives, each all of its roles jointly), and relative rules. */
export const GradingSchema = lazySchema(() => planSchemas().GradingSchema);

/** What a plan encodes: a seed file of the repository (bundled plans), or the unit's own document (format 2). */
export const SeedSourceSchema = lazySchema(() => planSchemas().SeedSourceSchema);

export const DocumentSourceSchema = lazySchema(() => planSchemas().DocumentSourceSchema);

export const PlanSourceCitationSchema = lazySchema(() => planSchemas().PlanSourceCitationSchema);

/** A level of a file mapped to the levels of the layer above it that it counts as (a local 重大敏感类 → 特别重大 and 重大); an empty list: none. */
export const LevelMapSchema = lazySchema(() => planSchemas().LevelMapSchema);

/**
 * The layer a plan (or another layer) is built on (docs/layers.md): its id, how this file's levels map
 * to its levels, which of this file's roles and recipients stand for its own, and what this file changes
 * of its duties — `overrides` and `remove` by id, `restore` to take back a duty a layer in between removed.
 */
export const AboveSchema = lazySchema(() => planSchemas().AboveSchema);
export type Above = z.infer<typeof AboveSchema>;

/** The rule file: a whole response plan as data. */
export const PlanDefinitionSchema = lazySchema(() => planSchemas().PlanDefinitionSchema);

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
export type Grading = z.infer<typeof GradingSchema>;
export type RaiseRule = z.infer<typeof RaiseRuleSchema>;
export type Facts = z.infer<typeof FactsSchema>;
export type DeclaredIndicator = z.infer<typeof DeclaredIndicatorSchema>;
export type DeclaredFlag = z.infer<typeof DeclaredFlagSchema>;
export type DeclaredMetric = z.infer<typeof DeclaredMetricSchema>;
export type MetricBand = z.infer<typeof MetricBandSchema>;
export type DeclaredStep = z.infer<typeof DeclaredStepSchema>;

/** A plan that builds on a template: its own items, plus `overrides` and `remove` by id (see docs/rule-authoring.md). Built when asked (the JSON Schema): loading never needs it. */
export function extendingPlanSchema() {
  return built(PlanDefinitionSchema)
    .partial()
    .extend({
      extends: z.string().min(1).max(100),
      overrides: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      remove: z.record(z.string(), z.array(z.string())).optional(),
    })
    .strict();
}

/** A rule file as written: a complete plan, or one that `extends` a template. */
export function planFileSchema() {
  return z.union([built(PlanDefinitionSchema), extendingPlanSchema()]);
}