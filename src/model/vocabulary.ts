import { z } from 'zod';
import { lazySchema } from './lazy.js';

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

export const IndicatorsSchema = lazySchema(() =>
  z
    .object({
      attention: z.enum(INDICATORS.attention),
      foreignMedia: z.enum(INDICATORS.foreignMedia),
      spread: z.enum(INDICATORS.spread),
      reach: z.enum(INDICATORS.reach),
      offlineRisk: z.enum(INDICATORS.offlineRisk),
    })
    .partial()
    .strict(),
);
export type Indicators = z.infer<typeof IndicatorsSchema>;

export const FlagsSchema = lazySchema(() =>
  z
    .object(Object.fromEntries(FLAG_NAMES.map((name) => [name, z.boolean()])) as Record<FlagName, z.ZodBoolean>)
    .partial()
    .strict(),
);
export type Flags = z.infer<typeof FlagsSchema>;

/** Step ids of the shared procedure and the other duties the seeds name; `on-site`, `keep-order` and `evidence` are 004 四（三）现场处置; `drill-start` is a drill subject starting (003 四（七））; `grade` (研判定级) is what a `level-set` event records. */
export const STEP_IDS = [
  'discover', 'monitor', 'report', 'consult', 'statement', 'reply', 'track',
  'aftercare', 'evaluate', 'accountability', 'revise',
  'continuous-monitoring', 'rebut', 'press-conference',
  'phone-report', 'written-report', 'verify',
  'warning-issue', 'warning-adjust', 'warning-lift', 'end-propose', 'end-approve',
  'monthly-analysis', 'daily-report', 'training', 'drill', 'drill-start', 'grade',
  'on-site', 'keep-order', 'evidence',
] as const;
export const StepIdSchema = lazySchema(() => z.enum(STEP_IDS));
export type StepId = z.infer<typeof StepIdSchema>;

/** The Chinese name of each shared step, as explanations and tables write it. */
export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  'discover': '发现舆情',
  'monitor': '监测舆情',
  'report': '快报事实（报告）',
  'consult': '会商措施',
  'statement': '形成通稿',
  'reply': '正面回复',
  'track': '跟踪引导',
  'aftercare': '善后处置',
  'evaluate': '总结评估',
  'accountability': '责任考评',
  'revise': '修订预案',
  'continuous-monitoring': '24 小时不间断监测',
  'rebut': '澄清（联系媒体更正）',
  'press-conference': '新闻发布会',
  'phone-report': '电话报告',
  'written-report': '书面报告',
  'verify': '核实情况',
  'warning-issue': '发布预警',
  'warning-adjust': '调整预警',
  'warning-lift': '解除预警',
  'end-propose': '提出应急结束',
  'end-approve': '批准应急结束',
  'monthly-analysis': '每月舆情分析',
  'daily-report': '日报告、零报告',
  'training': '培训',
  'drill': '演练',
  'drill-start': '演练科目开始',
  grade: '研判定级',
  'on-site': '现场处置',
  'keep-order': '维护现场秩序',
  'evidence': '调查取证',
};

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
  /** Whether the incident has a level: false only in the ungraded phase of a plan graded by judgement (grading.ungraded). */
  'graded',
  'level',
  'levelRank',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Facts available to classification rules: a level cannot depend on itself. */
export const CLASSIFICATION_FACT_NAMES: readonly FactName[] = [...INDICATOR_NAMES, ...FLAG_NAMES, 'exercise'];
