// The decision at `now` and the ledger (audit) of the timeline, with the gantt chart and the next review.
import { dueText, statusText, type Audit, type Decision, type Obligation } from 'yuqing-playbook';
import type { Lang } from './context';
import { parseIso, shortTime, spanWords, untilWords } from './datetime';
import { h, table } from './dom';
import { distinctDue } from './due-list';
import { ganttLayout } from './gantt';
import { ganttSvg } from './gantt-svg';
import { COLOUR_LABELS, MODE_LABELS, SOURCE_LABELS } from './labels';
import { citeBasis } from './plan-view';

/** `2026-03-02T10:00:00+08:00` → `2026-03-02 10:00` (as the timestamp writes it). */
const longTime = (iso: string | null): string => (iso === null ? '—' : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso);

/** The reminder of the next review: when, and how long until then from `now`. */
export function nextReviewText(nextReviewAt: string | null, now: string): string {
  if (nextReviewAt === null) return '下次复核：无（时间推移不会改变结论）';
  const at = parseIso(nextReviewAt);
  const from = parseIso(now);
  return `下次复核：${longTime(nextReviewAt)}${at !== null && from !== null ? `（${untilWords(at, from)}）` : ''}`;
}

/** The decision: level, lead, whom to notify, every obligation with its due time and status, warnings, explanation. */
export function renderDecision(decision: Decision, lang: Lang): HTMLElement {
  const level = decision.level;
  const byId = new Map(decision.obligations.map((o) => [o.id, o]));
  const notifyRows = decision.notify.map((n) => {
    const open = n.obligations.map((id) => byId.get(id)).filter((o): o is Obligation => o !== undefined && o.doneAt === null);
    return [
      n.name,
      n.how.map((mode) => MODE_LABELS[mode] ?? mode).join('、'),
      n.done ? `已办结（${shortTime(n.doneAt)} 完成）` : open.length > 0 ? distinctDue(open, (o) => dueText(o, { lang })).join('；') : '—',
    ];
  });
  const obligationRows = decision.obligations.map((o) =>
    h('tr', { 'data-testid': 'obligation', 'data-obligation': o.id, class: `obligation-row row-${o.status}` },
      h('td', { 'data-testid': 'obligation-title' }, o.title, o.reason ? h('div', { class: 'sub' }, o.reason) : null),
      h('td', {}, o.responsible.name),
      h('td', {}, o.recipient ? `${o.notify ? `${MODE_LABELS[o.notify] ?? o.notify} ` : ''}${o.recipient.name}` : '—'),
      h('td', { 'data-testid': 'due', class: 'due', 'data-due-at': o.dueAt, title: o.dueAt ?? undefined }, o.dueAt === null ? dueText(o, { lang }) : h('time', { datetime: o.dueAt }, dueText(o, { lang }))),
      h('td', {}, h('span', { 'data-testid': 'status', 'data-status': o.status, class: `status status-${o.status}` }, statusText(o.status, { lang }))),
      h('td', { class: 'num' }, o.doneAt === null ? '—' : shortTime(o.doneAt)),
      h('td', { class: 'clause' }, citeBasis(o.basis))));

  return h('div', { class: 'decision' },
    h('div', { class: 'headline' },
      h('div', { class: 'kv' }, h('span', { class: 'k' }, '级别'),
        h('span', { 'data-testid': 'level', 'data-level': level.id, class: 'level' }, level.colour ? h('span', { class: `chip chip-${level.colour}`, title: COLOUR_LABELS[level.colour] ?? level.colour, 'aria-hidden': 'true' }) : null, `${level.id} ${level.name}`),
        h('span', { class: 'sub' }, `${SOURCE_LABELS[level.source] ?? level.source}${level.raised ? `，由 ${level.raised.from} 上调` : ''}${level.held ? `，保持（分级标准现为 ${level.held.criteriaLevel}）` : ''}，自 ${shortTime(level.setAt)} 起`)),
      h('div', { class: 'kv' }, h('span', { class: 'k' }, '牵头'), h('span', { 'data-testid': 'lead', class: 'lead' }, decision.lead.name), decision.lead.note ? h('span', { class: 'sub' }, decision.lead.note) : null),
      decision.escalation.approveStatement.length > 0 ? h('div', { class: 'kv' }, h('span', { class: 'k' }, '通稿审核'), h('span', {}, decision.escalation.approveStatement.map((p) => p.name).join('、'))) : null,
      decision.escalation.consultWith.length > 0 ? h('div', { class: 'kv' }, h('span', { class: 'k' }, '会商'), h('span', {}, decision.escalation.consultWith.map((p) => p.name).join('、'))) : null,
      h('div', { class: 'kv review' }, h('span', { 'data-testid': 'next-review' }, nextReviewText(decision.nextReviewAt, decision.now)))),
    h('h4', {}, '对外报告'),
    notifyRows.length === 0 ? h('p', { class: 'muted', 'data-testid': 'notify' }, '本级别无须向外部单位报告。') : table({ class: 'grid', 'data-testid': 'notify' }, ['对象', '方式', '时限'], notifyRows),
    h('h4', {}, '工作事项'),
    h('table', { class: 'grid obligations', 'data-testid': 'obligations' },
      h('thead', {}, h('tr', {}, ['事项', '责任人', '报送对象', '时限', '状态', '完成时间', '依据'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, obligationRows.length > 0 ? obligationRows : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, '（无）')))),
    h('h4', {}, '提示'),
    h('div', { 'data-testid': 'warnings', class: decision.warnings.length > 0 ? 'warnings has-warnings' : 'warnings' },
      decision.warnings.length === 0 ? h('span', { class: 'muted' }, '无') : h('ul', { class: 'plain' }, decision.warnings.map((w) => h('li', {}, w.message)))),
    h('details', { class: 'explanation-box', open: true },
      h('summary', {}, '依据与说明'),
      h('ul', { 'data-testid': 'explanation', class: 'plain explanation' },
        decision.explanation.map((e) => h('li', {}, e.text, e.basis ? h('span', { class: 'clause' }, `（${citeBasis(e.basis)}）`) : null)))),
  );
}

/** The gantt chart of the audit's obligations, with a legend. */
export function renderGantt(audit: Audit, decision: Decision, timeZoneOffset: number, lang: Lang, width: number): HTMLElement {
  const items = audit.obligations.map((o) => ({ id: o.id, title: o.title, arisenAt: o.arisenAt, dueAt: o.dueAt, doneAt: o.doneAt, status: o.status, due: dueText(o, { lang }) }));
  const layout = ganttLayout(audit.incident.occurredAt, audit.now, items, decision.nextReviewAt, { width, offsetMinutes: timeZoneOffset, left: Math.min(260, Math.round(width * 0.3)) });
  const legend = [['pending', '待办'], ['met', '按时完成'], ['met-late', '超时完成'], ['overdue', '已超时'], ['late', '已过原则性时限'], ['not-applicable', '不再适用']];
  return h('div', { class: 'gantt-box' },
    items.length === 0 ? h('p', { class: 'muted' }, '（尚无事项）') : null,
    ganttSvg(layout),
    h('div', { class: 'legend' },
      legend.map(([cls, label]) => h('span', { class: 'legend-item' }, h('span', { class: `swatch ${cls}` }), label)),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch overrun' }), '超时部分（时限至当前）'),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch diamond' }), '无固定时限（标记）'),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch done' }), '完成时刻'),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch now' }), '当前时间'),
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch review' }), '下次复核')));
}

/** The ledger: the summary, the levels over time, each obligation with how long it took and how late it was. */
export function renderLedger(audit: Audit, lang: Lang): HTMLElement {
  const s = audit.summary;
  const rate = s.onTimeRate === null ? '—' : `${Math.round(s.onTimeRate * 1000) / 10}%`;
  return h('div', { class: 'ledger', 'data-testid': 'ledger' },
    h('div', { class: 'summary' },
      [['按时完成', s.met, 'met'], ['超时完成', s.metLate + (s.softMetLate ?? 0), 'met-late'], ['已超时', s.overdue, 'overdue'], ['已过原则性时限', s.late ?? 0, 'late'], ['待办', s.pending, 'pending'], ['不再适用', s.notApplicable, 'not-applicable']].map(([label, n, cls]) =>
        h('span', { class: `count ${Number(n) > 0 ? cls : ''}` }, h('b', {}, String(n)), String(label))),
      h('span', { class: 'count' }, h('b', {}, rate), '按时率')),
    h('h4', {}, '级别变化'),
    table({ class: 'grid' }, ['级别', '来源', '起', '止', '定级人'], audit.levels.map((l) => [`${l.id} ${l.name}`, SOURCE_LABELS[l.source] ?? l.source, shortTime(l.from), l.to === null ? '至今' : shortTime(l.to), Array.isArray(l.by) ? l.by.join('、') : l.by ?? '—'])),
    h('h4', {}, '事项台账'),
    table({ class: 'grid' }, ['事项', '产生', '计时起点', '时限', '完成', '用时', '超时', '状态'], audit.obligations.map((o) => [
      o.title,
      shortTime(o.arisenAt),
      shortTime(o.anchorAt),
      dueText(o, { lang }),
      o.doneAt === null ? '—' : shortTime(o.doneAt),
      o.tookMs === null ? '—' : `${o.tookMs < 0 ? '提前 ' : ''}${spanWords(o.tookMs)}`,
      o.lateByMs === null ? '—' : spanWords(o.lateByMs),
      h('span', { class: `status status-${o.status}` }, statusText(o.status, { lang })),
    ])),
  );
}
