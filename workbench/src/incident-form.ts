// The incident editor: id, times, the plan's facts and the timeline of events, editing one incident object in place.
import { planFacts, STEP_IDS, type Plan } from 'yuqing-playbook';
import { fromLocalInput, offsetMinutes, offsetText, parseIso, toLocalInput } from './datetime';
import { fill, h } from './dom';
import { eventFields, STATE_EVENTS, type EventField } from './labels';
import { partyNames, stepNames } from './plan-view';

type Json = Record<string, unknown>;

/** What the editor tells the page: the incident changed (`rebuild`: its shape changed, the JSON text should be rewritten at once). */
export type OnIncidentChange = () => void;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object under a key of the incident, created when absent or not an object. */
function objectAt(incident: Json, key: string): Json {
  if (!isObject(incident[key])) incident[key] = {};
  return incident[key] as Json;
}

/** The incident's events, as a list (an absent or broken list becomes an empty one). */
function eventsOf(incident: Json): Json[] {
  if (!Array.isArray(incident.events)) incident.events = [];
  const events = incident.events as unknown[];
  for (let i = 0; i < events.length; i++) if (!isObject(events[i])) events[i] = { type: 'report', at: '' };
  return events as Json[];
}

/** The value a datetime-local control shows for a timestamp; a text that is not one shows as empty. */
function timeInput(attrs: Record<string, string>, iso: unknown, timeZone: string, write: (iso: string) => void): HTMLInputElement {
  const input = h('input', { type: 'datetime-local', step: 60, ...attrs, value: toLocalInput(iso, timeZone) });
  input.addEventListener('input', () => {
    const value = fromLocalInput(input.value, timeZone);
    if (value !== null) write(value);
  });
  return input;
}

/** A text field bound to a key of an object: empty deletes the key. */
function textInput(attrs: Record<string, string | null>, object: Json, key: string, onChange: OnIncidentChange): HTMLInputElement {
  const current = object[key];
  const input = h('input', { type: 'text', ...attrs, value: typeof current === 'string' ? current : current === undefined ? '' : JSON.stringify(current) });
  input.addEventListener('input', () => {
    if (input.value === '') delete object[key];
    else object[key] = input.value;
    onChange();
  });
  return input;
}

/** The choices of an event's type: the plan's steps, the events of the incident's state, the other shared steps. */
function typeSelect(plan: Plan, current: string): HTMLSelectElement {
  const step = stepNames(plan);
  const used = new Set<string>([...plan.definition.obligations.map((o) => o.step), ...(plan.definition.steps ?? []).map((s) => s.id)]);
  const planSteps = [...used];
  const others = STEP_IDS.filter((id) => !used.has(id));
  const option = (id: string, label: string) => h('option', { value: id, selected: id === current }, `${label}（${id}）`);
  const select = h('select', { 'data-field': 'type' },
    h('optgroup', { label: '本预案的步骤' }, planSteps.map((id) => option(id, step(id)))),
    h('optgroup', { label: '事件' }, Object.entries(STATE_EVENTS).map(([id, e]) => option(id, e.label))),
    h('optgroup', { label: '其他通用步骤' }, others.map((id) => option(id, step(id)))));
  if (![...planSteps, ...Object.keys(STATE_EVENTS), ...others].includes(current)) select.prepend(h('option', { value: current, selected: true }, `${current}（未知类型）`));
  return select;
}

/** An input holding an object as JSON (facts an event updates): written back when it parses as an object. */
function jsonInput(field: EventField, event: Json, onChange: OnIncidentChange, placeholder: string): HTMLInputElement {
  const input = h('input', { type: 'text', 'data-field': field, class: 'mono', placeholder, value: isObject(event[field]) ? JSON.stringify(event[field]) : '' });
  input.addEventListener('input', () => {
    try {
      const value: unknown = JSON.parse(input.value);
      input.classList.toggle('invalid', !isObject(value));
      if (isObject(value)) {
        event[field] = value;
        onChange();
      }
    } catch {
      input.classList.add('invalid');
    }
  });
  return input;
}

/** The controls of one event's own fields (those its type carries). */
function fieldControls(plan: Plan, event: Json, onChange: OnIncidentChange): HTMLElement[] {
  const controls: HTMLElement[] = [];
  for (const field of eventFields(String(event.type))) {
    if (field === 'to') controls.push(h('label', { class: 'inline' }, '对象 ', textInput({ 'data-field': 'to', list: 'dl-parties', placeholder: '报送对象 id', size: '14' }, event, 'to', onChange)));
    else if (field === 'subject') controls.push(h('label', { class: 'inline' }, '科目 ', textInput({ 'data-field': 'subject', placeholder: '（可选）', size: '10' }, event, 'subject', onChange)));
    else if (field === 'level') {
      const select = h('select', { 'data-field': 'level' }, h('option', { value: '' }, '（选择级别）'), plan.definition.levels.map((l) => h('option', { value: l.id, selected: l.id === event.level }, `${l.id} ${l.name}`)));
      select.addEventListener('change', () => {
        event.level = select.value;
        onChange();
      });
      controls.push(h('label', { class: 'inline' }, '级别 ', select));
    } else if (field === 'indicators') controls.push(jsonInput(field, event, onChange, '{"attention":"high"}'));
    else if (field === 'flags') controls.push(jsonInput(field, event, onChange, '{"massIncident":true}'));
    else if (field === 'metrics') controls.push(jsonInput(field, event, onChange, '{"reposts":1200}'));
    else if (field === 'obligation') controls.push(h('label', { class: 'inline' }, '事项 ', textInput({ 'data-field': 'obligation', list: 'dl-obligations', placeholder: '事项 id', size: '14' }, event, 'obligation', onChange)));
    else controls.push(h('label', { class: 'inline' }, '延长 ', textInput({ 'data-field': 'duration', placeholder: 'PT2H / P1D', size: '8' }, event, 'duration', onChange)));
  }
  return controls;
}

/** Keys an event keeps whatever its type. */
const COMMON = new Set(['type', 'at', 'by', 'note']);

/**
 * Renders the incident editor into `root`, editing `incident` in place; `onChange` after every edit.
 * Controls follow the selectors of the workbench's contract (#incident-id, [data-fact], [data-testid="event"] …).
 */
export function renderIncidentForm(root: HTMLElement, plan: Plan, incident: Json, onChange: OnIncidentChange): void {
  const timeZone = plan.timeZone;
  const facts = planFacts(plan);
  const name = partyNames(plan);
  const zoneNote = (() => {
    const at = parseIso(incident.occurredAt) ?? 0;
    return `${timeZone}，UTC${offsetText(offsetMinutes(at, timeZone))}`;
  })();

  const idInput = textInput({ id: 'incident-id', placeholder: '舆情编号' }, incident, 'id', onChange);
  const titleInput = textInput({ id: 'incident-title', placeholder: '（可选）' }, incident, 'title', onChange);
  const occurred = timeInput({ id: 'occurred-at' }, incident.occurredAt, timeZone, (iso) => {
    incident.occurredAt = iso;
    onChange();
  });
  const discovered = timeInput({ id: 'discovered-at' }, incident.discoveredAt, timeZone, (iso) => {
    incident.discoveredAt = iso;
    onChange();
  });
  const exercise = h('input', { type: 'checkbox', id: 'incident-exercise', checked: incident.exercise === true });
  exercise.addEventListener('change', () => {
    if (exercise.checked) incident.exercise = true;
    else delete incident.exercise;
    onChange();
  });

  const factControls: HTMLElement[] = [];
  for (const indicator of facts.indicators) {
    const values = isObject(incident.indicators) ? incident.indicators : {};
    const select = h('select', { 'data-fact': indicator.name, id: `fact-${indicator.name}` },
      h('option', { value: '' }, '（未填）'),
      indicator.values.map((v) => h('option', { value: v.value, selected: values[indicator.name] === v.value }, v.label)));
    select.addEventListener('change', () => {
      const target = objectAt(incident, 'indicators');
      if (select.value === '') delete target[indicator.name];
      else target[indicator.name] = select.value;
      onChange();
    });
    factControls.push(h('label', { class: 'fact', for: `fact-${indicator.name}` }, h('span', {}, indicator.label), select));
  }
  for (const flag of facts.flags) {
    const values = isObject(incident.flags) ? incident.flags : {};
    const box = h('input', { type: 'checkbox', 'data-fact': flag.name, id: `fact-${flag.name}`, checked: values[flag.name] === true });
    box.addEventListener('change', () => {
      const target = objectAt(incident, 'flags');
      if (box.checked) target[flag.name] = true;
      else delete target[flag.name];
      onChange();
    });
    factControls.push(h('label', { class: 'fact flag', for: `fact-${flag.name}` }, box, h('span', {}, flag.label)));
  }
  for (const metric of facts.metrics) {
    const values = isObject(incident.metrics) ? incident.metrics : {};
    const input = h('input', { type: 'number', 'data-fact': metric.name, id: `fact-${metric.name}`, min: metric.min ?? null, max: metric.max ?? null, step: metric.integer ? 1 : 'any', value: typeof values[metric.name] === 'number' ? String(values[metric.name]) : '' });
    input.addEventListener('input', () => {
      const target = objectAt(incident, 'metrics');
      if (input.value === '' || Number.isNaN(input.valueAsNumber)) delete target[metric.name];
      else target[metric.name] = input.valueAsNumber;
      if (Object.keys(target).length === 0) delete incident.metrics;
      onChange();
    });
    factControls.push(h('label', { class: 'fact', for: `fact-${metric.name}` }, h('span', {}, `${metric.label}${metric.unit ? `（${metric.unit}）` : ''}`), input));
  }

  const eventsBody = h('tbody', {});
  const renderEvents = (): void => {
    const events = eventsOf(incident);
    fill(eventsBody, events.length === 0 ? h('tr', {}, h('td', { colspan: 3, class: 'muted' }, '（尚无事件：点“添加事件”记录已办事项、定级或指标变化）')) : null);
    events.forEach((event, i) => {
      const type = typeSelect(plan, String(event.type));
      type.addEventListener('change', () => {
        event.type = type.value;
        const keep = new Set<string>([...COMMON, ...eventFields(type.value)]);
        for (const key of Object.keys(event)) if (!keep.has(key) && ['to', 'subject', 'level', 'indicators', 'flags', 'metrics', 'obligation', 'duration'].includes(key)) delete event[key];
        renderEvents();
        onChange();
      });
      const at = timeInput({ 'data-field': 'at' }, event.at, timeZone, (iso) => {
        event.at = iso;
        onChange();
      });
      const byValue = Array.isArray(event.by) ? (event.by as unknown[]).join(',') : typeof event.by === 'string' ? event.by : '';
      const by = h('input', { type: 'text', 'data-field': 'by', list: 'dl-roles', placeholder: '角色 id（多个用逗号）', size: 14, value: byValue });
      by.addEventListener('input', () => {
        const ids = by.value.split(/[,，、\s]+/).filter((x) => x !== '');
        if (ids.length === 0) delete event.by;
        else event.by = ids.length === 1 ? ids[0] : ids;
        onChange();
      });
      const move = (delta: number) => () => {
        const j = i + delta;
        if (j < 0 || j >= events.length) return;
        [events[i], events[j]] = [events[j]!, events[i]!];
        renderEvents();
        onChange();
      };
      const remove = () => {
        events.splice(i, 1);
        renderEvents();
        onChange();
      };
      const byName = typeof event.by === 'string' && name(event.by) !== event.by ? name(event.by) : null;
      eventsBody.append(h('tr', { 'data-testid': 'event', 'data-index': i },
        h('td', { class: 'num' }, i + 1),
        h('td', { class: 'event-cell' },
          h('div', { class: 'event-line' }, type, at),
          h('div', { class: 'event-line event-fields' }, fieldControls(plan, event, onChange), h('label', { class: 'inline' }, '执行人 ', by), byName ? h('span', { class: 'sub' }, byName) : null)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'move-up', title: '上移', 'aria-label': '上移', disabled: i === 0, onclick: move(-1) }, '↑'),
          h('button', { type: 'button', 'data-action': 'move-down', title: '下移', 'aria-label': '下移', disabled: i === events.length - 1, onclick: move(1) }, '↓'),
          h('button', { type: 'button', 'data-action': 'remove-event', class: 'danger', title: '删除', 'aria-label': '删除', onclick: remove }, '删除'))));
    });
  };
  renderEvents();

  const addEvent = h('button', { type: 'button', id: 'add-event' }, '＋ 添加事件');
  addEvent.addEventListener('click', () => {
    const events = eventsOf(incident);
    const last = events[events.length - 1];
    const firstStep = plan.definition.obligations[0]?.step ?? 'report';
    events.push({ type: firstStep, at: typeof last?.at === 'string' && last.at !== '' ? last.at : typeof incident.discoveredAt === 'string' ? incident.discoveredAt : '' });
    renderEvents();
    onChange();
  });

  const parties = [...plan.definition.recipients, ...plan.definition.roles];
  fill(root,
    h('datalist', { id: 'dl-parties' }, parties.map((p) => h('option', { value: p.id }, p.name))),
    h('datalist', { id: 'dl-roles' }, plan.definition.roles.map((p) => h('option', { value: p.id }, p.name))),
    h('datalist', { id: 'dl-obligations' }, plan.definition.obligations.map((o) => h('option', { value: o.id }, o.title))),
    h('div', { class: 'form-grid' },
      h('label', { for: 'incident-id' }, '舆情编号'), idInput,
      h('label', { for: 'incident-title' }, '标题'), titleInput,
      h('label', { for: 'occurred-at' }, '发生时间'), h('span', {}, occurred, h('span', { class: 'hint' }, zoneNote)),
      h('label', { for: 'discovered-at' }, '发现时间'), h('span', {}, discovered, h('span', { class: 'hint' }, zoneNote)),
      h('label', { for: 'incident-exercise' }, '演练'), h('span', {}, exercise, h('span', { class: 'hint' }, '勾选表示这是演练，不是真实舆情'))),
    h('h4', {}, '研判指标与情形'),
    factControls.length === 0 ? h('p', { class: 'muted' }, '本预案不读取指标。') : h('div', { class: 'facts' }, factControls),
    h('h4', {}, '事件时间线'),
    h('table', { class: 'grid events' },
      h('thead', {}, h('tr', {}, ['#', '事件（类型、时间、内容）', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
      eventsBody),
    h('p', {}, addEvent),
  );
}
