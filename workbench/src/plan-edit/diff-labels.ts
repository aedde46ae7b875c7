// The fields and values of the testing toolkit's diff (compareDecisions' field paths) in Chinese, for the page.
import type { Json } from './thresholds.js';

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

const LEVEL_FIELDS: Record<string, string> = { source: '定级方式', rank: '级别序号', name: '级别名称', nameEn: '级别英文名', colour: '级别颜色', setAt: '定级时间', setBy: '定级人' };
const OBLIGATION_FIELDS: Record<string, string> = {
  step: '步骤',
  title: '标题',
  subject: '对象',
  dueAt: '截止时间',
  status: '状态',
  responsible: '责任方',
  'responsible.name': '责任方名称',
  to: '报送对象',
  'recipient.name': '报送对象名称',
  notify: '通知方式',
  kind: '时限类型',
  until: '持续至',
  arisenAt: '产生时间',
  doneAt: '完成时间',
  reason: '原因',
  basis: '依据',
  reminders: '提醒',
};
const KINDS: Record<string, string> = { deadline: '限时', immediate: '第一时间', continuous: '持续', undated: '无固定时限' };
const SOURCES: Record<string, string> = { criteria: '按标准定级', judgement: '研判定级', ungraded: '未定级' };
const WORDS: Record<string, string> = { absent: '无', arisen: '产生', notified: '通知', 'a decision': '得出决策' };
const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Names of the plan's items, for labels: duties' titles, parties' names. */
export interface PlanNames {
  obligation(id: string): string;
  party(id: string): string;
}

/** The names of a resolved plan definition (plan.definition): an unknown id is itself. */
export function planNames(resolved: unknown): PlanNames {
  const plan = isObject(resolved) ? resolved : {};
  const index = (key: string, field: string): Map<string, string> => {
    const out = new Map<string, string>();
    const list = Array.isArray(plan[key]) ? (plan[key] as unknown[]) : [];
    for (const item of list) if (isObject(item) && typeof item.id === 'string' && typeof item[field] === 'string') out.set(item.id, item[field] as string);
    return out;
  };
  const titles = index('obligations', 'title');
  const parties = new Map([...index('roles', 'name'), ...index('recipients', 'name')]);
  return { obligation: (id) => titles.get(id) ?? id, party: (id) => parties.get(id) ?? id };
}

/** A diff field in Chinese: `obligations.report.dueAt` → 「上报」截止时间. */
export function fieldLabel(field: string, names: PlanNames): string {
  const [head, ...rest] = field.split('.');
  if (head === 'level') return rest.length === 0 ? '级别' : (LEVEL_FIELDS[rest.join('.')] ?? field);
  if (head === 'lead') return rest.length === 0 ? '牵头' : rest[0] === 'name' ? '牵头名称' : '牵头说明';
  if (head === 'escalation') {
    const list = rest[0] === 'approveStatement' ? '审批发布' : rest[0] === 'consultWith' ? '会商' : '分级依据';
    return rest.length >= 3 ? `${list}「${names.party(rest[1]!)}」名称` : list;
  }
  if (head === 'notify') {
    if (rest.length === 0) return '通知顺序';
    const who = `通知「${names.party(rest[0]!)}」`;
    return rest[1] === 'dueAt' ? `${who}时限` : rest[1] === 'name' ? `${who}名称` : who;
  }
  if (head === 'obligations') {
    if (rest.length === 0) return '事项顺序';
    const what = `「${names.obligation(rest[0]!)}」`;
    const sub = rest.slice(1).join('.');
    return sub === '' ? `事项${what}` : `${what}${own(OBLIGATION_FIELDS, sub) ? OBLIGATION_FIELDS[sub] : sub}`;
  }
  if (head === 'next') return '下一步';
  if (head === 'warnings') return '警告';
  if (head === 'error') return '错误';
  return field;
}

/** A value of a diff field in words: a status by `status`, a party by its name, a moment as 2026-03-02 09:30, null as 无. */
export function changeText(field: string, value: unknown, names: PlanNames, status: (status: string) => string): string {
  if (value === null || value === undefined) return '无';
  const last = field.split('.').at(-1)!;
  if (typeof value === 'string') {
    if (last === 'status') return status(value);
    if (last === 'kind') return own(KINDS, value) ? KINDS[value]! : value;
    if (last === 'source') return own(SOURCES, value) ? SOURCES[value]! : value;
    if (field === 'lead' || last === 'responsible' || last === 'to') return names.party(value);
    const moment = TIMESTAMP.exec(value);
    if (moment) return `${moment[1]} ${moment[2]}`;
    if (own(WORDS, value)) return WORDS[value]!;
    return value;
  }
  if (Array.isArray(value)) {
    if (field === 'warnings') return value.map((w) => (isObject(w) && typeof w.code === 'string' ? w.code : JSON.stringify(w))).join('、') || '无';
    if (field === 'next' || field === 'obligations') return value.map((id) => names.obligation(String(id))).join('、') || '无';
    if (value.every((v) => typeof v === 'string')) return value.map((id) => names.party(id as string)).join('、') || '无';
  }
  return JSON.stringify(value);
}
