// The plan as readable tables: levels and their criteria, who leads and whom to notify per level, every deadline with its clause.
import { planFacts, STEP_TITLES, type Plan } from 'yuqing-playbook';
import { conditionWords, holdsAtLevel, STATE_FACTS, type ConditionVocabulary } from './conditions';
import { deadlineWords, durationWords } from './deadline-words';
import { h, table } from './dom';
import { COLOUR_LABELS, MODE_LABELS } from './labels';

interface BasisLike {
  seed?: string;
  section?: string;
  document?: string;
  number?: string;
  clause: string;
  quote?: string;
}

/** A clause as cited: `002 篇三 四（一）`, or in a plan's own document its number or title, then the clause. */
export function citeBasis(basis: BasisLike | undefined): string {
  if (basis === undefined) return '—';
  const source = basis.seed ?? basis.number ?? (basis.document === undefined ? undefined : `《${basis.document}》`);
  return `${source === undefined ? '' : `${source}${basis.section ? ` ${basis.section}` : ''} `}${basis.clause}`;
}

/** A clause cell: the citation, the quoted words on hover and below in small type. */
function clause(basis: BasisLike | undefined): HTMLElement {
  return h('span', { class: 'clause', title: basis?.quote ?? null }, citeBasis(basis), basis?.quote ? h('small', { class: 'quote' }, `“${basis.quote}”`) : null);
}

/** How the plan's conditions are worded: fact and value labels from planFacts, state facts from the page's table. */
export function vocabularyOf(plan: Plan): ConditionVocabulary {
  const facts = planFacts(plan);
  const labels = new Map<string, string>(Object.entries(STATE_FACTS));
  const values = new Map<string, string>();
  for (const indicator of facts.indicators) {
    labels.set(indicator.name, indicator.label);
    for (const v of indicator.values) values.set(`${indicator.name}\u0000${v.value}`, v.label);
  }
  for (const flag of facts.flags) labels.set(flag.name, flag.label);
  for (const metric of facts.metrics) labels.set(metric.name, metric.label);
  return {
    named: new Map(Object.entries(plan.definition.conditions ?? {})),
    factLabel: (name) => labels.get(name) ?? name,
    valueLabel: (name, value) => values.get(`${name}\u0000${value}`) ?? value,
  };
}

/** The name of a role or recipient of the plan by id (the id when the plan does not name it). */
export function partyNames(plan: Plan): (id: string | undefined) => string {
  const names = new Map<string, string>();
  for (const party of [...plan.definition.roles, ...plan.definition.recipients]) names.set(party.id, party.name);
  return (id) => (id === undefined ? '—' : names.get(id) ?? id);
}

/** A step's title: the plan's declared step, else the shared step's Chinese name, else the id. */
export function stepNames(plan: Plan): (id: string) => string {
  const declared = new Map((plan.definition.steps ?? []).map((step) => [step.id, step.title]));
  return (id) => declared.get(id) ?? (STEP_TITLES as Readonly<Record<string, string>>)[id] ?? id;
}

/** The three tables of a plan, with a heading line. */
export function renderPlan(plan: Plan, fileLabel: string): HTMLElement {
  const d = plan.definition;
  const words = vocabularyOf(plan);
  const name = partyNames(plan);
  const step = stepNames(plan);
  const named = new Map(Object.entries(d.conditions ?? {}));

  const levels = [...d.levels].sort((a, b) => a.rank - b.rank);
  const levelRows = levels.map((level) => {
    const rules = d.classification.filter((rule) => rule.level === level.id).sort((a, b) => b.priority - a.priority);
    return [
      h('strong', {}, level.id),
      h('span', {}, level.name, level.colour ? h('span', { class: `chip chip-${level.colour}` }, COLOUR_LABELS[level.colour] ?? level.colour) : null),
      rules.length === 0
        ? h('span', { class: 'muted' }, d.grading?.gradedBy ? '由研判定级确定' : '—')
        : h('ul', { class: 'plain' }, rules.map((rule) => h('li', {}, conditionWords(rule.conditions, words), h('div', { class: 'sub' }, clause(rule.basis))))),
      clause(level.basis),
    ];
  });
  if (d.grading?.ungraded) {
    const u = d.grading.ungraded;
    levelRows.push([h('strong', {}, '—'), h('span', {}, u.name), h('span', { class: 'muted' }, `定级前由 ${name(u.lead)} 牵头`), clause(u.basis)]);
  }
  const raiseRows = (d.grading?.raise ?? []).map((rule) => h('li', {}, `上调 ${rule.by ?? 1} 级：${conditionWords(rule.when, words)}（${citeBasis(rule.basis)}）`));

  const escalationRows = levels.map((level) => {
    const esc = d.escalation.find((e) => e.level === level.id);
    const at = { level: level.id, levelRank: level.rank };
    const always: string[] = [];
    const sometimes: { who: string; when: string }[] = [];
    for (const o of d.obligations) {
      if (o.to === undefined || o.on === 'breach') continue;
      const holds = holdsAtLevel(o.when, at, named);
      const who = `${o.notify ? `${MODE_LABELS[o.notify] ?? o.notify} ` : ''}${name(o.to)}`;
      if (holds === true && o.on !== 'upgrade') {
        if (!always.includes(who)) always.push(who);
      } else if (holds !== false) {
        sometimes.push({ who, when: o.on === 'upgrade' ? '级别上升时' : conditionWords(o.when, words) });
      }
    }
    return [
      h('strong', {}, `${level.id} ${level.name}`),
      esc ? h('span', {}, name(esc.lead), esc.leadNote ? h('div', { class: 'sub' }, esc.leadNote) : null) : h('span', { class: 'muted' }, '—'),
      esc && esc.approveStatement.length > 0 ? esc.approveStatement.map(name).join('、') : '—',
      esc && esc.consultWith.length > 0 ? esc.consultWith.map(name).join('、') : '—',
      h('div', {},
        always.length > 0 ? h('div', {}, always.join('、')) : h('div', { class: 'muted' }, '无须对外报告'),
        sometimes.length > 0 ? h('ul', { class: 'plain sub' }, sometimes.map((x) => h('li', {}, `视情况：${x.who}（${x.when}）`))) : null),
      clause(esc?.basis),
    ];
  });

  const deadlineRows = [
    ...d.obligations.map((o) => [
      h('span', {}, o.title, o.layer ? h('span', { class: 'tag' }, `上位：${o.layer}`) : null),
      step(o.step),
      name(o.responsible),
      o.to ? `${o.notify ? `${MODE_LABELS[o.notify] ?? o.notify} ` : ''}${name(o.to)}` : '—',
      h('span', { class: 'deadline' }, deadlineWords(o, step)),
      o.on === 'upgrade' ? '级别上升时' : o.on === 'breach' ? `「${o.of ?? ''}」超时后` : o.when ? conditionWords(o.when, words) : '—',
      clause(o.basis),
    ]),
    ...d.recurring.map((r) => [r.title, step(r.step), name(r.responsible), r.to ? name(r.to) : '—', h('span', { class: 'deadline' }, `每 ${durationWords(r.every)}`), '定期', clause(r.basis)]),
  ];

  return h('div', { class: 'plan-view' },
    h('p', { class: 'plan-meta' },
      h('strong', {}, plan.title), `　编号 ${plan.id}　版本 ${plan.version}　时区 ${plan.timeZone}　${fileLabel}`,
      plan.layers.length > 0 ? `　上位规则：${plan.layers.map((l) => l.id).join('、')}` : ''),
    h('h3', {}, '分级标准'),
    table({ 'data-testid': 'plan-levels', class: 'grid' }, ['级别', '名称', '分级标准（满足任一条即可）', '依据'], levelRows),
    raiseRows.length > 0 ? h('ul', { class: 'plain note' }, raiseRows) : null,
    h('h3', {}, '响应与报告'),
    table({ 'data-testid': 'plan-escalation', class: 'grid' }, ['级别', '牵头', '通稿审核', '会商', '对外报告', '依据'], escalationRows),
    h('h3', {}, '工作时限'),
    table({ 'data-testid': 'plan-deadlines', class: 'grid' }, ['事项', '步骤', '责任人', '报送对象', '时限', '适用情形', '依据'], deadlineRows),
  );
}
