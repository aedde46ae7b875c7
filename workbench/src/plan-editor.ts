// The plan editor (修改预案): change a deadline, a recipient or a threshold in a form, compare the changed plan with the original over its scenarios and generated cases, and download both files.
import { decide, IncidentError, loadPlan, PlanError, planFacts, statusText, type LoadPlanOptions, type ObligationStatus, type Plan } from 'yuqing-playbook';
import { compareDefinitions, diffPlans, generateIncidents, runScenario, scenarioCases, type CaseDiff, type DiffCase, type FieldChange, type Scenario } from 'yuqing-playbook/testing';
import type { PlanEditorContext } from './context.js';
import { changeText, fieldLabel, planNames, type PlanNames } from './plan-edit/diff-labels.js';
import { DEADLINE_UNITS, deadlineOf, deadlineText, type Deadline, type DeadlineUnit } from './plan-edit/duration.js';
import { applyEdits, describeEdit, type Edit, type PartyList } from './plan-edit/edits.js';
import { rewriteScenarioFile, type Outcome } from './plan-edit/expectations.js';
import { comparisonText, conditionOwners, thresholdTargets, valueControl, valueText, type ConditionOwner, type FactInfo, type Json } from './plan-edit/thresholds.js';
import './plan-editor.css';

/** The most combinations of fact values generated for a diff in the page (the toolkit's default is larger: a page must stay quick). */
export const PAGE_GENERATE_BUDGET = 2_000;
/** The most generated cases compared in the page. */
export const PAGE_MAX_GENERATED = 3_000;
/** Cases compared between two yields to the browser. */
const CHUNK = 100;
/** Generated cases listed with their changes; the rest are counted. */
const LISTED_GENERATED = 20;
/** Where a duty's clock starts, in words. */
const ANCHORS: Partial<Record<string, string>> = { occurredAt: '事件发生', discoveredAt: '发现舆情', arisen: '事项产生', level: '级别生效' };
/** Changed scenarios shown open. */
const OPEN_CASES = 3;

type Child = Node | string | null | undefined | false;

/** An element with attributes (`on…` functions become listeners) and children; texts go in as text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | null | undefined | ((event: Event) => void)> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const option = (value: string, text: string, selected = false, disabled = false): HTMLOptionElement => el('option', { value, selected, disabled }, text);
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The message a person reads for an error: the library's (Chinese by default) for its errors, else the error's own. */
function messageOf(error: unknown): string {
  if (error instanceof PlanError || error instanceof IncidentError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Saves a text as a file through a Blob and an object URL. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What a scenario's incident gives under a plan: a decision, or the error's name and issue paths. */
function outcomeOf(plan: Plan, scenario: Json): Outcome {
  try {
    return { decision: decide(plan, scenario.incident, { now: scenario.now as string }) };
  } catch (error) {
    if (error instanceof IncidentError || error instanceof PlanError) return { error: { name: error.name, paths: error.issues.map((i) => i.path.join('.')) } };
    throw error;
  }
}

/** A same-target key: a later edit of the same thing replaces the earlier one in the list. */
function editKey(edit: Edit): string {
  switch (edit.kind) {
    case 'deadline':
      return `deadline:${edit.obligation}`;
    case 'party-name':
      return `name:${edit.list}:${edit.id}`;
    case 'obligation-to':
      return `to:${edit.obligation}`;
    case 'threshold':
      return `threshold:${JSON.stringify(edit.owner)}:${edit.path.join('.')}`;
  }
}

export function mountPlanEditor(root: HTMLElement, context: PlanEditorContext): { update(): void } {
  let edits: Edit[] = [];
  let shownDefinition: unknown = undefined;
  /** The plan with the edits, loaded; null when there are none or they do not load. */
  let after: Plan | null = null;
  let running = 0;

  const intro = el('p', { class: 'pe-note' });
  const deadlineForm = el('form', { 'data-testid': 'edit-deadline', class: 'pe-form' });
  const recipientForm = el('form', { 'data-testid': 'edit-recipient', class: 'pe-form' });
  const thresholdForm = el('form', { 'data-testid': 'edit-threshold', class: 'pe-form' });
  const editError = el('div', { 'data-testid': 'plan-edit-error', class: 'pe-error', role: 'alert', hidden: true });
  const changes = el('ol', { 'data-testid': 'plan-changes', class: 'pe-changes' });
  const runButton = el('button', { type: 'button', id: 'run-diff' }, '比较修改前后');
  const diffBox = el('div', { 'data-testid': 'diff', class: 'pe-diff', 'aria-live': 'polite' });
  const planButton = el('button', { type: 'button', id: 'download-plan' }, '下载修改后的预案');
  const scenariosButton = el('button', { type: 'button', id: 'download-scenarios' }, '下载更新后的场景文件');
  const versionNote = el('p', { class: 'pe-note' });
  for (const form of [deadlineForm, recipientForm, thresholdForm]) form.addEventListener('submit', (event) => event.preventDefault());

  root.append(
    intro,
    el('div', { class: 'pe-forms' },
      el('fieldset', {}, el('legend', {}, '修改时限'), deadlineForm),
      el('fieldset', {}, el('legend', {}, '修改报送对象'), recipientForm),
      el('fieldset', {}, el('legend', {}, '修改定级阈值'), thresholdForm),
    ),
    editError,
    el('h3', {}, '已做的修改'),
    changes,
    el('div', { class: 'pe-actions' }, runButton, planButton, scenariosButton),
    versionNote,
    diffBox,
  );

  const current = () => context.current();
  const lang = () => context.lang();
  const facts = (): FactInfo => planFacts(after ?? current().plan, { lang: lang() });
  /** The resolved definition of the plan as edited so far (the original's when there are no edits). */
  const resolvedNow = (): Json => (after ?? current().plan).definition as unknown as Json;
  const names = (): PlanNames => planNames(resolvedNow());

  /** How the page loads both versions: the layers it opened, the plan's parameters (else the scenario file's). */
  function loadOptions(): LoadPlanOptions {
    const { plan, layers, scenarios } = current();
    const given = Object.keys(plan.parameters).length > 0 ? { ...plan.parameters } : isObject(scenarios) && isObject(scenarios.parameters) ? (scenarios.parameters as Record<string, string | number>) : undefined;
    const options: LoadPlanOptions & { lang?: string } = { layers: layers as object[], ...(given ? { parameters: given } : {}) };
    if (lang() === 'en') options.lang = 'en';
    return options;
  }

  /** The file with these edits, loaded: throws the library's PlanError when it does not load. */
  function build(list: readonly Edit[]): { definition: Json; plan: Plan } {
    const definition = applyEdits(current().definition, current().plan.definition, list);
    return { definition, plan: loadPlan(definition, loadOptions()) };
  }

  function showEditError(error: unknown): void {
    editError.textContent = messageOf(error);
    editError.hidden = false;
  }
  const clearEditError = (): void => {
    editError.textContent = '';
    editError.hidden = true;
  };

  /** Adds an edit (replacing one of the same thing) when the changed plan still loads; else shows why not. */
  function addEdit(edit: Edit): void {
    const list = [...edits.filter((e) => editKey(e) !== editKey(edit)), edit];
    try {
      after = build(list).plan;
    } catch (error) {
      showEditError(error);
      return;
    }
    edits = list;
    clearEditError();
    editsChanged();
  }

  function undo(index: number): void {
    const list = edits.filter((_, i) => i !== index);
    edits = list;
    try {
      after = list.length === 0 ? null : build(list).plan;
      clearEditError();
    } catch (error) {
      after = null;
      showEditError(error);
    }
    editsChanged();
  }

  function editsChanged(): void {
    running += 1;
    diffBox.replaceChildren(edits.length === 0 ? '' : el('p', { class: 'pe-note' }, '修改已变化：点击“比较修改前后”查看哪些决策会变。'));
    render();
  }

  function renderChanges(): void {
    const original = current().plan.definition;
    const f = facts();
    changes.replaceChildren(
      ...(edits.length === 0
        ? [el('li', { class: 'pe-empty' }, '尚无修改。')]
        : edits.map((edit, i) =>
            el('li', { 'data-testid': 'plan-change' }, describeEdit(edit, original, (fact, value) => valueText(fact, value, f)), ' ', el('button', { type: 'button', 'data-action': 'undo-edit', onclick: () => undo(i) }, '撤销')),
          )),
    );
    if (edits.length > 1) changes.append(el('li', {}, el('button', { type: 'button', 'data-action': 'undo-all', onclick: () => { edits = []; after = null; clearEditError(); editsChanged(); } }, '全部撤销')));
  }

  /** What a select of the forms shows now, kept when the forms are drawn again (after an edit). */
  const remembered = (id: string): string | undefined => root.querySelector<HTMLSelectElement>(`#${id}`)?.value;
  /** Shows a remembered value when the select still offers it. */
  const restore = (select: HTMLSelectElement, value: string | undefined): void => {
    if (value !== undefined && [...select.options].some((o) => o.value === value && !o.disabled)) select.value = value;
  };

  function renderDeadlineForm(): void {
    const resolved = resolvedNow();
    const previous = remembered('edit-deadline-obligation');
    const obligations = (resolved.obligations as Json[]).filter((o) => typeof o.id === 'string');
    const select = el('select', { id: 'edit-deadline-obligation', 'aria-label': '事项' });
    for (const o of obligations) {
      const d = deadlineOf(o);
      select.append(option(o.id as string, `${String(o.title)}（${deadlineText(d)}）`, false, d.kind === 'continuous'));
    }
    const firstOpen = obligations.find((o) => deadlineOf(o).kind !== 'continuous');
    if (firstOpen) select.value = firstOpen.id as string;
    restore(select, previous);
    const kind = el('select', { id: 'edit-deadline-kind', 'aria-label': '时限类型' }, option('offset', '限时'), option('immediate', '第一时间'), option('none', '无固定时限'));
    const amount = el('input', { id: 'edit-deadline-amount', type: 'number', step: '1', 'aria-label': '时长' });
    const unit = el('select', { id: 'edit-deadline-unit', 'aria-label': '单位' }, ...DEADLINE_UNITS.map((u) => option(u.unit, u.label)));
    const currentText = el('span', { class: 'pe-current' });
    const sync = (): void => {
      const o = obligations.find((x) => x.id === select.value);
      const d: Deadline = o ? deadlineOf(o) : { kind: 'none' };
      const anchor = typeof o?.anchor === 'string' ? (Object.prototype.hasOwnProperty.call(ANCHORS, o.anchor) ? ANCHORS[o.anchor]! : o.anchor) : isObject(o?.anchor) ? '事件或其他事项' : '';
      currentText.textContent = o ? `当前：${deadlineText(d)}${anchor ? `（自${anchor}起算）` : ''}` : '';
      kind.value = d.kind === 'immediate' || d.kind === 'none' ? d.kind : 'offset';
      amount.value = d.kind === 'offset' ? d.amount : '';
      if (d.kind === 'offset') unit.value = d.unit;
      if (d.kind === 'other') currentText.textContent += `（写法 ${d.offset} 不能换算，改为数字与单位后替换）`;
      toggle();
    };
    const toggle = (): void => {
      amount.disabled = unit.disabled = kind.value !== 'offset';
    };
    select.addEventListener('change', sync);
    kind.addEventListener('change', toggle);
    const apply = el('button', { type: 'submit' }, '应用');
    deadlineForm.onsubmit = () => {
      if (!select.value) return;
      const deadline = kind.value === 'offset' ? { kind: 'offset' as const, amount: amount.value, unit: unit.value as DeadlineUnit } : { kind: kind.value as 'immediate' | 'none' };
      addEdit({ kind: 'deadline', obligation: select.value, deadline });
    };
    deadlineForm.replaceChildren(el('label', {}, '事项 ', select), el('div', { class: 'pe-row' }, kind, amount, unit, apply), currentText);
    sync();
  }

  function renderRecipientForm(): void {
    const resolved = resolvedNow();
    const recipients = (resolved.recipients as Json[] | undefined) ?? [];
    const roles = (resolved.roles as Json[] | undefined) ?? [];
    const [previousParty, previousDuty, previousTo] = [remembered('edit-party'), remembered('edit-to-obligation'), remembered('edit-to-recipient')];
    const party = el('select', { id: 'edit-party', 'aria-label': '报送对象或角色' },
      el('optgroup', { label: '报送对象' }, ...recipients.map((r) => option(`recipients:${String(r.id)}`, `${String(r.name)}（${String(r.id)}）`))),
      el('optgroup', { label: '角色' }, ...roles.map((r) => option(`roles:${String(r.id)}`, `${String(r.name)}（${String(r.id)}）`))),
    );
    const name = el('input', { id: 'edit-party-name', type: 'text', 'aria-label': '新名称' });
    const syncName = (): void => {
      const [list, id] = party.value.split(/:(.*)/s) as [PartyList, string];
      const found = (list === 'roles' ? roles : recipients).find((p) => p.id === id);
      name.value = typeof found?.name === 'string' ? found.name : '';
    };
    party.addEventListener('change', syncName);
    const rename = el('button', { type: 'button', 'data-action': 'rename-party', onclick: () => {
      const [list, id] = party.value.split(/:(.*)/s) as [PartyList, string];
      if (id) addEdit({ kind: 'party-name', list, id, name: name.value });
    } }, '改名称');

    const duties = (resolved.obligations as Json[]).filter((o) => typeof o.id === 'string');
    const duty = el('select', { id: 'edit-to-obligation', 'aria-label': '事项' }, ...duties.map((o) => option(o.id as string, `${String(o.title)}${typeof o.to === 'string' ? `（报送 ${names().party(o.to)}）` : ''}`)));
    const withTo = duties.find((o) => typeof o.to === 'string');
    if (withTo) duty.value = withTo.id as string;
    const to = el('select', { id: 'edit-to-recipient', 'aria-label': '报送对象' },
      el('optgroup', { label: '报送对象' }, ...recipients.map((r) => option(String(r.id), String(r.name)))),
      el('optgroup', { label: '角色' }, ...roles.map((r) => option(String(r.id), String(r.name)))),
    );
    const syncTo = (): void => {
      const o = duties.find((x) => x.id === duty.value);
      if (typeof o?.to === 'string') to.value = o.to;
    };
    duty.addEventListener('change', syncTo);
    const retarget = el('button', { type: 'button', 'data-action': 'change-to', onclick: () => {
      if (duty.value && to.value) addEdit({ kind: 'obligation-to', obligation: duty.value, to: to.value });
    } }, '改报送对象');
    recipientForm.onsubmit = () => rename.click();
    restore(party, previousParty);
    restore(duty, previousDuty);
    recipientForm.replaceChildren(
      el('div', { class: 'pe-row' }, el('label', {}, '对象或角色 ', party), el('label', {}, '名称 ', name), rename),
      el('div', { class: 'pe-row' }, el('label', {}, '事项 ', duty), el('label', {}, '报送给 ', to), retarget),
    );
    syncName();
    syncTo();
    if (previousDuty === duty.value) restore(to, previousTo);
  }

  function renderThresholdForm(): void {
    const resolved = resolvedNow();
    const f = facts();
    const owners = conditionOwners(resolved);
    const [previousOwner, previousTarget] = [remembered('edit-threshold-owner'), remembered('edit-threshold-target')];
    const ownerSelect = el('select', { id: 'edit-threshold-owner', 'aria-label': '规则或条件' }, ...owners.map((o, i) => option(String(i), o.label)));
    const comparison = el('select', { id: 'edit-threshold-target', 'aria-label': '比较' });
    const valueBox = el('span', { class: 'pe-value' });
    let targets: ReturnType<typeof thresholdTargets> = [];
    let readValue: () => unknown = () => undefined;
    const syncValue = (): void => {
      const target = targets[Number(comparison.value)];
      if (!target) {
        valueBox.replaceChildren('（此处没有可改的比较）');
        readValue = () => undefined;
        return;
      }
      const control = valueControl(target, f);
      if (control.kind === 'indicator' && control.multiple) {
        const chosen = new Set(Array.isArray(target.value) ? target.value.map(String) : [String(target.value)]);
        const boxes = control.options.map((o) => el('input', { type: 'checkbox', value: o.value, checked: chosen.has(o.value), 'data-value': o.value }));
        valueBox.replaceChildren(...control.options.map((o, i) => el('label', { class: 'pe-check' }, boxes[i]!, o.label)));
        readValue = () => boxes.filter((b) => b.checked).map((b) => b.value);
      } else if (control.kind === 'indicator') {
        const select = el('select', { id: 'edit-threshold-value', 'aria-label': '新值' }, ...control.options.map((o) => option(o.value, o.label, o.value === target.value)));
        valueBox.replaceChildren(select);
        readValue = () => select.value;
      } else if (control.kind === 'flag') {
        const select = el('select', { id: 'edit-threshold-value', 'aria-label': '新值' }, option('true', '是', target.value === true), option('false', '否', target.value === false));
        valueBox.replaceChildren(select);
        readValue = () => select.value === 'true';
      } else {
        const input = el('input', { id: 'edit-threshold-value', type: 'number', 'aria-label': '新值', step: control.integer ? '1' : 'any', value: String(target.value) });
        valueBox.replaceChildren(input);
        // An empty or bad number stays text: the library says what it expected.
        readValue = () => (input.value.trim() !== '' && Number.isFinite(Number(input.value)) ? Number(input.value) : input.value);
      }
    };
    const syncTargets = (): void => {
      const owner = owners[Number(ownerSelect.value)]?.owner;
      targets = owner ? thresholdTargets(resolved, owner) : [];
      comparison.replaceChildren(...targets.map((t, i) => option(String(i), `${comparisonText(t, f)}${t.via ? `（经条件 ${t.via}）` : ''}`)));
      syncValue();
    };
    ownerSelect.addEventListener('change', syncTargets);
    comparison.addEventListener('change', syncValue);
    thresholdForm.onsubmit = () => {
      const target = targets[Number(comparison.value)];
      if (!target) return;
      addEdit({ kind: 'threshold', owner: target.owner as ConditionOwner, path: target.path, value: readValue() });
    };
    thresholdForm.replaceChildren(
      el('label', {}, '规则或条件 ', ownerSelect),
      el('label', {}, '比较 ', comparison),
      el('div', { class: 'pe-row' }, el('span', {}, '新值 '), valueBox, el('button', { type: 'submit' }, '应用')),
    );
    restore(ownerSelect, previousOwner);
    syncTargets();
    if (previousOwner === ownerSelect.value && previousTarget !== undefined) {
      restore(comparison, previousTarget);
      syncValue();
    }
  }

  function render(): void {
    const { plan, scenarios } = current();
    intro.textContent = `在表单中修改「${plan.title}」的时限、报送对象或定级阈值。原文件不会被改动；每项修改可撤销，比较后可下载修改后的预案和场景文件。`;
    versionNote.textContent = `下载的预案保留原版本号 ${plan.version}：请在发布前按需提高 version。${scenarios === null ? '此预案没有场景文件：只比较生成的案例。' : ''}`;
    scenariosButton.disabled = scenarios === null;
    scenariosButton.title = scenarios === null ? '此预案没有场景文件' : '';
    for (const [form, fill] of [[deadlineForm, renderDeadlineForm], [recipientForm, renderRecipientForm], [thresholdForm, renderThresholdForm]] as const) {
      try {
        fill();
      } catch (error) {
        form.replaceChildren(el('p', { class: 'pe-error' }, messageOf(error)));
      }
    }
    renderChanges();
  }

  /** A generated case in words: each fact with its label and value's label. */
  function caseName(c: DiffCase, f: FactInfo): string {
    if (c.source === 'scenario') return `场景：${c.name}`;
    const incident = isObject(c.incident) ? c.incident : {};
    const parts: string[] = [];
    for (const key of ['indicators', 'metrics'] as const) {
      const record = isObject(incident[key]) ? (incident[key] as Json) : {};
      for (const [name, value] of Object.entries(record)) parts.push(`${comparisonText({ fact: name, operator: 'equal', value }, f).replace(' 为 ', '：')}`);
    }
    const flags = isObject(incident.flags) ? Object.keys(incident.flags) : [];
    for (const name of flags) parts.push(`${comparisonText({ fact: name, operator: 'equal', value: true }, f).replace(' 为 ', '：')}`);
    return `生成：${parts.join('，') || '无事实'}`;
  }

  async function runDiff(): Promise<void> {
    const run = ++running;
    const { definition, scenarios, id } = current();
    diffBox.replaceChildren(el('p', { class: 'pe-progress' }, '正在比较…'));
    runButton.disabled = true;
    try {
      const options = loadOptions();
      const before = loadPlan(definition as object, options);
      const changed = edits.length === 0 ? before : build(edits).plan;
      const cases: DiffCase[] = [];
      if (isObject(scenarios) && (scenarios.plan === undefined || scenarios.plan === id)) cases.push(...scenarioCases(scenarios as never));
      let partial = '';
      const generated = generateIncidents({ plans: [before, changed], maxCombinations: PAGE_GENERATE_BUDGET, onPartial: (combinations) => (partial = `事实取值组合共 ${combinations} 种，超过页面上限 ${PAGE_GENERATE_BUDGET}：逐项生成。`) });
      if (generated.length > PAGE_MAX_GENERATED) partial += `生成案例 ${generated.length} 个，只比较前 ${PAGE_MAX_GENERATED} 个（命令行 yuqing diff 比较全部）。`;
      cases.push(...generated.slice(0, PAGE_MAX_GENERATED));
      const found: CaseDiff[] = [];
      const count = { scenario: { cases: 0, changed: 0 }, generated: { cases: 0, changed: 0 } };
      for (let i = 0; i < cases.length; i += CHUNK) {
        await nextFrame();
        if (run !== running) return;
        const report = diffPlans(before, changed, cases.slice(i, i + CHUNK));
        found.push(...report.changed);
        count.scenario.cases += report.summary.scenarios.cases;
        count.scenario.changed += report.summary.scenarios.changed;
        count.generated.cases += report.summary.generated.cases;
        count.generated.changed += report.summary.generated.changed;
        diffBox.replaceChildren(el('p', { class: 'pe-progress' }, `正在比较… ${Math.min(i + CHUNK, cases.length)}/${cases.length}`));
      }
      showDiff(cases, found, count, compareDefinitions(before, changed), partial);
    } catch (error) {
      if (run === running) diffBox.replaceChildren(el('p', { class: 'pe-error', 'data-testid': 'diff-error' }, messageOf(error)));
    } finally {
      runButton.disabled = false;
    }
  }

  function showDiff(cases: DiffCase[], found: CaseDiff[], count: Record<'scenario' | 'generated', { cases: number; changed: number }>, definitions: FieldChange[], partial: string): void {
    const f = facts();
    const n = names();
    const status = (s: string): string => statusText(s as ObligationStatus, { lang: lang() });
    const byName = new Map(cases.map((c) => [`${c.source}:${c.name}`, c]));
    const total = count.scenario.cases + count.generated.cases;
    const changedTotal = count.scenario.changed + count.generated.changed;
    const rows = (list: FieldChange[]): HTMLTableElement =>
      el('table', { class: 'pe-table' },
        el('thead', {}, el('tr', {}, el('th', {}, '字段'), el('th', {}, '修改前'), el('th', {}, '修改后'))),
        el('tbody', {}, ...list.map((ch) => el('tr', { 'data-field': ch.field }, el('td', {}, fieldLabel(ch.field, n)), el('td', {}, changeText(ch.field, ch.before, n, status)), el('td', {}, changeText(ch.field, ch.after, n, status))))),
      );
    const scenarioChanges = found.filter((c) => c.source === 'scenario');
    const generatedChanges = found.filter((c) => c.source === 'generated');
    const item = (c: CaseDiff, index: number): HTMLElement => {
      const source = byName.get(`${c.source}:${c.name}`);
      // The first few open, the rest a click away: a change can touch every case.
      return el('details', { 'data-testid': 'diff-case', 'data-source': c.source, open: c.source === 'scenario' && index < OPEN_CASES }, el('summary', {}, source ? caseName(source, f) : c.name, `（${c.changes.length} 处变化）`), rows(c.changes));
    };
    const parts: (HTMLElement | null)[] = [
      el('p', { 'data-testid': 'diff-summary', class: changedTotal > 0 ? 'pe-changed' : 'pe-same' },
        `比较了 ${total} 个案例（场景 ${count.scenario.cases} 个，生成 ${count.generated.cases} 个），其中 ${changedTotal} 个决策有变化（场景 ${count.scenario.changed} 个，生成 ${count.generated.changed} 个）。`),
      partial ? el('p', { class: 'pe-note' }, partial) : null,
      changedTotal === 0 && definitions.length === 0 ? el('p', {}, edits.length === 0 ? '尚无修改：两版相同。' : '没有决策因这些修改而变化。') : null,
      ...scenarioChanges.map(item),
      ...generatedChanges.slice(0, LISTED_GENERATED).map(item),
      generatedChanges.length > LISTED_GENERATED ? el('p', { class: 'pe-note' }, `其余 ${generatedChanges.length - LISTED_GENERATED} 个有变化的生成案例未列出。`) : null,
      definitions.length > 0 ? el('div', { 'data-testid': 'diff-definitions' }, el('h4', {}, `名称与标题：${definitions.length} 处变化`), rows(definitions)) : null,
    ];
    diffBox.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
  }

  runButton.addEventListener('click', () => void runDiff());

  planButton.addEventListener('click', () => {
    try {
      const definition = edits.length === 0 ? current().definition : build(edits).definition;
      const name = current().fileName.replace(/\.(ya?ml|json)$/i, '') || current().id;
      download(`${name}.json`, `${JSON.stringify(definition, null, 2)}\n`);
    } catch (error) {
      showEditError(error);
    }
  });

  scenariosButton.addEventListener('click', () => {
    const { scenarios, definition, id } = current();
    if (scenarios === null) return;
    try {
      const options = loadOptions();
      const before = loadPlan(definition as object, options);
      const changed = edits.length === 0 ? before : build(edits).plan;
      // Rewritten: the scenarios that held under the original plan and do not under the changed one.
      const { file, rewritten } = rewriteScenarioFile(scenarios, (scenario) => {
        if (!runScenario(before, scenario as unknown as Scenario).passed) return null;
        if (runScenario(changed, scenario as unknown as Scenario).passed) return null;
        return outcomeOf(changed, scenario);
      });
      download(`${id}.scenarios.json`, `${JSON.stringify(file, null, 2)}\n`);
      diffBox.prepend(el('p', { class: 'pe-note', 'data-testid': 'scenarios-rewritten' }, rewritten.length === 0 ? '场景文件无需更新：所有场景在修改后仍然通过。' : `已更新 ${rewritten.length} 个场景的预期：${rewritten.join('；')}`));
    } catch (error) {
      showEditError(error);
    }
  });

  function update(): void {
    const { definition } = current();
    if (definition !== shownDefinition) {
      shownDefinition = definition;
      edits = [];
      after = null;
      running += 1;
      clearEditError();
      diffBox.replaceChildren();
    }
    render();
  }

  update();
  return { update };
}
