import type { Condition } from '../model/condition.js';
import type { ObligationRule } from '../model/plan.js';
import { compiledOf, type Plan } from '../plans/load.js';
import { parseDuration } from '../time/duration.js';
import { cell, cite, MODE_ZH } from './text.js';

const UNITS: [keyof NonNullable<ReturnType<typeof parseDuration>>, string][] = [
  ['years', '年'], ['months', '个月'], ['weeks', '周'], ['days', '天'], ['hours', '小时'], ['minutes', '分钟'], ['seconds', '秒'],
];
const ANCHOR_ZH = { occurredAt: '发生后', discoveredAt: '发现后', arisen: '产生后', levelSet: '级别确定后' } as const;

/** Where a duty's clock starts, in words: `发生后`, `认领（claim）后`, `phone-report 办结后` (docs/clocks.md). */
function anchorText(anchor: ObligationRule['anchor']): string {
  if (typeof anchor === 'string') return ANCHOR_ZH[anchor];
  return 'event' in anchor ? `${anchor.event} 事件后` : `${anchor.done} 办结后`;
}

/** `PT30M` → `30分钟`. */
export function durationText(offset: string): string {
  const duration = parseDuration(offset);
  if (!duration) return offset;
  return UNITS.filter(([unit]) => duration[unit]).map(([unit, zh]) => `${duration[unit]}${zh}`).join('');
}

/** When a duty is due, in words: `发现后30分钟内`, `第一时间`, `持续至平息`. */
export function timingText(rule: ObligationRule): string {
  if (rule.continuous) return rule.until === 'subsided' ? '持续至舆情平息' : rule.until === 'ended' ? '持续至应急结束' : '持续';
  if (rule.offset !== null) return `${rule.soft ? '原则上' : ''}${anchorText(rule.anchor)}${durationText(rule.offset)}内`;
  return rule.immediate ? '第一时间（无固定时限）' : '无固定时限';
}

/** A condition in compact words, e.g. `massIncident = true 且 level ∈ [I, II]`. */
export function conditionText(condition: Condition): string {
  if ('all' in condition) return condition.all.length === 0 ? '总是' : condition.all.map(conditionText).join(' 且 ');
  if ('any' in condition) return `(${condition.any.map(conditionText).join(' 或 ')})`;
  if ('not' in condition) return `非(${conditionText(condition.not)})`;
  if ('condition' in condition) return `〈${condition.condition}〉`;
  const symbol = { equal: '=', notEqual: '≠', in: '∈', notIn: '∉', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥' }[condition.operator];
  const value = Array.isArray(condition.value) ? `[${condition.value.join(', ')}]` : String(condition.value);
  return `${condition.fact} ${symbol} ${value}`;
}


/** Markdown tables of one plan: per level the lead, the outside recipients and the duties of that level; then the duties of every level and those of particular situations. */
export function renderPlanTables(plan: Plan): string {
  const compiled = compiledOf(plan);
  const def = plan.definition;
  const name = (id: string): string => compiled.parties.get(id)?.name ?? id;
  const levels = compiled.levelsBySeverity;
  const appliesAt = new Map<string, string[]>();
  for (const o of compiled.obligations) {
    const at = levels.filter((level) => {
      const facts = { level: level.id, levelRank: level.rank, subsided: false, ended: false, endProposed: false, exercise: false, massIncident: false, falseReport: false, suspectedCrime: false, mediaInquiry: false, emergencyEvent: false, pressConference: false };
      return o.applies === null || o.applies(facts);
    });
    appliesAt.set(o.rule.id, at.map((l) => l.id));
  }
  const duty = (rule: ObligationRule): string => `${rule.title}${rule.to ? `（→ ${name(rule.to)}）` : ''}：${timingText(rule)}`;
  const lines: string[] = [];
  lines.push(`## \`${def.id}\` — ${def.title}`);
  lines.push('');
  const source = 'seed' in def.source ? `Seed ${def.source.seed}${def.source.section ? ` ${def.source.section}` : ''} (\`${def.source.file}\`)` : `《${def.source.document}》${def.source.number ? ` ${def.source.number}` : ''}`;
  lines.push(`${source} · version ${def.version} · time zone ${def.timeZone}${Object.keys(plan.parameters).length ? ` · example parameters: ${Object.entries(plan.parameters).map(([k, v]) => `${k} = ${v}`).join(', ')}` : ''}`);
  lines.push('');
  lines.push('| 级别 | 牵头 | 对外报告 | 本级别的时限要求 |');
  lines.push('|---|---|---|---|');
  for (const level of levels) {
    const escalation = compiled.escalation.get(level.id);
    const own = compiled.obligations.filter((o) => {
      const at = appliesAt.get(o.rule.id) ?? [];
      return at.includes(level.id) && at.length < levels.length && o.rule.on === undefined;
    });
    const notify = own.filter((o) => o.rule.notify && o.rule.to).map((o) => `${MODE_ZH[o.rule.notify as keyof typeof MODE_ZH]} ${name(o.rule.to as string)}`);
    const label = `${level.id} ${level.name}${level.colour ? `（${level.colour}）` : ''}`;
    const lead = escalation ? `${name(escalation.lead)}${escalation.leadNote ? `：${escalation.leadNote}` : ''}` : '—';
    lines.push(`| ${cell(label)} | ${cell(lead)} | ${cell(notify.join('；') || '—')} | ${cell(own.map((o) => duty(o.rule)).join('；') || '—')} |`);
  }
  lines.push('');
  const common = compiled.obligations.filter((o) => (appliesAt.get(o.rule.id) ?? []).length === levels.length && o.rule.on === undefined);
  if (common.length > 0) {
    lines.push('Every level:');
    lines.push('');
    lines.push('| 事项 | 负责 | 时限 | 依据 |');
    lines.push('|---|---|---|---|');
    for (const o of common) lines.push(`| ${cell(o.rule.title)}${o.rule.to ? ` → ${cell(name(o.rule.to))}` : ''} | ${cell(name(o.rule.responsible))} | ${cell(timingText(o.rule))} | ${cell(cite(o.rule.basis))} |`);
    lines.push('');
  }
  const particular = compiled.obligations.filter((o) => (appliesAt.get(o.rule.id) ?? []).length === 0 || o.rule.on !== undefined);
  if (particular.length > 0) {
    lines.push('Particular situations:');
    lines.push('');
    lines.push('| 情形 | 事项 | 负责 | 时限 | 依据 |');
    lines.push('|---|---|---|---|---|');
    for (const o of particular) {
      const when = [o.rule.on === 'upgrade' ? '每次级别升高' : '', o.rule.when ? conditionText(o.rule.when) : ''].filter(Boolean).join(' 且 ');
      lines.push(`| ${cell(when)} | ${cell(o.rule.title)}${o.rule.subject ? `（${cell(o.rule.subject)}）` : ''}${o.rule.to ? ` → ${cell(name(o.rule.to))}` : ''} | ${cell(name(o.rule.responsible))} | ${cell(timingText(o.rule))} | ${cell(cite(o.rule.basis))} |`);
    }
    lines.push('');
  }
  if (def.recurring.length > 0) {
    lines.push('Recurring:');
    lines.push('');
    lines.push('| 事项 | 负责 | 周期 | 依据 |');
    lines.push('|---|---|---|---|');
    for (const r of def.recurring) lines.push(`| ${cell(r.title)}${r.to ? ` → ${cell(name(r.to))}` : ''} | ${cell(name(r.responsible))} | 每${cell(durationText(r.every))} | ${cell(cite(r.basis))} |`);
    lines.push('');
  }
  return lines.join('\n');
}
