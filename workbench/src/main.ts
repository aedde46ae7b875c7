// The workbench page: a plan's tables, an incident tried against it (decision, ledger, gantt), the plan editor, a link to share.
import { audit, decide, formatIssues, listPlans, loadPlan, type Issue } from 'yuqing-playbook';
import { parseDocument } from 'yuqing-playbook/testing';
import type { CurrentPlan, Lang, PlanEditorContext } from './context';
import { formatIso, offsetMinutes, parseIso } from './datetime';
import { renderDecision, renderGantt, renderLedger } from './decision-view';
import { $, fill, h } from './dom';
import { renderIncidentForm } from './incident-form';
import { decodeLink, encodeLink } from './link';
import { declaredParameters, enteredFrom, expectsText, parameterIssues, parameterValues, sameValues, type ParameterField, type ParameterIssue } from './parameters';
import { renderPlan } from './plan-view';

type Json = Record<string, unknown>;

/** The bundled rule files (in the library's bundle already) and scenario files (loaded when a plan is chosen). */
const RULES = import.meta.glob<{ default: unknown }>(['../../rules/*.json', '!../../rules/*.scenarios.json'], { eager: true });
const SCENARIOS = import.meta.glob<{ default: unknown }>('../../rules/*.scenarios.json');
/** The plan editor (workbench/src/plan-editor.ts), when it is there. */
const EDITOR = import.meta.glob<{ mountPlanEditor(root: HTMLElement, context: PlanEditorContext): { update(): void } }>('./plan-editor.ts');

interface Current extends CurrentPlan {
  /** A bundled plan: a link can name it. */
  bundled: boolean;
  /** The parameter values of the plan's scenario file (what a link to a bundled plan loads it with); undefined for none. */
  scenarioParameters?: Record<string, string | number>;
}

const state = {
  current: null as Current | null,
  incident: {} as Json,
  now: '',
  lang: 'zh' as Lang,
  /** Layer files opened, parsed, with their names. */
  layers: [] as { name: string; data: unknown }[],
  /** The hash the page wrote last (its own hashchange is not a new link). */
  hash: '',
};

// ---------------------------------------------------------------- errors

const errors = new Map<string, string>();

/** What a person reads for an error: the library's message (Chinese by default), a parse error's issues, else the text. */
function errorText(error: unknown, lang: Lang): string {
  if (error instanceof Error) {
    const issues = (error as { issues?: unknown }).issues;
    if ((error.name === 'PlanError' || error.name === 'IncidentError') && error.message !== '') return error.message;
    // A part of the page (a plan's scenario file, the plan editor) whose file could not be fetched: the browser's words are English.
    if (/dynamically imported module|Importing a module script failed|Failed to fetch|preload CSS/i.test(error.message)) {
      return `${lang === 'en' ? 'A part of the page could not be loaded (check the network, then reload the page)' : '页面的一部分未能载入（请检查网络后刷新页面）'}：${error.message}`;
    }
    if (Array.isArray(issues) && issues.length > 0) {
      try {
        return `${lang === 'en' ? 'Cannot be read' : '内容无法解析'}\n${formatIssues(issues as Issue[], { lang })}`;
      } catch {
        return error.message;
      }
    }
    return error.message || error.name;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

const SOURCES: Record<string, string> = { link: '分享链接', file: '文件', incident: '事件与决策', editor: '修改预案', page: '页面', plan: '预案' };
/** A source's name in the banner (a plan's scenario file: `scenarios:<plan id>`). */
const sourceName = (source: string): string => SOURCES[source] ?? (source.startsWith('scenarios:') ? `示例文件 ${source.slice(10)}` : source);

function renderErrors(): void {
  const banner = $('[data-testid="error"]');
  if (errors.size === 0) {
    banner.hidden = true;
    fill(banner);
    return;
  }
  banner.hidden = false;
  fill(banner,
    h('div', { class: 'error-head' }, h('strong', {}, '出错了'), h('button', { type: 'button', class: 'close', 'aria-label': '关闭', id: 'error-close', onclick: () => { errors.clear(); renderErrors(); } }, '×')),
    [...errors].map(([source, text]) => h('div', { class: 'error-item', 'data-source': source }, h('span', { class: 'error-source' }, `${sourceName(source)}：`), h('pre', {}, text))));
}

/** Shows (or, with null, clears) the error of one part of the page; the rest stays usable. */
function setError(source: string, error: unknown): void {
  if (error === null || error === undefined) errors.delete(source);
  else {
    errors.set(source, errorText(error, state.lang));
    // The details (a stack) for whoever opens the console.
    console.error(error);
  }
  renderErrors();
}

window.addEventListener('error', (event) => setError('page', event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => setError('page', event.reason));

// ---------------------------------------------------------------- plans

const rulesKey = (id: string): string => `../../rules/${id}.json`;
const scenariosKey = (id: string): string => `../../rules/${id}.scenarios.json`;

const layerOption = (): { layers?: object[] } => (state.layers.length > 0 ? { layers: state.layers.map((l) => l.data as object) } : {});

/** Loads a bundled plan with its rule file and scenario file; its blanks filled with `given`, else with the scenario file's values. */
async function loadBundled(id: string, given?: Record<string, string | number>): Promise<Current> {
  const loadScenarios = SCENARIOS[scenariosKey(id)];
  let scenarios: unknown = null;
  // A scenario file that cannot be fetched is reported; the plan still loads without its examples.
  try {
    if (loadScenarios !== undefined) scenarios = (await loadScenarios()).default;
    setError(`scenarios:${id}`, null);
  } catch (error) {
    setError(`scenarios:${id}`, error);
  }
  // A plan with blanks (ideology-emergency: [X] 分钟内) is filled with the values its scenario file tests.
  const raw = scenarios !== null && typeof scenarios === 'object' ? (scenarios as { parameters?: unknown }).parameters : undefined;
  const scenarioParameters = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, string | number>) : undefined;
  const parameters = given ?? scenarioParameters;
  const plan = loadPlan(id, { ...layerOption(), ...(parameters !== undefined ? { parameters } : {}) });
  const rules = RULES[rulesKey(id)];
  const definition = rules === undefined ? structuredClone(plan.definition) : structuredClone(rules.default);
  return { id, definition, plan, layers: state.layers.map((l) => l.data), scenarios, fileName: `${id}.json`, bundled: true, ...(scenarioParameters !== undefined ? { scenarioParameters } : {}) };
}

/** Loads a plan file's definition (with the layer files opened, its blanks filled with `given`). */
function loadFromFile(definition: unknown, fileName: string, given?: Record<string, string | number>): Current {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    // The library's own message for what is not a plan object.
    loadPlan(definition as object);
  }
  const plan = loadPlan(definition as object, { ...layerOption(), ...(given !== undefined ? { parameters: given } : {}) });
  return { id: plan.id, definition, plan, layers: state.layers.map((l) => l.data), scenarios: null, fileName, bundled: false };
}

interface ScenarioLike {
  name?: unknown;
  incident?: unknown;
  now?: unknown;
}

const scenarioList = (scenarios: unknown): ScenarioLike[] => {
  const list = scenarios !== null && typeof scenarios === 'object' ? (scenarios as { scenarios?: unknown }).scenarios : undefined;
  return Array.isArray(list) ? (list.filter((s) => s !== null && typeof s === 'object') as ScenarioLike[]) : [];
};

/** A first incident for a plan: its first scenario's, else a fresh one at the current moment. */
function sampleIncident(current: Current): { incident: Json; now: string } {
  const first = scenarioList(current.scenarios).find((s) => s.incident !== null && typeof s.incident === 'object');
  if (first !== undefined) return { incident: structuredClone(first.incident) as Json, now: typeof first.now === 'string' ? first.now : state.now };
  const zone = current.plan.timeZone;
  const nowMs = parseIso(state.now) ?? Date.now();
  return {
    incident: { id: 'inc-1', occurredAt: formatIso(nowMs - 3600_000, zone), discoveredAt: formatIso(nowMs - 1800_000, zone), indicators: {}, events: [] },
    now: formatIso(nowMs, zone),
  };
}

// ---------------------------------------------------------------- the page's parts

let editor: { update(): void } | null = null;

const context: PlanEditorContext = {
  current() {
    const c = state.current;
    if (c === null) throw new Error('尚未载入预案');
    return { id: c.id, definition: c.definition, plan: c.plan, layers: c.layers, scenarios: c.scenarios, fileName: c.fileName };
  },
  lang: () => state.lang,
  showError: (error) => setError('editor', error),
};

function renderScenarioSelect(): void {
  const select = $<HTMLSelectElement>('#scenario-select');
  const list = state.current === null ? [] : scenarioList(state.current.scenarios);
  fill(select, h('option', { value: '' }, list.length === 0 ? '（本预案没有示例）' : `（选择示例，共 ${list.length} 个）`), list.map((s, i) => h('option', { value: i }, `${i + 1}. ${typeof s.name === 'string' ? s.name : '示例'}`)));
  select.disabled = list.length === 0;
}

function renderLayerList(): void {
  const list = $('#layer-list');
  fill(list, state.layers.length === 0 ? null : h('span', {}, `已载入上位规则：${state.layers.map((l) => l.name).join('、')} `, h('button', { type: 'button', id: 'clear-layers', class: 'link', onclick: () => void clearLayers() }, '清除')));
}

/** Shows the plan (tables, scenario list, incident editor) and lets the plan editor know. */
function showPlan(): void {
  const c = state.current;
  if (c === null) return;
  fill($('#plan-tables'), renderPlan(c.plan, c.bundled ? '（内置预案）' : `（文件：${c.fileName}）`));
  showInSelect(c.bundled ? c.id : null, c.fileName);
  showWaitingNotes(null);
  syncParameters(c);
  renderScenarioSelect();
  renderForm();
  setError('editor', null);
  try {
    editor?.update();
  } catch (error) {
    setError('editor', error);
  }
}

/** The plan select shows a bundled plan, or (id null) a plan file by its name. */
function showInSelect(id: string | null, fileName: string): void {
  const select = $<HTMLSelectElement>('#plan-select');
  select.querySelector('option[data-file]')?.remove();
  if (id !== null) select.value = id;
  else {
    select.append(h('option', { value: '', 'data-file': 'true' }, `文件：${fileName}`));
    select.value = '';
  }
}

// ---------------------------------------------------------------- the plan's blanks (parameters)

const params = {
  /** False when the form is to be filled afresh from the next plan shown (a plan chosen, a file or a link opened). */
  synced: false,
  /** Counts the times the form was filled afresh: the inputs are rebuilt only then, so typing keeps its focus. */
  version: 0,
  built: -1,
  fields: [] as ParameterField[],
  entered: new Map<string, string>(),
  /** The library's issues about each blank, from the last load that failed. */
  issues: new Map<string, ParameterIssue[]>(),
  /** A plan file whose blanks are not filled yet: nothing is decided until they are. */
  waiting: null as { definition: unknown; fileName: string; previousId: string | null } | null,
  /** Loads counted, so only the last one's outcome is shown. */
  seq: 0,
};

/** The next plan shown fills the form afresh (with its own values). */
function resetParameters(): void {
  params.synced = false;
  params.waiting = null;
}

/** The form follows the plan shown: afresh after a reset, else it keeps what was typed. */
function syncParameters(c: Current): void {
  if (!params.synced) {
    params.fields = declaredParameters(c.definition);
    params.entered = enteredFrom(params.fields, c.plan.parameters);
    params.issues = new Map();
    params.version += 1;
    params.synced = true;
  }
  params.waiting = null;
  renderParameters();
}

/** The library's message about a blank, without the path the form's row already shows. */
const parameterMessage = (issues: ParameterIssue[]): string =>
  formatIssues(issues as unknown as Issue[], { lang: state.lang }).split('\n').map((line) => line.replace(/^parameters\.[A-Za-z0-9_$]+\s*[：:]\s*/, '')).join('\n');

function renderParameters(): void {
  const box = $('#plan-parameters-box');
  if (params.fields.length === 0) {
    box.hidden = true;
    fill(box);
    params.built = -1;
    return;
  }
  box.hidden = false;
  if (params.built !== params.version) {
    params.built = params.version;
    fill(box, h('form', { 'data-testid': 'plan-parameters', class: 'parameters', novalidate: true, onsubmit: (event) => { event.preventDefault(); void applyParameters(); } },
      h('h3', {}, '预案参数（预案留下的空白）'),
      h('p', { class: 'hint parameters-note' }),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['参数', '应为', '当前值'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, params.fields.map((field) =>
          h('tr', { 'data-parameter-row': field.id },
            h('td', {}, h('label', { for: `parameter-${field.id}` }, field.name), h('div', { class: 'sub mono' }, field.id)),
            h('td', { class: 'expects' }, expectsText(field)),
            h('td', {},
              h('input', {
                id: `parameter-${field.id}`, type: 'text', class: field.type === 'number' ? 'mono narrow' : '', 'data-parameter': field.id,
                inputmode: field.type === 'number' ? 'decimal' : null, autocomplete: 'off', spellcheck: 'false',
                value: params.entered.get(field.id) ?? '', placeholder: field.optional ? `留空写作“${field.placeholder}”` : field.type === 'number' ? '填写数字' : '填写文字',
                oninput: (event) => { params.entered.set(field.id, (event.target as HTMLInputElement).value); scheduleParameters(); },
                onchange: () => void applyParameters(),
              }),
              h('div', { class: 'parameter-message', 'data-parameter-message': field.id, role: 'status' })))))),
    ));
  }
  for (const field of params.fields) {
    const message = $(`[data-parameter-message="${field.id}"]`, box);
    const issues = params.issues.get(field.id);
    message.textContent = issues === undefined ? '' : parameterMessage(issues);
    $(`[data-parameter="${field.id}"]`, box).classList.toggle('invalid', issues !== undefined);
  }
  const c = state.current;
  const note = params.waiting !== null
    ? `预案文件 ${params.waiting.fileName} 留有待填的空白：逐项填写后载入预案、试算事件。`
    : params.issues.size > 0
      ? '参数有误（见下方红字）：预案和试算仍按上次有效的参数。'
      : c !== null && c.bundled && c.scenarioParameters !== undefined
        ? '已按本预案示例文件中的值预填，可以修改；改后预案表格、决策和时限随之更新。'
        : '填写或修改后，预案表格、决策和时限随之更新。';
  $('.parameters-note', box).textContent = note;
}

let parameterTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleParameters(): void {
  clearTimeout(parameterTimer);
  parameterTimer = setTimeout(() => void applyParameters(), 300);
}

/** Loads the plan again with the form's values; the library's messages about the blanks go beside them, any other error to the banner. */
async function applyParameters(): Promise<void> {
  clearTimeout(parameterTimer);
  const seq = ++params.seq;
  const values = parameterValues(params.fields, params.entered);
  const waiting = params.waiting;
  const c = state.current;
  const source = waiting !== null ? 'file' : 'plan';
  try {
    let next: Current;
    if (waiting !== null) next = loadFromFile(waiting.definition, waiting.fileName, values);
    else if (c === null) return;
    else next = c.bundled ? await loadBundled(c.id, values) : loadFromFile(c.definition, c.fileName, values);
    if (seq !== params.seq) return;
    params.issues = new Map();
    state.current = next;
    if (waiting !== null && waiting.previousId !== next.plan.id) {
      const sample = sampleIncident(next);
      state.incident = sample.incident;
      state.now = sample.now;
    }
    setError(source, null);
    showPlan();
    compute();
  } catch (error) {
    if (seq !== params.seq) return;
    const byId = parameterIssues(error, params.fields);
    if (byId === null) {
      setError(source, error);
      return;
    }
    setError(source, null);
    params.issues = byId;
    renderParameters();
  }
}

/** A plan file waiting for its blanks: the form, and where the plan and the decision will be. */
function showWaiting(): void {
  const waiting = params.waiting;
  if (waiting === null) return;
  fill($('#plan-tables'), h('p', { class: 'muted' }, `预案文件 ${waiting.fileName} 留有待填的空白：在上方“预案参数”中填写后显示预案。`));
  showInSelect(null, waiting.fileName);
  fill($('#decision'), h('p', { class: 'muted', 'data-testid': 'waiting' }, '预案参数填写完整后显示决策。'));
  showWaitingNotes(waiting.fileName);
  fill($('#gantt'));
  fill($('#ledger'));
  setError('incident', null);
  renderParameters();
  updateLink();
}

/** While a plan file waits for its blanks (fileName), the incident form and the plan editor say so instead of showing the plan before; null shows them again. */
function showWaitingNotes(fileName: string | null): void {
  for (const id of ['incident-form', 'plan-editor']) {
    const part = $(`#${id}`);
    let note = document.getElementById(`${id}-waiting`);
    if (fileName === null) {
      part.hidden = false;
      note?.remove();
      continue;
    }
    part.hidden = true;
    if (note === null) {
      note = h('p', { id: `${id}-waiting`, class: 'muted' });
      part.before(note);
    }
    note.textContent = `预案文件 ${fileName} 的参数填写完整后，在此${id === 'plan-editor' ? '修改该预案' : '编辑事件'}。`;
  }
}

// ---------------------------------------------------------------- the incident

function renderForm(): void {
  const c = state.current;
  if (c === null) return;
  try {
    renderIncidentForm($('#incident-form'), c.plan, state.incident, incidentEdited);
  } catch (error) {
    setError('incident', error);
  }
  writeJson();
  $<HTMLInputElement>('#now').value = state.now;
}

function writeJson(): void {
  const area = $<HTMLTextAreaElement>('#incident-json');
  if (document.activeElement !== area) {
    area.value = JSON.stringify(state.incident, null, 2);
    area.classList.remove('invalid');
  }
}

function incidentEdited(): void {
  writeJson();
  schedule();
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Decides again ~150 ms after the last edit. */
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(compute, 150);
}

/** The decision and the ledger at `now`, the gantt chart and the link. */
function compute(): void {
  clearTimeout(timer);
  const c = state.current;
  updateLink();
  if (c === null) return;
  const box = $('#decision');
  try {
    const options = { now: state.now, lang: state.lang };
    const decision = decide(c.plan, state.incident as never, options);
    const ledger = audit(c.plan, state.incident as never, options);
    const width = Math.max(720, Math.min(1400, ($('#gantt').clientWidth || 1100) - 20));
    const offset = offsetMinutes(parseIso(state.incident.occurredAt) ?? 0, c.plan.timeZone);
    fill(box, renderDecision(decision, state.lang));
    fill($('#gantt'), renderGantt(ledger, decision, offset, state.lang, width));
    fill($('#ledger'), renderLedger(ledger, state.lang));
    box.classList.remove('stale');
    $('#gantt').classList.remove('stale');
    $('#ledger').classList.remove('stale');
    setError('incident', null);
  } catch (error) {
    for (const id of ['#decision', '#gantt', '#ledger']) $(id).classList.add('stale');
    setError('incident', error);
  }
}

// ---------------------------------------------------------------- the link

function updateLink(): void {
  const c = state.current;
  const anchor = $<HTMLAnchorElement>('[data-testid="share-link"]');
  const note = $('#share-note');
  const copy = $<HTMLButtonElement>('#copy-link');
  if (c === null || !c.bundled) {
    anchor.removeAttribute('href');
    anchor.textContent = '（来自文件的预案无法生成分享链接）';
    copy.disabled = true;
    fill(note, '分享链接只能指向内置预案：链接里只写预案编号，不含预案文件本身。若要分享修改过的预案，请在“修改预案”中下载文件，连同事件一并发送。');
    return;
  }
  const hash = encodeLink({ plan: c.id, now: state.now, incident: state.incident });
  if (hash !== state.hash) {
    state.hash = hash;
    history.replaceState(null, '', `#${hash}`);
  }
  const url = `${new URL('index.html', location.href).href}#${hash}`;
  anchor.href = url;
  anchor.textContent = url;
  copy.disabled = false;
  const notes = [state.layers.length > 0
    ? '注意：链接不包含已载入的上位规则文件，对方打开时按内置上位规则计算。'
    : '链接包含预案编号、判断时间和完整的事件记录；任何人打开即可看到同样的级别、牵头单位和各项时限。'];
  const fields = declaredParameters(c.definition);
  if (fields.length > 0) {
    const given = c.scenarioParameters === undefined ? '（示例文件未填写，空白照原样保留）' : `（${fields.map((f) => `${f.name}：${c.scenarioParameters?.[f.id] ?? '留空'}`).join('；')}）`;
    notes.push(sameValues(fields, c.plan.parameters, c.scenarioParameters)
      ? `本预案留有待填参数：链接不含参数，对方打开时按示例文件中的值计算${given}。`
      : `注意：本预案留有待填参数，链接不含参数：对方打开时按示例文件中的值计算${given}，而不是你在“预案参数”中改过的值，结果可能不同。`);
  }
  fill(note, notes.map((text) => h('span', { 'data-testid': text.includes('参数') ? 'share-parameters' : null, class: 'share-note-line' }, text)));
}

/** Opens a link's plan, moment and incident; each bad part shows its error and the page goes on with what it has. */
async function openLink(hash: string): Promise<void> {
  let parts;
  try {
    parts = decodeLink(hash);
    setError('link', null);
  } catch (error) {
    setError('link', error);
    if (state.current === null) await choosePlan(listPlans()[0]!.id);
    return;
  }
  const messages: unknown[] = [];
  let current: Current | null = null;
  if (parts.plan !== undefined) {
    try {
      current = await loadBundled(parts.plan);
    } catch (error) {
      messages.push(error);
    }
  }
  if (current === null) {
    if (state.current === null) await choosePlan(listPlans()[0]!.id);
    if (messages.length > 0) setError('link', messages[0]);
    return;
  }
  state.current = current;
  resetParameters();
  const sample = sampleIncident(current);
  state.incident = sample.incident;
  state.now = sample.now;
  if (parts.incident !== undefined) {
    try {
      const parsed = parseDocument(parts.incident, 'incident.json');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('分享链接的 incident 部分不是一个 JSON 对象');
      state.incident = parsed as Json;
    } catch (error) {
      messages.push(error);
    }
  }
  if (parts.now !== undefined) state.now = parts.now;
  showPlan();
  compute();
  if (messages.length > 0) setError('link', messages[0]);
}

// ---------------------------------------------------------------- actions

async function choosePlan(id: string): Promise<void> {
  try {
    const current = await loadBundled(id);
    state.current = current;
    resetParameters();
    const sample = sampleIncident(current);
    state.incident = sample.incident;
    state.now = sample.now;
    setError('plan', null);
    showPlan();
    compute();
  } catch (error) {
    setError('plan', error);
    if (state.current !== null) $<HTMLSelectElement>('#plan-select').value = state.current.bundled ? state.current.id : '';
  }
}

async function readFile(file: File): Promise<unknown> {
  return parseDocument(await file.text(), file.name);
}

async function openPlanFile(file: File): Promise<void> {
  try {
    const definition = await readFile(file);
    const fields = declaredParameters(definition);
    let current: Current;
    try {
      current = loadFromFile(definition, file.name);
    } catch (error) {
      // Blanks not filled: the form asks for them (with the library's messages); any other error is the file's.
      const byId = fields.length > 0 ? parameterIssues(error, fields) : null;
      if (byId === null) throw error;
      const previousId = state.current?.plan.id ?? params.waiting?.previousId ?? null;
      resetParameters();
      params.fields = fields;
      params.entered = enteredFrom(fields, undefined);
      params.issues = byId;
      params.version += 1;
      params.synced = true;
      params.waiting = { definition, fileName: file.name, previousId };
      state.current = null;
      setError('file', null);
      showWaiting();
      return;
    }
    const previous = state.current;
    state.current = current;
    resetParameters();
    if (previous === null || previous.plan.id !== current.plan.id) {
      const sample = sampleIncident(current);
      state.incident = sample.incident;
      state.now = sample.now;
    }
    setError('file', null);
    showPlan();
    compute();
  } catch (error) {
    setError('file', error);
  }
}

/** Loads the current plan again with the layer files now open. */
async function reloadWithLayers(): Promise<void> {
  const c = state.current;
  if (c === null) {
    if (params.waiting !== null) await applyParameters();
    return;
  }
  // The blanks keep the values the plan has now (the form's, or the scenario file's).
  const given = declaredParameters(c.definition).length > 0 ? { ...c.plan.parameters } : undefined;
  state.current = c.bundled ? await loadBundled(c.id, given) : loadFromFile(c.definition, c.fileName, given);
  showPlan();
  compute();
}

async function openLayerFiles(files: FileList): Promise<void> {
  const previous = state.layers;
  try {
    const layers: { name: string; data: unknown }[] = [];
    for (const file of Array.from(files)) layers.push({ name: file.name, data: await readFile(file) });
    state.layers = layers;
    await reloadWithLayers();
    setError('file', null);
  } catch (error) {
    state.layers = previous;
    setError('file', error);
  }
  renderLayerList();
}

async function clearLayers(): Promise<void> {
  state.layers = [];
  ($('#layer-file') as HTMLInputElement).value = '';
  try {
    await reloadWithLayers();
    setError('file', null);
  } catch (error) {
    setError('file', error);
  }
  renderLayerList();
}

let jsonTimer: ReturnType<typeof setTimeout> | undefined;

/** The JSON text edited: when it parses to an object it becomes the incident and the form follows. */
function jsonEdited(): void {
  const area = $<HTMLTextAreaElement>('#incident-json');
  try {
    const parsed = parseDocument(area.value, 'incident.json');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('事件 JSON 须是一个对象（以 { 开头）');
    area.classList.remove('invalid');
    setError('incident', null);
    state.incident = parsed as Json;
    const c = state.current;
    if (c !== null) renderIncidentForm($('#incident-form'), c.plan, state.incident, incidentEdited);
    schedule();
  } catch (error) {
    area.classList.add('invalid');
    setError('incident', error);
  }
}

function copyLink(): void {
  const anchor = $<HTMLAnchorElement>('[data-testid="share-link"]');
  const text = anchor.href;
  const done = () => {
    const button = $<HTMLButtonElement>('#copy-link');
    button.textContent = '已复制';
    setTimeout(() => (button.textContent = '复制链接'), 1500);
  };
  const fallback = () => {
    const input = h('input', { value: text, style: 'position:fixed;opacity:0' });
    document.body.append(input);
    input.select();
    document.execCommand('copy');
    input.remove();
    done();
  };
  if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
}

function shiftNow(minutes: number): void {
  const c = state.current;
  const ms = parseIso(state.now);
  if (c === null || ms === null) return;
  state.now = formatIso(ms + minutes * 60_000, c.plan.timeZone);
  $<HTMLInputElement>('#now').value = state.now;
  compute();
}

// ---------------------------------------------------------------- start

function wire(): void {
  const select = $<HTMLSelectElement>('#plan-select');
  fill(select, listPlans().map(({ id, title }) => h('option', { value: id }, `${title}（${id}）`)));
  select.addEventListener('change', () => {
    if (select.value !== '') void choosePlan(select.value);
  });
  const planFile = $<HTMLInputElement>('#plan-file');
  planFile.addEventListener('change', () => {
    const file = planFile.files?.[0];
    if (file) void openPlanFile(file).finally(() => (planFile.value = ''));
  });
  const layerFile = $<HTMLInputElement>('#layer-file');
  layerFile.addEventListener('change', () => {
    if (layerFile.files && layerFile.files.length > 0) void openLayerFiles(layerFile.files);
  });
  const langSelect = $<HTMLSelectElement>('#lang-select');
  langSelect.addEventListener('change', () => {
    state.lang = langSelect.value === 'en' ? 'en' : 'zh';
    compute();
    try {
      editor?.update();
    } catch (error) {
      setError('editor', error);
    }
  });
  const nowInput = $<HTMLInputElement>('#now');
  nowInput.addEventListener('input', () => {
    state.now = nowInput.value.trim();
    schedule();
  });
  $('#now-current').addEventListener('click', () => {
    const c = state.current;
    if (c === null) return;
    state.now = formatIso(Date.now(), c.plan.timeZone);
    nowInput.value = state.now;
    compute();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action="now-plus"]')) {
    button.addEventListener('click', () => shiftNow(Number(button.dataset.minutes)));
  }
  const scenario = $<HTMLSelectElement>('#scenario-select');
  scenario.addEventListener('change', () => {
    const chosen = state.current === null ? undefined : scenarioList(state.current.scenarios)[Number(scenario.value)];
    if (scenario.value === '' || chosen === undefined) return;
    state.incident = structuredClone(chosen.incident ?? {}) as Json;
    if (typeof chosen.now === 'string') state.now = chosen.now;
    renderForm();
    compute();
  });
  const area = $<HTMLTextAreaElement>('#incident-json');
  area.addEventListener('input', () => {
    clearTimeout(jsonTimer);
    jsonTimer = setTimeout(jsonEdited, 150);
  });
  area.addEventListener('blur', () => {
    if (!area.classList.contains('invalid')) writeJson();
  });
  $('#copy-link').addEventListener('click', copyLink);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-goto]')) {
    button.addEventListener('click', () => document.getElementById(button.dataset.goto!)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  }
  window.addEventListener('hashchange', () => {
    const hash = location.hash.slice(1);
    if (hash !== state.hash && hash !== '') {
      state.hash = hash;
      void openLink(hash);
    }
  });
}

async function mountEditor(): Promise<void> {
  const root = $('#plan-editor');
  const load = EDITOR['./plan-editor.ts'];
  if (load === undefined) {
    fill(root, h('p', { class: 'muted' }, '（预案编辑器未包含在此版本中）'));
    return;
  }
  try {
    const module = await load();
    editor = module.mountPlanEditor(root, context);
  } catch (error) {
    setError('editor', error);
  }
}

async function start(): Promise<void> {
  wire();
  const hash = location.hash.slice(1);
  if (hash !== '') {
    state.hash = hash;
    await openLink(hash);
  } else {
    await choosePlan(listPlans()[0]!.id);
  }
  await mountEditor();
  document.body.dataset.ready = 'true';
}

start().catch((error: unknown) => {
  setError('page', error);
  document.body.dataset.ready = 'true';
});

