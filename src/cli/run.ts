import { dirname, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { audit, decide, IncidentError, listLayers, listPlans, loadPlan, PlanError, renderAudit, renderDecision, formatIssues } from '../index.js';
import type { Issue, LoadPlanOptions, Plan } from '../index.js';
import { fromZodIssues, parseWith } from '../model/errors.js';
import { planJsonSchema } from '../model/plan-json-schema.js';
import {
  DocumentSyntaxError,
  diffPlans,
  formatResults,
  formatScore,
  generateIncidents,
  isScenarioFileName,
  mutatePlan,
  parseDocument,
  runScenarioFile,
  scenarioCases,
  verifyPlan,
  verifyAgainst,
  checkWithEngine,
  type DiffCase,
  type MutationReport,
  type ScenarioFile,
  type SuiteResult,
} from '../testing/index.js';
import { escapeControls } from '../testing/files.js';
import { cite } from '../render/text.js';
import { BUNDLED_PLANS } from '../plans/bundled.js';
import { CURRENT_FORMAT, migratePlan, migrateYamlText } from '../plans/migrate.js';
import { scaffoldPlan } from '../plans/scaffold.js';
import { compareCodePoints, ScenarioFileSchema } from '../testing/scenario.js';
import { parseTimestamp } from '../time/timestamp.js';
import { table, type CliIo } from './io.js';
import pkg from '../../package.json';

export type { CliIo } from './io.js';

/** Exit codes (README, "Command line"): 0 success, 1 a check found a problem, 2 bad usage or input. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;

/** A failure that ends a command with an exit code and a message (and the issues behind it). */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
    readonly issues: readonly Issue[] = [],
    /** A limit the file's content passes (its size): `check` reports it as the problem found in the file. */
    readonly overLimit = false,
  ) {
    super(message);
  }
}

type Params = Record<string, string>;

const collectParam = (value: string, previous: Params | undefined): Params => {
  const at = value.indexOf('=');
  if (at <= 0) throw new CliError(2, `--param expects name=value, got ${JSON.stringify(value)}`);
  return { ...(previous ?? {}), [value.slice(0, at)]: value.slice(at + 1) };
};

const looksLikePath = (ref: string): boolean => /[\\/]|\.(json|ya?ml)$/i.test(ref);

/** `--levels I=I+II,II=II,III=other,IV=`: each level of the plan → the layer's levels (none after `=`: an empty list). */
function parseLevels(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const item of text.split(',')) {
    const at = item.indexOf('=');
    const level = item.slice(0, at).trim();
    if (at <= 0 || level === '') throw new CliError(2, `--levels expects level=layerLevel+layerLevel,… (e.g. I=I+II,IV=), got ${item.trim() === '' ? 'an empty item (a comma too many?)' : JSON.stringify(item)}`);
    if (Object.hasOwn(out, level)) throw new CliError(2, `--levels names level ${JSON.stringify(level)} twice`);
    const value = item.slice(at + 1).trim();
    out[level] = value === '' ? [] : value.split('+').map((id) => id.trim());
  }
  return out;
}

/** The largest file (plan, incident, scenario, calendar) the CLI reads: 10 MiB, checked before parsing. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The longest text of a file an issue's `received` shows; longer texts are cut, lists and maps only described. */
const RECEIVED_CHARS = 40;

/** What a value is, in words, without showing it. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return 'a text';
  return typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

/** Issues as the CLI prints them: a received text cut short, a received list or map described, never shown whole. */
function shownIssues(issues: readonly Issue[]): Issue[] {
  return issues.map((issue) => {
    if (!('received' in issue)) return issue;
    const r = issue.received;
    if (r !== null && typeof r === 'object') return { ...issue, received: `(${kindOf(r)})` };
    if (typeof r !== 'string') return issue;
    const chars = [...r];
    return chars.length > RECEIVED_CHARS ? { ...issue, received: `${chars.slice(0, RECEIVED_CHARS).join('')}…` } : issue;
  });
}

function errorText(message: string, issues: readonly Issue[]): string {
  return issues.length > 0 ? `${message}\n${formatIssues(shownIssues(issues)).replace(/^/gm, '  ')}` : message;
}

/** JSON text with the characters that JSON leaves raw but a terminal acts on (C1 controls, line and paragraph separators, bidirectional marks and overrides) escaped. */
const jsonText = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`);

/** The kinds of file the CLI reads. */
type FileKind = 'plan file' | 'layer file' | 'incident file' | 'scenario file' | 'calendar file';

/**
 * What each kind of file is known by: a map is taken for a plan, an incident, a scenario file or a
 * calendar (and its problems shown, received values cut short) only when it has all the fields of one
 * of these sets; any other map — a configuration, a file of secrets — is refused without a word of it.
 */
const FILE_KINDS: Record<FileKind, { noun: string; fields: readonly (readonly string[])[]; lacks: string }> = {
  'plan file': { noun: 'a plan', fields: [['id', 'levels'], ['id', 'extends']], lacks: 'a plan has an "id" and "levels", or an "id" and "extends"' },
  'incident file': { noun: 'an incident', fields: [['occurredAt'], ['discoveredAt']], lacks: 'an incident has "occurredAt" and "discoveredAt"' },
  'scenario file': { noun: 'a scenario file', fields: [['plan', 'scenarios']], lacks: 'a scenario file has "plan" and "scenarios"' },
  'calendar file': { noun: 'a calendar', fields: [['years']], lacks: 'a calendar has "years"' },
  'layer file': { noun: 'a layer', fields: [['id', 'kind', 'levels']], lacks: 'a layer has an "id", "levels" and "kind": "layer"' },
};

/**
 * A text from a file on one line of terminal output: each line feed becomes a space, so it cannot forge
 * output lines (CR, NEL and the Unicode separators are written visibly by escapeControls in out()).
 */
const flat = (text: unknown): string => String(text).replace(/\n/g, ' ');

/** File-system errors that mean "there is no file by that name" (rather than "it cannot be read"). */
const NOT_A_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

class Cli {
  constructor(private readonly io: CliIo) {}

  /** The host calendar of `--calendar`, read once. */
  private calendar: { file: string; data: object } | null = null;

  /** The layers of `--layer` (files read; bundled ids need nothing), for every plan the command loads. */
  private layers: object[] = [];

  private get bundled(): string[] {
    return [...listPlans(), ...listLayers()].map((p) => p.id);
  }

  /** Prints to standard output; control and escape sequences (from files) are written visibly, never sent to the terminal. */
  out(text: string): void {
    const safe = escapeControls(text);
    this.io.stdout(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  err(text: string): void {
    this.io.stderr(escapeControls(text));
  }

  json(value: unknown): void {
    this.out(jsonText(value));
  }

  display(path: string): string {
    const rel = relative(this.io.cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
  }

  /** A file's text, at most MAX_FILE_BYTES; null when there is no file by that name and `missing` allows it. */
  readText(path: string, what: string): string;
  readText(path: string, what: string, missing: 'null'): string | null;
  readText(path: string, what: string, missing?: 'null'): string | null {
    const name = path === '-' ? 'standard input' : `${what} ${this.display(path)}`;
    const tooLarge = (): CliError => new CliError(2, `${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the most yuqing reads`, [], true);
    let text: string;
    try {
      if (path !== '-') text = this.io.readFile(path, MAX_FILE_BYTES);
      else if (this.io.readStdin) text = this.io.readStdin(MAX_FILE_BYTES);
      else throw new CliError(2, 'standard input is not available here');
    } catch (error) {
      if (error instanceof CliError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'EFBIG') throw tooLarge();
      if (code === 'ENOTREG') throw new CliError(2, `${name} is not a regular file`);
      if (missing && code !== undefined && NOT_A_FILE.has(code)) return null;
      throw new CliError(2, `cannot read ${name}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : `: ${code ?? (error as Error).message}`}`);
    }
    // The injected reader may ignore the bound: the text is measured again before it is parsed.
    if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) throw tooLarge();
    return text;
  }

  /** A JSON or YAML text, parsed (standard input as JSON when it starts with `{` or `[`, else as YAML); bad syntax is a usage error (2) unless `syntaxExit` says otherwise. */
  parseText(text: string, path: string, what: string, syntaxExit: 1 | 2 = 2): unknown {
    const name = path === '-' ? 'standard input' : `${what} ${this.display(path)}`;
    // Files go by their extension; standard input by its first character (after a byte-order mark and blanks).
    const document = path !== '-' ? path : /^\ufeff?\s*[[{]/.test(text) ? 'stdin.json' : 'stdin.yaml';
    try {
      return parseDocument(text, document);
    } catch (error) {
      if (error instanceof DocumentSyntaxError) throw new CliError(syntaxExit, `${name} is not valid ${/\.json$/i.test(document) ? 'JSON' : 'YAML'}`, error.issues);
      throw error;
    }
  }

  /**
   * A JSON or YAML file whose content must be a map of the kind `what` names, with the fields that kind
   * is known by (FILE_KINDS): anything else is a usage error (2) that shows nothing of the content.
   */
  readObject(path: string, what: FileKind, text: string = this.readText(path, what)): object {
    const raw = this.parseText(text, path, what);
    const kind = FILE_KINDS[what];
    const name = path === '-' ? 'standard input' : `${what} ${this.display(path)}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CliError(2, `${name} does not hold ${kind.noun}: its content is ${kindOf(raw)}, not a map of fields`);
    if (!kind.fields.some((fields) => fields.every((field) => Object.hasOwn(raw, field)))) throw new CliError(2, `${name} does not hold ${kind.noun}: ${kind.lacks}`);
    return raw;
  }

  /**
   * A plan argument: a plan file (JSON or YAML) relative to `base` whenever a file of that name exists,
   * else a bundled plan id. The file's content is never taken for an id.
   */
  planSource(ref: string, base: string = this.io.cwd): { source: string | object; file: string | null } {
    const path = resolve(base, ref);
    const text = this.readText(path, 'plan file', 'null');
    if (text !== null) return { source: this.readObject(path, 'plan file', text), file: path };
    if (!looksLikePath(ref) && this.bundled.includes(ref)) return { source: ref, file: null };
    if (looksLikePath(ref)) throw new CliError(2, `cannot read plan file ${this.display(path)}: no such file`);
    throw new CliError(2, `unknown plan ${JSON.stringify(ref)}: not a bundled plan (${this.bundled.join(', ')}) and not a file`);
  }

  exists(path: string): boolean {
    return this.readText(path, 'file', 'null') !== null;
  }

  /** Options for loadPlan: the parameters given, and the host calendar of `--calendar`. */
  loadOptions(parameters: Record<string, string | number> | undefined, layers: readonly object[] = []): LoadPlanOptions {
    const options: Record<string, unknown> = parameters && Object.keys(parameters).length > 0 ? { parameters } : {};
    if (this.calendar) options.calendar = this.calendar.data;
    // A scenario file's layers stand for those of `--layer` with the same id.
    const ids = new Set(layers.map((l) => (l as { id?: unknown }).id));
    const all = [...this.layers.filter((l) => !ids.has((l as { id?: unknown }).id)), ...layers];
    if (all.length > 0) options.layers = all;
    return options as LoadPlanOptions;
  }

  /** Reads `--calendar <file>` (JSON or YAML, same limits as every file). */
  useCalendar(file: string | undefined): void {
    if (file === undefined) return;
    const path = resolve(this.io.cwd, file);
    this.calendar = { file: path, data: this.readObject(path, 'calendar file') };
  }

  /** A layer argument (`--layer`, a scenario file's `layers`): a layer file relative to `base` whenever a file of that name exists, else a bundled layer id (null: nothing to add). */
  layerSource(ref: string, base: string = this.io.cwd): object | null {
    const path = resolve(base, ref);
    const text = this.readText(path, 'layer file', 'null');
    if (text !== null) return this.readObject(path, 'layer file', text);
    const ids = listLayers().map((l) => l.id);
    if (!looksLikePath(ref) && ids.includes(ref)) return null;
    if (this.io.isDirectory(path)) throw new CliError(2, `cannot read layer file ${this.display(path)}: it is a directory`);
    if (looksLikePath(ref)) throw new CliError(2, `cannot read layer file ${this.display(path)}: no such file`);
    throw new CliError(2, `unknown layer ${JSON.stringify(ref)}: not a bundled layer (${ids.join(', ')}) and not a file`);
  }

  /** Reads the layers of `--layer <file or id>` (repeatable). */
  useLayers(refs: readonly string[] | undefined): void {
    this.layers = this.layersFrom(refs ?? [], this.io.cwd, '--layer');
  }

  /** Layer files named in one list (`--layer`, a scenario file's `layers`): a file named twice is read once; two files giving one layer id are a usage error (2). */
  layersFrom(refs: readonly string[], base: string, where: string): object[] {
    const read = new Set<string>();
    const byId = new Map<unknown, string>();
    const out: object[] = [];
    for (const ref of refs) {
      const path = resolve(base, ref);
      if (read.has(path)) continue;
      read.add(path);
      const layer = this.layerSource(ref, base);
      if (layer === null) continue;
      const id = (layer as { id?: unknown }).id;
      const before = byId.get(id);
      if (before !== undefined) throw new CliError(2, `${where}: ${JSON.stringify(before)} and ${JSON.stringify(ref)} both give the layer ${JSON.stringify(id)}: one file per layer`);
      byId.set(id, ref);
      out.push(layer);
    }
    return out;
  }

  loadPlan(ref: string, parameters: Params | Record<string, string | number> | undefined, base?: string, layers: readonly object[] = []): Plan {
    const { source } = this.planSource(ref, base);
    try {
      return loadPlan(source, this.loadOptions(parameters, layers));
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(2, `plan ${ref}: ${error.message.split('\n')[0]}`, error.issues);
      throw error;
    }
  }

  /** The incident of `--incident <file>`; `-` reads standard input. */
  readIncident(file: string): unknown {
    return this.readObject(file === '-' ? '-' : resolve(this.io.cwd, file), 'incident file');
  }

  /** Scenario files under a directory (recursively, skipping dot-directories and node_modules), or the one file named. */
  scenarioFiles(target: string | undefined): string[] {
    let path = resolve(this.io.cwd, target ?? 'rules');
    // Not told a directory, and none here: the plans shipped with the package.
    if (target === undefined && !this.io.isDirectory(path) && this.io.bundledRules !== undefined) path = this.io.bundledRules;
    if (!this.io.isDirectory(path)) {
      if (this.exists(path)) return [path];
      throw new CliError(2, `no such directory or scenario file: ${target ?? 'rules'}`);
    }
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of [...this.io.readDir(dir)].sort((a, b) => compareCodePoints(a.name, b.name))) {
        if (entry.directory) {
          if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(resolve(dir, entry.name));
        } else if (isScenarioFileName(entry.name)) out.push(resolve(dir, entry.name));
      }
    };
    walk(path);
    return out;
  }

  /** A scenario file, checked; bad files are usage errors (2). */
  scenarioFile(path: string): ScenarioFile {
    const raw = this.readObject(path, 'scenario file');
    const parsed = parseWith(ScenarioFileSchema, raw);
    if (!parsed.success) throw new CliError(2, `scenario file ${this.display(path)} is invalid`, fromZodIssues(raw, parsed.issues));
    return parsed.data;
  }

  /** The plan a scenario file names: a bundled id, or a path relative to the scenario file. */
  scenarioPlan(file: ScenarioFile, path: string, override?: Params): Plan {
    const parameters = override && Object.keys(override).length > 0 ? override : file.parameters;
    const layers = this.layersFrom(file.layers ?? [], dirname(path), `scenario file ${this.display(path)}, "layers"`);
    return this.loadPlan(file.plan, parameters, dirname(path), layers);
  }

  /** The id a plan reference will load as, without loading it (for matching scenario files to a plan). */
  planIdOf(ref: string, base: string): string | null {
    try {
      const { source } = this.planSource(ref, base);
      if (typeof source === 'string') return source;
      const id = (source as { id?: unknown }).id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  }

  progress(text: string, final = false): void {
    if (this.io.interactive) this.io.stderr(`\r\x1b[2K${escapeControls(text)}${final ? '\n' : ''}`);
    else if (final) this.err(`${text}\n`);
  }

  // --- commands ---------------------------------------------------------------------------------

  check(ref: string, opts: { json?: boolean; param: Params }): number {
    let source: string | object;
    try {
      source = this.planSource(ref).source;
    } catch (error) {
      if (error instanceof CliError && (error.issues.length > 0 || error.overLimit)) {
        // A file that does not parse, or is past a limit, is a problem the check found.
        const issues: readonly Issue[] = error.issues.length > 0 ? error.issues : [{ path: [], code: 'limit', message: error.message }];
        if (opts.json) this.json({ ok: false, plan: ref, issues: shownIssues(issues) });
        else this.out(`✗ ${flat(ref)}: ${errorText(error.message, error.issues)}`);
        return EXIT.problem;
      }
      throw error;
    }
    let sampled: Record<string, string | number> | null = null;
    const attempt = (parameters: Record<string, string | number>): Plan => loadPlan(source, this.loadOptions(parameters));
    let plan: Plan | null = null;
    let issues: Issue[] = [];
    try {
      plan = attempt(opts.param);
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      if (error.code === 'UNKNOWN_PLAN') throw new CliError(2, error.message.split('\n')[0] as string, error.issues);
      issues = error.issues;
      if (error.code === 'MISSING_PARAMETER' && issues.every((i) => i.code === 'missing_parameter')) {
        // Blanks the adopting unit fills: check the rest of the plan with sample values.
        sampled = { ...opts.param };
        for (const issue of issues) {
          const name = String(issue.path[1]);
          const min = /≥ (-?\d+(?:\.\d+)?)/.exec(issue.expected ?? '');
          sampled[name] = /number/.test(issue.expected ?? '') ? Number(min?.[1] ?? 1) : '[X]';
        }
        try {
          plan = attempt(sampled);
          issues = [];
        } catch (again) {
          if (!(again instanceof PlanError)) throw again;
          issues = again.issues;
        }
      }
    }
    if (opts.json) {
      this.json({
        ok: plan !== null,
        plan: plan ? { id: plan.id, version: plan.version, title: plan.title } : ref,
        ...(sampled ? { sampleParameters: sampled } : {}),
        issues: shownIssues(issues),
      });
    } else if (plan) {
      const d = plan.definition;
      this.out(
        `✓ ${flat(ref)}: 预案有效 valid — ${flat(plan.id)} ${flat(plan.version)} ${flat(plan.title)}\n` +
          `  ${d.levels.length} levels 级别, ${d.classification.length} classification rules 分级规则, ${d.obligations.length} obligations 义务, ${d.roles.length + d.recipients.length} roles and recipients 角色与报告对象` +
          (sampled ? `\n  parameters not given 未填参数, checked with sample values 以示例值检查: ${Object.entries(sampled).map(([k, v]) => `${flat(k)}=${flat(v)}`).join(', ')}` : ''),
      );
    } else {
      this.out(`✗ ${ref}: 预案无效 invalid — ${issues.length} problem(s) 个问题\n${formatIssues(shownIssues(issues)).replace(/^/gm, '  ')}`);
    }
    return plan ? EXIT.ok : EXIT.problem;
  }

  decide(ref: string, opts: { incident: string; now?: string; json?: boolean; param: Params }): number {
    const plan = this.loadPlan(ref, opts.param);
    const incident = this.readIncident(opts.incident);
    const now = opts.now ?? this.io.now();
    const decision = decide(plan, incident, { now });
    if (opts.json) this.json(decision);
    else this.out(renderDecision(decision));
    return EXIT.ok;
  }

  audit(ref: string, opts: { incident: string; now: string; json?: boolean; markdown?: boolean; param: Params }): number {
    const plan = this.loadPlan(ref, opts.param);
    const incident = this.readIncident(opts.incident);
    const result = audit(plan, incident, { now: opts.now });
    if (opts.json) {
      this.json(result);
      return EXIT.ok;
    }
    if (opts.markdown) {
      this.out(renderAudit(result));
      return EXIT.ok;
    }
    const short = (t: string | null): string => (t === null ? '—' : t.replace(/^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*$/, '$1-$2 $3:$4'));
    const STATUS: Record<string, string> = { pending: '待办 pending', overdue: '已超时 overdue', met: '按时 met', 'met-late': '超时完成 met-late', 'not-applicable': '不再适用 n/a' };
    const s = result.summary;
    const lines = [
      `预案 Plan: ${flat(result.plan.id)} ${flat(result.plan.version)}　舆情 Incident: ${flat(result.incident.id)}　时间 Now: ${flat(result.now)}`,
      `级别 Levels: ${result.levels.map((l) => `${flat(l.id)} ${flat(l.name)} (${flat(l.source)}, ${short(l.from)} → ${l.to === null ? 'now' : short(l.to)})`).join('; ')}`,
      '',
      table(
        ['状态 Status', '事项 Obligation', '负责 Responsible', '时限 Due', '完成 Done', '依据 Basis'],
        result.obligations.map((o) => [STATUS[o.status] ?? o.status, o.title, o.responsible.name, short(o.dueAt), short(o.doneAt), cite(o.basis)].map(flat)),
      ),
      '',
      `汇总 Summary: 按时 met ${s.met} · 超时完成 met-late ${s.metLate} · 已超时 overdue ${s.overdue} · 待办 pending ${s.pending} · 不再适用 n/a ${s.notApplicable} · 共 total ${s.total}` +
        (s.onTimeRate === null ? '' : ` · 按时率 on time ${Math.round(s.onTimeRate * 100)}%`),
      ...(result.warnings.length > 0 ? ['', '提示 Warnings:', ...result.warnings.map((w) => `  ! ${flat(w.message)}`)] : []),
    ];
    this.out(lines.join('\n'));
    return EXIT.ok;
  }

  schema(): number {
    this.json(planJsonSchema());
    return EXIT.ok;
  }

  /** A plan object checked by loadPlan: its problems are a usage error (2); blanks left open are no problem here. */
  checkLoads(source: object, ref: string, parameters: Params): void {
    try {
      loadPlan(source, this.loadOptions(parameters));
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      if (error.issues.every((issue) => issue.code === 'missing_parameter')) return;
      throw new CliError(2, `plan ${ref}: ${error.message.split('\n')[0]}`, error.issues);
    }
  }

  migrate(ref: string, opts: { write?: boolean; json?: boolean; param: Params }): number {
    const { source, file } = this.planSource(ref);
    if (opts.write && file === null) throw new CliError(2, `--write 只改写预案文件 rewrites a plan file: ${ref} is a bundled plan (print it without --write and save it)`);
    const raw = (typeof source === 'string' ? BUNDLED_PLANS[source] : source) as Record<string, unknown>;
    const changed = raw.format !== CURRENT_FORMAT;
    const migrated = migratePlan(raw);
    this.checkLoads(migrated, ref, opts.param);
    const yaml = file !== null && /\.ya?ml$/i.test(file);
    const text = yaml ? migrateYamlText(this.readText(file as string, 'plan file')) : `${JSON.stringify(migrated, null, 2)}\n`;
    const written = Boolean(opts.write && changed);
    if (written) this.write(file as string, text, false);
    if (opts.json) this.json({ plan: ref, format: CURRENT_FORMAT, changed, written, migrated });
    else if (opts.write) this.out(changed ? `✓ 已转换为格式 2 migrated to format 2: ${this.display(file as string)}` : `✓ 已是格式 2 already format 2: ${this.display(file as string)} (未改写 not rewritten)`);
    else {
      if (!changed) this.err(`yuqing: ${flat(ref)} 已是格式 2 is already format 2\n`);
      this.io.stdout(text);
    }
    return EXIT.ok;
  }

  /** Writes a file through the injected writer; `exclusive` refuses to replace one that exists. */
  write(path: string, text: string, exclusive: boolean): void {
    if (!this.io.writeFile) throw new CliError(2, 'writing files is not available here');
    try {
      this.io.writeFile(path, text, { exclusive });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') throw new CliError(2, `${this.display(path)} 已存在 already exists: not overwritten 未覆盖`);
      throw new CliError(2, `cannot write ${this.display(path)}: ${code ?? (error as Error).message}`);
    }
  }

  init(dir: string, opts: { id?: string; title?: string; json?: boolean }): number {
    const id = opts.id ?? 'my-plan';
    const title = opts.title ?? '（示例）网络舆情应急处置预案';
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(id)) throw new CliError(2, `--id ${JSON.stringify(id)}: 预案编号须为小写英文 must be a lower-case id like "my-plan" (letters, digits, "-")`);
    const scaffold = scaffoldPlan({ id, title });
    try {
      loadPlan(JSON.parse(scaffold.plan));
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(2, `--title ${JSON.stringify(title)}: 标题不可用 not usable as a plan title`, error.issues);
      throw error;
    }
    const target = resolve(this.io.cwd, dir);
    const files = [
      { path: resolve(target, scaffold.planFile), text: scaffold.plan },
      { path: resolve(target, scaffold.scenarioFile), text: scaffold.scenarios },
    ];
    // Nothing is written when either file is there already.
    for (const f of files) if (this.exists(f.path) || this.io.isDirectory(f.path)) throw new CliError(2, `${this.display(f.path)} 已存在 already exists: init does not overwrite 不覆盖已有文件`);
    for (const f of files) this.write(f.path, f.text, true);
    if (opts.json) {
      this.json({ created: files.map((f) => this.display(f.path)) });
      return EXIT.ok;
    }
    const [plan, scenarios] = files.map((f) => flat(this.display(f.path)));
    this.out(
      `✓ 已创建 created ${plan} (预案 plan, format 2) and ${scenarios} (场景 scenarios)\n` +
        `  下一步 next: yuqing test ${scenarios} · yuqing verify ${plan} · 改写条款与时限 edit the clauses and deadlines (docs/rule-authoring.md)`,
    );
    return EXIT.ok;
  }

  test(target: string | undefined, opts: { json?: boolean; param: Params }): number {
    const files = this.scenarioFiles(target);
    if (files.length === 0) throw new CliError(2, `no scenario files (*.scenarios.json, *.scenarios.yaml) in ${target ?? 'rules'}`);
    type FileRun = { file: string; plan: { id: string; version: string } | null; passed: number; failed: number; results: SuiteResult['results']; error: { message: string; issues: readonly Issue[] } | null };
    const runs: FileRun[] = [];
    files.forEach((path, i) => {
      this.progress(`test ${i + 1}/${files.length} ${this.display(path)}`);
      try {
        const file = this.scenarioFile(path);
        const plan = this.scenarioPlan(file, path, opts.param);
        const suite = runScenarioFile(plan, file);
        runs.push({ file: this.display(path), plan: suite.plan, passed: suite.passed, failed: suite.failed, results: suite.results, error: null });
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        runs.push({ file: this.display(path), plan: null, passed: 0, failed: 0, results: [], error: { message: error.message, issues: shownIssues(error.issues) } });
      }
    });
    this.progress('', false);
    const passed = runs.reduce((n, r) => n + r.passed, 0);
    const failed = runs.reduce((n, r) => n + r.failed, 0);
    const broken = runs.filter((r) => r.error).length;
    const code = broken > 0 ? EXIT.usage : failed > 0 ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      this.json({
        files: runs.map((r) => ({ ...r, results: r.results.map(({ decision: _decision, ...rest }) => rest) })),
        summary: { files: runs.length, passed, failed, invalidFiles: broken },
      });
      return code;
    }
    const lines: string[] = [];
    for (const r of runs) {
      if (r.error) {
        lines.push(`✗ ${flat(r.file)}: ${errorText(r.error.message, r.error.issues)}`);
        continue;
      }
      const plan = r.plan as { id: string; version: string };
      lines.push(`${r.failed === 0 ? '✓' : '✗'} ${flat(r.file)} (${flat(plan.id)} ${flat(plan.version)}): ${r.passed}/${r.passed + r.failed} passed 通过`);
      if (r.failed > 0) lines.push(formatResults(r.results).replace(/^/gm, '  '));
    }
    lines.push('');
    lines.push(
      `scenarios 场景: ${passed} passed 通过, ${failed} failed 失败, in ${runs.length} file(s) 个文件` + (broken > 0 ? `; ${broken} file(s) could not be run 无法运行` : ''),
    );
    this.out(lines.join('\n'));
    return code;
  }

  async verify(ref: string, opts: { json?: boolean; param: Params; strict?: boolean; against?: string; levels?: string }): Promise<number> {
    if (opts.against !== undefined) return this.verifyAgainstLayer(ref, opts.against, opts);
    if (opts.levels !== undefined) throw new CliError(2, '--levels maps the plan\'s levels to a layer\'s: give the layer with --against');
    const plan = this.loadPlan(ref, opts.param);
    const report = verifyPlan(plan);
    // After the static checks: the compiled conditions against json-rules-engine itself; a disagreement or a condition not compared is an error.
    const engine = await checkWithEngine(plan);
    const engineErrors = engine.findings.length + engine.notChecked.length;
    const errors = report.errors + engineErrors;
    const code = errors > 0 || (opts.strict && report.warnings > 0) ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      this.json({ ...report, errors, engine });
      return code;
    }
    const unchecked = report.findings.some((f) => f.check === 'not-checked' && f.subject === 'classification');
    const lines = unchecked
      ? [`verify ${flat(plan.id)} ${flat(plan.version)}: classification not checked 分级标准未检查 (over the budget of verify; see the finding below)`]
      : [
          `verify ${flat(plan.id)} ${flat(plan.version)}: ${report.space.points} combinations 组合 of ${report.space.facts.join(', ')}`,
          `levels by the criteria 按分级标准: ${Object.entries(report.levels).map(([id, n]) => `${id} ${n}`).join(' · ')}`,
        ];
    lines.push(
      engineErrors === 0
        ? `引擎核对 json-rules-engine: ${engine.checked.points} points 个取值组合 of ${engine.checked.rules} conditions 条条件, compiled conditions agree 编译条件与引擎一致`
        : `引擎核对 json-rules-engine: ${engine.checked.points} points 个取值组合 of ${engine.checked.rules} conditions 条条件; ${engine.findings.length} disagree 不一致, ${engine.notChecked.length} not checked 未核对`,
    );
    const rows = [
      ...report.findings,
      ...engine.findings.map((f) => ({ severity: 'error', check: 'engine-mismatch', subject: f.subject, message: f.message, count: f.count, example: f.example })),
      ...engine.notChecked.map((n) => ({ severity: 'error', check: 'not-checked', subject: n.subject, message: n.message, count: undefined, example: undefined })),
    ];
    if (rows.length > 0) {
      lines.push('');
      lines.push(
        table(
          ['严重性 Severity', '检查 Check', '对象 Subject', '说明 Finding'],
          rows.map((f) => [
            f.severity === 'error' ? '错误 error' : '提示 warning',
            f.check,
            f.subject,
            `${f.message}${f.count !== undefined ? ` [${f.count}×]` : ''}${f.example ? ` e.g. ${JSON.stringify(f.example)}` : ''}`,
          ].map(flat)),
        ),
      );
    }
    lines.push('');
    lines.push(
      errors === 0
        ? `✓ no gaps, no unsettled overlaps, monotone levels, every rule reachable 无缺口、无未决重叠、级别单调、规则均可达${report.warnings > 0 ? ` (${report.warnings} warning(s) 提示)` : ''}`
        : `✗ ${errors} error(s) 错误, ${report.warnings} warning(s) 提示`,
    );
    this.out(lines.join('\n'));
    return code;
  }

  /** `verify <plan> --against <layer>`: what the plan sets laxer than the layer, or lacks (docs/layers.md); one line per finding with both citations. */
  verifyAgainstLayer(ref: string, against: string, opts: { json?: boolean; param: Params; levels?: string }): number {
    const levels = opts.levels === undefined ? undefined : parseLevels(opts.levels);
    const plan = this.loadPlan(ref, opts.param);
    const path = resolve(this.io.cwd, against);
    const text = this.readText(path, 'layer file', 'null');
    if (text === null && looksLikePath(against)) throw new CliError(2, `cannot read layer file ${this.display(path)}: no such file`);
    let layer: Plan;
    const source = text === null ? against : this.readObject(path, 'layer file', text);
    try {
      // The layer fills its blanks from --param too; the names only the plan declares are given again without.
      try {
        layer = loadPlan(source, this.loadOptions(opts.param));
      } catch (error) {
        const unknown = error instanceof PlanError ? new Set(error.issues.filter((i) => i.code === 'unknown_parameter' && i.path.length === 2 && i.path[0] === 'parameters').map((i) => i.path[1])) : new Set();
        if (unknown.size === 0) throw error;
        layer = loadPlan(source, this.loadOptions(Object.fromEntries(Object.entries(opts.param ?? {}).filter(([name]) => !unknown.has(name)))));
      }
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(2, `layer ${against}: ${error.message.split('\n')[0]}`, error.issues);
      throw error;
    }
    const report = verifyAgainst(plan, layer, levels === undefined ? {} : { levels });
    const code = report.findings.length > 0 ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      const { findings, ...rest } = report;
      this.json({ findings, ...rest });
      return code;
    }
    const FROM = { option: 'from --levels 命令行给出', plan: "from the plan's above.levels 预案自身的对应", layer: "from the layer's correspondence 上级层级的对应表" } as const;
    const lines = [
      `verify ${flat(plan.id)} ${flat(plan.version)} against 对照上级 ${flat(layer.id)} ${flat(layer.version)}（${flat(layer.title)}）`,
      `级别对应 levels ${FROM[report.mappingFrom]}: ${plan.definition.levels.map((l) => `${l.id}→${Object.hasOwn(report.mapping, l.id) ? (report.mapping[l.id] as string[]).join('+') || '∅' : '?'}`).join(' · ')}`,
      '',
    ];
    const KIND = { missing: '缺失 missing', laxer: '宽于上级 laxer', unmapped: '未对应 unmapped' } as const;
    for (const f of report.findings) {
      const cites = [f.layer ? `上级 ${f.layer.obligation}（${cite(f.layer.basis)}）` : '', f.plan ? `预案 ${f.plan.obligation}（${cite(f.plan.basis)}）` : ''].filter(Boolean).join(' ↔ ');
      lines.push(flat(`✗ ${KIND[f.kind]}/${f.reason} ${f.message}${cites ? ` — ${cites}` : ''}`));
    }
    const count = (kind: string): number => report.findings.filter((f) => f.kind === kind).length;
    lines.push(
      report.findings.length === 0
        ? `✓ no duty of the layer is missing or laxer 无缺失、无宽于上级的时限 (${report.met.length} met 已满足)`
        : `✗ ${report.findings.length} finding(s) 项: ${count('missing')} missing 缺失, ${count('laxer')} laxer 宽于上级, ${count('unmapped')} unmapped 未对应; ${report.met.length} met 已满足`,
    );
    this.out(lines.join('\n'));
    return code;
  }

  /** Throws the first case's error when no case can be decided under the plan: a diff of errors only compares nothing. */
  someCaseDecides(plan: Plan, cases: readonly DiffCase[]): void {
    let first: unknown;
    for (const c of cases) {
      try {
        decide(plan, c.incident, { now: c.now });
        return;
      } catch (error) {
        first ??= error;
      }
    }
    throw first;
  }

  diff(refA: string, refB: string, opts: { scenarios?: string; now?: string; generated: boolean; flags: boolean; all?: boolean; json?: boolean; param: Params }): number {
    if (opts.now !== undefined && parseTimestamp(opts.now) === null) {
      throw new CliError(2, `--now ${JSON.stringify(opts.now)} is not a timestamp: expected ISO 8601 with an offset (e.g. 2026-03-02T09:10:00+08:00)`);
    }
    const idA = this.planIdOf(refA, this.io.cwd);
    const cases: DiffCase[] = [];
    let parameters: Record<string, string | number> | undefined = Object.keys(opts.param).length > 0 ? opts.param : undefined;
    if (opts.scenarios !== undefined) {
      for (const path of this.scenarioFiles(opts.scenarios)) {
        const file = this.scenarioFile(path);
        if (idA === null || this.planIdOf(file.plan, dirname(path)) !== idA) continue;
        parameters ??= file.parameters;
        cases.push(...scenarioCases(file, `${this.display(path)}: `));
      }
    }
    const a = this.loadPlan(refA, parameters);
    const b = this.loadPlan(refB, parameters);
    let partial: string | null = null;
    const onPartial = (combinations: number, budget: number): void => {
      partial = `not-checked 未全部生成: ${combinations} combinations of fact values exceed the budget of ${budget}; generated one fact at a time 逐项生成`;
    };
    if (opts.generated) cases.push(...generateIncidents({ flags: opts.flags, plans: [a, b], onPartial, ...(opts.now ? { now: opts.now } : {}) }));
    if (cases.length === 0) throw new CliError(2, `nothing to compare: no scenario of plan ${a.id} in ${opts.scenarios ?? '(no --scenarios)'} and generated incidents are off`);
    const report = diffPlans(a, b, cases, {
      onProgress: (done, total) => {
        if (done % 200 === 0 || done === total) this.progress(`diff: ${done}/${total} cases`);
      },
    });
    this.progress('', false);
    // Nothing changed: make sure that is not every case failing the same way on both sides (a --now before discovery).
    if (report.changed.length === 0) this.someCaseDecides(a, cases);
    const code = report.changed.length > 0 || report.definitions.length > 0 ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      this.json(partial === null ? report : { ...report, notChecked: partial });
      return code;
    }
    const s = report.summary;
    const lines = [
      ...(partial === null ? [] : [partial]),
      `diff ${flat(report.before.id)} ${flat(report.before.version)} → ${flat(report.after.id)} ${flat(report.after.version)}: ${s.cases} cases 个案例 (${s.scenarios.cases} scenarios 场景, ${s.generated.cases} generated 生成), ${s.changed} changed 有变化`,
    ];
    const show = (v: unknown): string => JSON.stringify(v);
    const limit = opts.all ? Infinity : 10;
    let generatedShown = 0;
    for (const c of report.changed) {
      if (c.source === 'generated' && generatedShown++ >= limit) continue;
      lines.push('');
      lines.push(`≠ ${flat(c.name)}`);
      for (const ch of c.changes) lines.push(`    ${flat(ch.field)}: ${show(ch.before)} → ${show(ch.after)}`);
    }
    if (generatedShown > limit) lines.push('', `… and ${generatedShown - limit} more generated case(s) 其余生成案例 (--all or --json to list them)`);
    // Names and titles that changed, whether or not any case's decision shows them (a renamed recipient).
    if (report.definitions.length > 0) {
      lines.push('', `≠ 名称与标题 names and titles: ${report.definitions.length} changed 有变化`);
      for (const ch of report.definitions) lines.push(`    ${flat(ch.field)}: ${show(ch.before)} → ${show(ch.after)}`);
    }
    if (Object.keys(s.byField).length > 0) {
      lines.push('');
      lines.push(
        table(
          ['字段 Field', '场景 Scenarios', '生成 Generated', '合计 Cases'],
          Object.entries(s.byField)
            .sort((x, y) => y[1] - x[1] || compareCodePoints(x[0], y[0]))
            .map(([field, n]) => {
              const sc = report.changed.filter((c) => c.source === 'scenario' && c.changes.some((ch) => ch.field === field)).length;
              return [field, String(sc), String(n - sc), String(n)];
            }),
        ),
      );
    }
    lines.push('');
    lines.push(s.changed === 0 ? '✓ no decision changed 决策无变化' : `✗ ${s.changed} of ${s.cases} decisions changed 项决策有变化 (scenarios ${s.scenarios.changed}/${s.scenarios.cases}, generated ${s.generated.changed}/${s.generated.cases})`);
    if (report.definitions.length > 0) lines.push(`✗ ${report.definitions.length} name(s) or title(s) changed 个名称或标题有变化`);
    this.out(lines.join('\n'));
    return code;
  }

  mutate(target: string | undefined, opts: { plan?: string; min: string; json?: boolean; param: Params }): number {
    const min = Number(opts.min);
    if (!Number.isFinite(min) || min < 0 || min > 100) throw new CliError(2, `--min expects a percentage 0–100, got ${JSON.stringify(opts.min)}`);
    const groups = new Map<string, { path: string; files: ScenarioFile[]; plan: Plan }>();
    for (const path of this.scenarioFiles(target)) {
      const file = this.scenarioFile(path);
      const plan = this.scenarioPlan(file, path, opts.param);
      if (opts.plan !== undefined && plan.id !== opts.plan) continue;
      const key = `${plan.id}@${plan.version}:${JSON.stringify(plan.parameters)}`;
      const group = groups.get(key);
      if (group) group.files.push(file);
      else groups.set(key, { path, files: [file], plan });
    }
    if (groups.size === 0) throw new CliError(2, `no scenario files${opts.plan ? ` for plan ${opts.plan}` : ''} in ${target ?? 'rules'}`);
    const reports: MutationReport[] = [];
    const broken: { plan: { id: string; version: string }; error: string }[] = [];
    for (const { files, plan } of groups.values()) {
      this.err(`mutate: ${plan.id} ${plan.version} (${files.reduce((n, f) => n + f.scenarios.length, 0)} scenarios)…\n`);
      let report: MutationReport;
      try {
        report = mutatePlan(plan, files, {
          onProgress: (done, total) => {
            if (this.io.interactive && (done % 5 === 0 || done === total)) this.io.stderr(`\r\x1b[2K  ${escapeControls(plan.id)}: ${done}/${total} mutants`);
          },
        });
      } catch (error) {
        // The suite fails on the plan itself: mutation testing means nothing until `yuqing test` passes.
        broken.push({ plan: { id: plan.id, version: plan.version }, error: (error as Error).message });
        this.err(`  ${plan.id}: skipped — ${(error as Error).message}\n`);
        continue;
      }
      if (this.io.interactive) this.io.stderr('\r\x1b[2K');
      this.err(`  ${plan.id}: ${report.killed}/${report.total} killed\n`);
      reports.push(report);
    }
    const total = reports.reduce((n, r) => n + r.total, 0);
    const killed = reports.reduce((n, r) => n + r.killed, 0);
    // Nothing measured because every suite failed on its plan: no score to boast of.
    const score = total === 0 ? (broken.length > 0 ? 0 : 1) : killed / total;
    const below = reports.filter((r) => r.score * 100 < min);
    const code = below.length > 0 || broken.length > 0 ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      this.json({
        skipped: broken,
        plans: reports.map(({ results, ...r }) => ({ ...r, results: results.map((x) => ({ ...x })) })),
        total,
        killed,
        score,
        min: min / 100,
      });
      return code;
    }
    const lines: string[] = [];
    for (const r of reports) {
      lines.push(`${r.score * 100 >= min ? '✓' : '✗'} ${r.plan.id} ${r.plan.version}: ${r.total} mutants 变异体, ${r.killed} killed 已杀死, ${r.survived.length} survived 存活 — ${Math.floor(r.score * 100)}%`);
      for (const m of r.survived) lines.push(`    survived 存活  ${m.id}  ${m.description}`);
    }
    for (const b of broken) lines.push(`✗ ${b.plan.id} ${b.plan.version}: skipped 跳过 — ${b.error}`);
    if (below.length > 0) lines.push('', `✗ below ${min}% 低于阈值: ${below.map((r) => r.plan.id).join(', ')}`);
    lines.push('');
    lines.push(formatScore(score));
    this.out(lines.join('\n'));
    return code;
  }
}

/**
 * The `yuqing` command line: runs `argv` (the arguments after the program name) and returns the exit
 * code — 0 success, 1 a check found a problem, 2 bad usage or bad input. All I/O goes through `io`.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = new Cli(io);
  let exitCode: number = EXIT.ok;
  let json = false;
  const program = new Command('yuqing')
    .description('网络舆情应急预案 as tested rules: check, decide, audit, test, diff, verify, mutate a plan.\nA <plan> is a bundled plan id or a plan file (JSON or YAML).')
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(yuqing --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(escapeControls(s)) });
  program.configureHelp({ sortSubcommands: false });
  const param = () => new Option('-p, --param <name=value>', 'a value for a blank of the plan (repeatable)').argParser(collectParam);
  const command = (name: string, description: string) =>
    program.command(name).description(description).option('--json', 'print JSON for machines').addOption(param()).exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(escapeControls(s)) });
  // Commands that load plans also take the host's working-day calendar.
  const planCommand = (name: string, description: string) =>
    command(name, description)
      .option('--calendar <file>', 'holidays and adjusted working days of years the bundled calendar lacks (JSON or YAML, docs/calendar)')
      .option('--layer <file>', 'a layer the plan is built on (`above`): a layer file or a bundled layer id (repeatable, docs/layers)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  const act =
    <A extends unknown[]>(fn: (...args: A) => number | Promise<number>) =>
    async (...args: A): Promise<void> => {
      const opts = args[args.length - 2] as { json?: boolean; param?: Params; calendar?: string; layer?: string[] } | undefined;
      if (opts && typeof opts === 'object') opts.param ??= {};
      json = Boolean(opts && typeof opts === 'object' && opts.json);
      cli.useCalendar(opts && typeof opts === 'object' ? opts.calendar : undefined);
      cli.useLayers(opts && typeof opts === 'object' ? opts.layer : undefined);
      exitCode = await fn(...args);
    };

  planCommand('check', 'validate a plan file: every problem with its path 校验预案')
    .argument('<plan>')
    .action(act((plan: string, opts: { json?: boolean; param: Params }) => cli.check(plan, opts)));
  planCommand('decide', 'what must be done next, by whom, by when, and why 当前决策')
    .argument('<plan>')
    .requiredOption('-i, --incident <file>', 'the incident (JSON or YAML)')
    .option('-n, --now <iso>', 'the moment to decide at (default: the clock)')
    .action(act((plan: string, opts: { incident: string; now?: string; json?: boolean; param: Params }) => cli.decide(plan, opts)));
  planCommand('audit', "the incident's whole timeline: every obligation, when due, when done 复盘")
    .argument('<plan>')
    .requiredOption('-i, --incident <file>', 'the incident (JSON or YAML)')
    .requiredOption('-n, --now <iso>', 'the moment to audit at')
    .option('--markdown', 'a Markdown report (tables and a Mermaid gantt chart) instead of the terminal table')
    .action(act((plan: string, opts: { incident: string; now: string; json?: boolean; markdown?: boolean; param: Params }) => cli.audit(plan, opts)));
  planCommand('test', 'run scenario files (*.scenarios.json|yaml) against their plans 运行场景测试')
    .argument('[dir]', "a directory or one scenario file (default: rules/, else the package's own)")
    .action(act((dir: string | undefined, opts: { json?: boolean; param: Params }) => cli.test(dir, opts)));
  planCommand('diff', "what each decision becomes under planB: scenarios and generated incidents 比较两版预案")
    .argument('<planA>')
    .argument('<planB>')
    .option('-s, --scenarios <dir>', "scenario files of planA's plan (a directory or one file)")
    .option('-n, --now <iso>', 'the moment generated incidents are decided at (default 2026-03-02T09:10:00+08:00; occurred 08:00, discovered 09:00)')
    .option('--no-generated', 'no generated incidents, only the scenarios')
    .option('--no-flags', 'generated incidents without flags (indicator combinations only)')
    .option('--all', 'list every changed generated case')
    .action(act((a: string, b: string, opts: { scenarios?: string; now?: string; generated: boolean; flags: boolean; all?: boolean; json?: boolean; param: Params }) => cli.diff(a, b, opts)));
  planCommand('verify', 'static checks over the whole indicator space 静态检查')
    .argument('<plan>')
    .option('--strict', 'warnings (unused roles, levels only reached by judgement) count as problems')
    .option('--against <layer>', 'a layer (bundled id or file): every duty of it the plan lacks or sets laxer 对照上级层级')
    .option('--levels <map>', "with --against: the plan's levels → the layer's, e.g. I=I+II,II=II,III=other,IV=")
    .action(act((plan: string, opts: { json?: boolean; param: Params; strict?: boolean; against?: string; levels?: string }) => cli.verify(plan, opts)));
  planCommand('mutate', 'mutate every rule of every plan and run its scenarios 变异测试')
    .argument('[dir]', "a directory or one scenario file (default: rules/, else the package's own)")
    .option('--plan <id>', 'only the scenario files of this plan')
    .option('--min <percent>', 'exit 1 when a plan scores below this', '90')
    .action(act((dir: string | undefined, opts: { plan?: string; min: string; json?: boolean; param: Params }) => cli.mutate(dir, opts)));
  command('schema', "print the plan file's JSON Schema 预案文件的 JSON Schema").action(act(() => cli.schema()));
  command('migrate', 'print (or --write) a plan file in format 2 转换为格式 2')
    .argument('<plan>', 'a plan file (or a bundled plan id, printed only)')
    .option('-w, --write', 'rewrite the file in place instead of printing it')
    .action(act((plan: string, opts: { write?: boolean; json?: boolean; param: Params }) => cli.migrate(plan, opts)));
  command('init', 'scaffold a plan of format 2 with its scenario file 新建预案')
    .argument('<dir>', 'the directory to write <id>.json and <id>.scenarios.json in')
    .option('--id <id>', 'the plan id (default my-plan)')
    .option('--title <title>', 'the plan title, also the document it cites')
    .action(act((dir: string, opts: { id?: string; title?: string; json?: boolean }) => cli.init(dir, opts)));

  try {
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "successfully"; anything else commander refuses is bad usage.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    const report = (code: 1 | 2, name: string, message: string, issues: readonly Issue[], errorCode?: string): number => {
      io.stderr(escapeControls(`yuqing: ${errorText(message, issues)}\n`));
      if (json) io.stdout(`${escapeControls(jsonText({ error: { name, ...(errorCode ? { code: errorCode } : {}), message, issues: shownIssues(issues) } }))}\n`);
      return code;
    };
    if (error instanceof CliError) return report(error.exitCode, 'CliError', error.message, error.issues);
    if (error instanceof IncidentError || error instanceof PlanError) return report(2, error.name, error.message.split('\n')[0] as string, error.issues, error.code);
    io.stderr(escapeControls(`yuqing: internal error: ${(error as Error).stack ?? String(error)}\n`));
    return EXIT.usage;
  }
}
