// The page's own Chinese words for event types and codes (UI chrome); shared steps are named by the library's STEP_TITLES, a plan's declared steps by their own titles.


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
