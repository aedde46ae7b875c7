import { type Lang } from '../i18n/lang.js';
import type { FactEntry, FactTable } from './facts.js';
import type { FlagName, IndicatorName } from './vocabulary.js';

/** A text in both languages. */
export interface Label {
  zh: string;
  en: string;
}

/** The shared indicators and their values as people read them (the grading criteria of 002 篇三 四: 关注度极高, 境外媒体开始关注 …). */
export const INDICATOR_LABELS: Readonly<Record<IndicatorName, { label: Label; values: Readonly<Record<string, Label>> }>> = {
  attention: {
    label: { zh: '关注度', en: 'attention' },
    values: { extreme: { zh: '极高', en: 'extreme' }, high: { zh: '高', en: 'high' }, elevated: { zh: '较高', en: 'elevated' }, low: { zh: '低', en: 'low' } },
  },
  foreignMedia: {
    label: { zh: '境外媒体关注', en: 'foreign media' },
    values: { intense: { zh: '高度关注', en: 'intense' }, emerging: { zh: '开始关注', en: 'emerging' }, none: { zh: '未关注', en: 'none' } },
  },
  spread: {
    label: { zh: '传播速度', en: 'spread' },
    values: { 'very-fast': { zh: '非常快', en: 'very fast' }, fast: { zh: '快', en: 'fast' }, moderate: { zh: '中等', en: 'moderate' }, slow: { zh: '慢', en: 'slow' } },
  },
  reach: {
    label: { zh: '影响范围', en: 'reach' },
    values: { society: { zh: '整个社会', en: 'society' }, wide: { zh: '很大范围', en: 'wide' }, limited: { zh: '一定范围', en: 'limited' }, small: { zh: '较小范围', en: 'small' } },
  },
  offlineRisk: {
    label: { zh: '转化为行为舆论', en: 'offline risk' },
    values: { imminent: { zh: '即将转化', en: 'imminent' }, possible: { zh: '有可能', en: 'possible' }, none: { zh: '没有可能', en: 'none' } },
  },
};

/** The shared flags as people read them. */
export const FLAG_LABELS: Readonly<Record<FlagName, Label>> = {
  massIncident: { zh: '群体性突发事件', en: 'mass incident' },
  falseReport: { zh: '虚假不实报道', en: 'false report' },
  suspectedCrime: { zh: '涉嫌违法犯罪', en: 'suspected crime' },
  mediaInquiry: { zh: '媒体采访报道', en: 'media inquiry' },
  emergencyEvent: { zh: '由突发事件引发', en: 'arising from an emergency' },
  pressConference: { zh: '决定召开新闻发布会', en: 'press conference decided' },
};

/** The incident's states, its level and its level's rank as conditions read them. */
export const STATE_LABELS: Readonly<Record<string, Label>> = {
  exercise: { zh: '演练', en: 'exercise' },
  subsided: { zh: '舆情已平息', en: 'subsided' },
  endProposed: { zh: '已提出应急结束', en: 'end proposed' },
  ended: { zh: '应急已结束', en: 'ended' },
  warningInForce: { zh: '预警生效中', en: 'warning in force' },
  warningOutdated: { zh: '预警待调整', en: 'warning outdated' },
  graded: { zh: '已定级', en: 'graded' },
  level: { zh: '级别', en: 'level' },
  levelRank: { zh: '级别序号', en: 'level rank' },
};

const own = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** The label of a fact in the reader's language: the shared table's, or the plan's own (`name`, `nameEn`) for a declared one, else its name. */
export function factLabel(entry: FactEntry | undefined, name: string, lang: Lang): string {
  if (entry !== undefined && !entry.shared) return (lang === 'en' ? entry.labelEn : undefined) ?? entry.label ?? name;
  if (own(INDICATOR_LABELS, name)) return INDICATOR_LABELS[name as IndicatorName].label[lang];
  if (own(FLAG_LABELS, name)) return FLAG_LABELS[name as FlagName][lang];
  if (own(STATE_LABELS, name)) return (STATE_LABELS[name] as Label)[lang];
  return name;
}

/** The label of a value of a fact in the reader's language: an indicator's value, 是/否 for a flag or state, a number or a level id as it is. */
export function valueLabel(entry: FactEntry | undefined, name: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'en' ? 'none' : '无';
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (typeof value === 'number') return entry?.metric?.unit === undefined ? String(value) : `${value} ${entry.metric.unit}`;
  const text = String(value);
  if (entry !== undefined && !entry.shared) return (lang === 'en' ? entry.labelsEn?.get(text) : undefined) ?? entry.labels?.get(text) ?? text;
  if (own(INDICATOR_LABELS, name)) {
    const values = INDICATOR_LABELS[name as IndicatorName].values;
    if (own(values, text)) return (values[text] as Label)[lang];
  }
  return text;
}

/** A fact and its value as people read them: `关注度：高`, `群体性突发事件：是`; en: `attention: high`. */
export function factText(table: FactTable, fact: string, value: unknown, lang: Lang = 'zh'): string {
  const entry = table.facts.get(fact);
  return `${factLabel(entry, fact, lang)}${lang === 'en' ? ': ' : '：'}${valueLabel(entry, fact, value, lang)}`;
}
