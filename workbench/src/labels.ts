// The page's own Chinese words for shared steps and event types (UI chrome; a plan's declared steps use their own titles).

export const STEP_LABELS: Readonly<Record<string, string>> = {
  discover: '发现舆情',
  monitor: '监测舆情',
  report: '快报事实（报告）',
  consult: '会商措施',
  statement: '形成通稿',
  reply: '正面回复',
  track: '跟踪引导',
  aftercare: '善后处置',
  evaluate: '总结评估',
  accountability: '责任考评',
  revise: '修订预案',
  'continuous-monitoring': '24 小时不间断监测',
  rebut: '澄清（联系媒体更正）',
  'press-conference': '新闻发布会',
  'phone-report': '电话报告',
  'written-report': '书面报告',
  verify: '核实情况',
  'warning-issue': '发布预警',
  'warning-adjust': '调整预警',
  'warning-lift': '解除预警',
  'end-propose': '提出应急结束',
  'end-approve': '批准应急结束',
  'monthly-analysis': '每月舆情分析',
  'daily-report': '日报告、零报告',
  training: '培训',
  drill: '演练',
  'drill-start': '演练科目开始',
  grade: '研判定级',
  'on-site': '现场处置',
  'keep-order': '维护现场秩序',
  evidence: '调查取证',
};

/** Events of the incident's state (not steps), with what each carries besides `at`, `by` and `note`. */
export const STATE_EVENTS: Readonly<Record<string, { label: string; fields: readonly EventField[] }>> = {
  'level-set': { label: '研判定级（设定级别）', fields: ['level'] },
  'indicators-updated': { label: '指标更新', fields: ['indicators'] },
  'flags-updated': { label: '情形更新', fields: ['flags'] },
  'metrics-updated': { label: '数据更新', fields: ['metrics'] },
  extended: { label: '延长时限', fields: ['obligation', 'duration'] },
  subsided: { label: '舆情平息', fields: [] },
  'warning-issued': { label: '发布预警（级别）', fields: ['level'] },
  'warning-adjusted': { label: '调整预警（级别）', fields: ['level'] },
  'warning-lifted': { label: '解除预警', fields: [] },
  'end-proposed': { label: '提出应急结束', fields: [] },
  'end-approved': { label: '批准应急结束', fields: [] },
  evaluated: { label: '完成总结评估', fields: [] },
};

/** Fields an event row may show besides type, at, by and note. */
export type EventField = 'to' | 'subject' | 'level' | 'indicators' | 'flags' | 'metrics' | 'obligation' | 'duration';

/** The fields of an event of a type: a state event's own, or a step's `to` and `subject`. */
export function eventFields(type: string): readonly EventField[] {
  return STATE_EVENTS[type]?.fields ?? ['to', 'subject'];
}

export const SOURCE_LABELS: Readonly<Record<string, string>> = { criteria: '按分级标准', judgement: '研判定级', ungraded: '尚未定级' };

export const MODE_LABELS: Readonly<Record<string, string>> = { report: '上报', request: '请示', file: '备案', invite: '邀请指导' };

export const COLOUR_LABELS: Readonly<Record<string, string>> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' };
