import { dirname, relative, resolve } from 'node:path';
import { Command, CommanderError, Help, Option } from 'commander';
import { audit, decide, IncidentError, listLayers, listPlans, loadPlan, PlanError, renderAudit, renderDecision, formatIssues } from '../index.js';
import type { Issue, LoadPlanOptions, Plan } from '../index.js';
import { fromZodIssues, inEnglish, parseWith } from '../model/errors.js';
import { inLanguage } from '../i18n/errors.js';
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
import { table, width, type CliIo } from './io.js';
import { isLang, say, type Lang } from '../i18n/lang.js';
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

const collectParam =
  (lang: Lang) =>
  (value: string, previous: Params | undefined): Params => {
    const at = value.indexOf('=');
    if (at <= 0) throw new CliError(2, say(lang, `--param 应为 名称=值，收到 ${JSON.stringify(value)}`, `--param expects name=value, got ${JSON.stringify(value)}`));
    return { ...(previous ?? {}), [value.slice(0, at)]: value.slice(at + 1) };
  };

const looksLikePath = (ref: string): boolean => /[\\/]|\.(json|ya?ml)$/i.test(ref);

/** `--levels I=I+II,II=II,III=other,IV=`: each level of the plan → the layer's levels (none after `=`: an empty list). */
function parseLevels(text: string, lang: Lang): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const item of text.split(',')) {
    const at = item.indexOf('=');
    const level = item.slice(0, at).trim();
    if (at <= 0 || level === '') {
      throw new CliError(
        2,
        say(
          lang,
          `--levels 应为 级别=上级级别+上级级别,…（如 I=I+II,IV=），收到${item.trim() === '' ? '一个空项（多了一个逗号？）' : ` ${JSON.stringify(item)}`}`,
          `--levels expects level=layerLevel+layerLevel,… (e.g. I=I+II,IV=), got ${item.trim() === '' ? 'an empty item (a comma too many?)' : JSON.stringify(item)}`,
        ),
      );
    }
    if (Object.hasOwn(out, level)) throw new CliError(2, say(lang, `--levels 两次写到级别 ${JSON.stringify(level)}`, `--levels names level ${JSON.stringify(level)} twice`));
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
function kindOf(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return say(lang, '空', 'empty');
  if (Array.isArray(value)) return say(lang, `含 ${value.length} 项的列表`, `a list of ${value.length}`);
  if (typeof value === 'string') return say(lang, '文本', 'a text');
  if (typeof value === 'object') return say(lang, '映射', 'a map');
  return say(lang, typeof value === 'number' ? '数字' : typeof value === 'boolean' ? '布尔值' : typeof value, `a ${typeof value}`);
}

/** Issues as the CLI prints them: a received text cut short, a received list or map described, never shown whole. */
function shownIssues(issues: readonly Issue[], lang: Lang): Issue[] {
  return issues.map((given) => {
    // The library's errors word their issues in Chinese and keep the English: --lang en shows that.
    const issue = lang === 'en' ? inEnglish(given) : given;
    if (!('received' in issue)) return issue;
    const r = issue.received;
    if (r !== null && typeof r === 'object') return { ...issue, received: say(lang, `（${kindOf(r, lang)}）`, `(${kindOf(r, lang)})`) };
    if (typeof r !== 'string') return issue;
    const chars = [...r];
    return chars.length > RECEIVED_CHARS ? { ...issue, received: `${chars.slice(0, RECEIVED_CHARS).join('')}…` } : issue;
  });
}

function errorText(message: string, issues: readonly Issue[], lang: Lang): string {
  return issues.length > 0 ? `${message}\n${formatIssues(shownIssues(issues, lang), { lang }).replace(/^/gm, '  ')}` : message;
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
const FILE_KINDS: Record<FileKind, { name: string; noun: string; nounZh: string; fields: readonly (readonly string[])[]; lacks: string; lacksZh: string }> = {
  'plan file': { name: '预案文件', noun: 'a plan', nounZh: '预案', fields: [['id', 'levels'], ['id', 'extends']], lacks: 'a plan has an "id" and "levels", or an "id" and "extends"', lacksZh: '预案须有 "id" 和 "levels"，或 "id" 和 "extends"' },
  'incident file': { name: '事件文件', noun: 'an incident', nounZh: '事件', fields: [['occurredAt'], ['discoveredAt']], lacks: 'an incident has "occurredAt" and "discoveredAt"', lacksZh: '事件须有 "occurredAt" 和 "discoveredAt"' },
  'scenario file': { name: '场景文件', noun: 'a scenario file', nounZh: '场景文件', fields: [['plan', 'scenarios']], lacks: 'a scenario file has "plan" and "scenarios"', lacksZh: '场景文件须有 "plan" 和 "scenarios"' },
  'calendar file': { name: '日历文件', noun: 'a calendar', nounZh: '日历', fields: [['years']], lacks: 'a calendar has "years"', lacksZh: '日历须有 "years"' },
  'layer file': { name: '层级文件', noun: 'a layer', nounZh: '层级', fields: [['id', 'kind', 'levels']], lacks: 'a layer has an "id", "levels" and "kind": "layer"', lacksZh: '层级须有 "id"、"levels" 和 "kind": "layer"' },
};

/**
 * A text from a file on one line of terminal output: each line feed becomes a space, so it cannot forge
 * output lines (CR, NEL and the Unicode separators are written visibly by escapeControls in out()).
 */
const flat = (text: unknown): string => String(text).replace(/\n/g, ' ');

/** File-system errors that mean "there is no file by that name" (rather than "it cannot be read"). */
const NOT_A_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

class Cli {
  constructor(
    private readonly io: CliIo,
    readonly lang: Lang,
  ) {}

  /** The text in the language of `--lang`. */
  t(zh: string, en: string): string {
    return say(this.lang, zh, en);
  }

  /** A file of a kind (or any file) and its path, as messages name it; `-` is standard input. */
  fileName(path: string, what: FileKind | 'file'): string {
    if (path === '-') return this.t('标准输入', 'standard input');
    return `${this.t(what === 'file' ? '文件' : FILE_KINDS[what].name, what)} ${this.display(path)}`;
  }

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
  readText(path: string, what: FileKind | 'file'): string;
  readText(path: string, what: FileKind | 'file', missing: 'null'): string | null;
  readText(path: string, what: FileKind | 'file', missing?: 'null'): string | null {
    const name = this.fileName(path, what);
    const mib = MAX_FILE_BYTES / 1024 / 1024;
    const tooLarge = (): CliError => new CliError(2, this.t(`${name} 大于 ${mib} MiB（yuqing 最多读取这么多）`, `${name} is larger than ${mib} MiB, the most yuqing reads`), [], true);
    let text: string;
    try {
      if (path !== '-') text = this.io.readFile(path, MAX_FILE_BYTES);
      else if (this.io.readStdin) text = this.io.readStdin(MAX_FILE_BYTES);
      else throw new CliError(2, this.t('此处没有标准输入', 'standard input is not available here'));
    } catch (error) {
      if (error instanceof CliError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'EFBIG') throw tooLarge();
      if (code === 'ENOTREG') throw new CliError(2, this.t(`${name} 不是普通文件`, `${name} is not a regular file`));
      if (missing && code !== undefined && NOT_A_FILE.has(code)) return null;
      const why = code === 'ENOENT' ? this.t('没有这个文件', 'no such file') : code === 'EISDIR' ? this.t('它是目录', 'it is a directory') : (code ?? (error as Error).message);
      throw new CliError(2, this.t(`无法读取${name}：${why}`, `cannot read ${name}: ${why}`));
    }
    // The injected reader may ignore the bound: the text is measured again before it is parsed.
    if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) throw tooLarge();
    return text;
  }

  /** A JSON or YAML text, parsed (standard input as JSON when it starts with `{` or `[`, else as YAML); bad syntax is a usage error (2) unless `syntaxExit` says otherwise. */
  parseText(text: string, path: string, what: FileKind, syntaxExit: 1 | 2 = 2): unknown {
    const name = this.fileName(path, what);
    // Files go by their extension; standard input by its first character (after a byte-order mark and blanks).
    const document = path !== '-' ? path : /^\ufeff?\s*[[{]/.test(text) ? 'stdin.json' : 'stdin.yaml';
    try {
      return parseDocument(text, document);
    } catch (error) {
      if (error instanceof DocumentSyntaxError) {
        const format = /\.json$/i.test(document) ? 'JSON' : 'YAML';
        throw new CliError(syntaxExit, this.t(`${name} 不是有效的 ${format}`, `${name} is not valid ${format}`), error.issues);
      }
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
    const name = this.fileName(path, what);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new CliError(2, this.t(`${name} 不是${kind.nounZh}：其内容是${kindOf(raw, 'zh')}，不是字段的映射`, `${name} does not hold ${kind.noun}: its content is ${kindOf(raw, 'en')}, not a map of fields`));
    }
    if (!kind.fields.some((fields) => fields.every((field) => Object.hasOwn(raw, field)))) throw new CliError(2, this.t(`${name} 不是${kind.nounZh}：${kind.lacksZh}`, `${name} does not hold ${kind.noun}: ${kind.lacks}`));
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
    if (looksLikePath(ref)) throw new CliError(2, this.t(`无法读取预案文件 ${this.display(path)}：没有这个文件`, `cannot read plan file ${this.display(path)}: no such file`));
    throw new CliError(2, this.t(`未知预案 ${JSON.stringify(ref)}：既不是内置预案（${this.bundled.join(', ')}），也不是文件`, `unknown plan ${JSON.stringify(ref)}: not a bundled plan (${this.bundled.join(', ')}) and not a file`));
  }

  exists(path: string): boolean {
    return this.readText(path, 'file', 'null') !== null;
  }

  /** Options for loadPlan: the parameters given, and the host calendar of `--calendar`. */
  loadOptions(parameters: Record<string, string | number> | undefined, layers: readonly object[] = []): LoadPlanOptions {
    const options: Record<string, unknown> = parameters && Object.keys(parameters).length > 0 ? { parameters } : {};
    if (this.lang !== 'zh') options.lang = this.lang;
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
    if (this.io.isDirectory(path)) throw new CliError(2, this.t(`无法读取层级文件 ${this.display(path)}：它是目录`, `cannot read layer file ${this.display(path)}: it is a directory`));
    if (looksLikePath(ref)) throw new CliError(2, this.t(`无法读取层级文件 ${this.display(path)}：没有这个文件`, `cannot read layer file ${this.display(path)}: no such file`));
    throw new CliError(2, this.t(`未知层级 ${JSON.stringify(ref)}：既不是内置层级（${ids.join(', ')}），也不是文件`, `unknown layer ${JSON.stringify(ref)}: not a bundled layer (${ids.join(', ')}) and not a file`));
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
      if (before !== undefined) {
        throw new CliError(2, this.t(`${where}：${JSON.stringify(before)} 和 ${JSON.stringify(ref)} 给出同一层级 ${JSON.stringify(id)}：每个层级只用一个文件`, `${where}: ${JSON.stringify(before)} and ${JSON.stringify(ref)} both give the layer ${JSON.stringify(id)}: one file per layer`));
      }
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
      if (error instanceof PlanError) throw new CliError(2, `${this.t('预案', 'plan')} ${ref}${this.t('：', ': ')}${error.message.split('\n')[0]}`, error.issues);
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
      throw new CliError(2, this.t(`没有这个目录或场景文件：${target ?? 'rules'}`, `no such directory or scenario file: ${target ?? 'rules'}`));
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
    if (!parsed.success) throw new CliError(2, this.t(`场景文件 ${this.display(path)} 无效`, `scenario file ${this.display(path)} is invalid`), fromZodIssues(raw, parsed.issues));
    return parsed.data;
  }

  /** The plan a scenario file names: a bundled id, or a path relative to the scenario file. */
  scenarioPlan(file: ScenarioFile, path: string, override?: Params): Plan {
    const parameters = override && Object.keys(override).length > 0 ? override : file.parameters;
    const layers = this.layersFrom(file.layers ?? [], dirname(path), this.t(`场景文件 ${this.display(path)} 的 "layers"`, `scenario file ${this.display(path)}, "layers"`));
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

  /** The `lang` option for the library's calls: English only when asked (Chinese is every function's default). */
  langOptions(): { lang?: Lang } {
    return this.lang === 'en' ? { lang: 'en' } : {};
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
        if (opts.json) this.json({ ok: false, plan: ref, issues: shownIssues(issues, this.lang) });
        else this.out(`✗ ${flat(ref)}${this.t('：', ': ')}${errorText(error.message, error.issues, this.lang)}`);
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
          // What is expected, read in the library's own (English) words.
          const expected = inEnglish(issue).expected ?? '';
          const min = /≥ (-?\d+(?:\.\d+)?)/.exec(expected);
          sampled[name] = /number/.test(expected) ? Number(min?.[1] ?? 1) : '[X]';
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
        issues: shownIssues(issues, this.lang),
      });
    } else if (plan) {
      const d = plan.definition;
      const parties = d.roles.length + d.recipients.length;
      const sample = sampled ? Object.entries(sampled).map(([k, v]) => `${flat(k)}=${flat(v)}`).join(', ') : '';
      this.out(
        this.t(`✓ ${flat(ref)}：预案有效 — `, `✓ ${flat(ref)}: valid — `) +
          `${flat(plan.id)} ${flat(plan.version)} ${flat(plan.title)}\n` +
          this.t(
            `  ${d.levels.length} 个级别，${d.classification.length} 条分级规则，${d.obligations.length} 项义务，${parties} 个角色与报告对象`,
            `  ${d.levels.length} levels, ${d.classification.length} classification rules, ${d.obligations.length} obligations, ${parties} roles and recipients`,
          ) +
          (sampled ? this.t(`\n  有未填参数，已以示例值检查：${sample}`, `\n  parameters not given, checked with sample values: ${sample}`) : ''),
      );
    } else {
      this.out(`${this.t(`✗ ${ref}：预案无效 — ${issues.length} 个问题`, `✗ ${ref}: invalid — ${issues.length} problem(s)`)}\n${formatIssues(shownIssues(issues, this.lang), { lang: this.lang }).replace(/^/gm, '  ')}`);
    }
    return plan ? EXIT.ok : EXIT.problem;
  }

  decide(ref: string, opts: { incident: string; now?: string; json?: boolean; param: Params }): number {
    const plan = this.loadPlan(ref, opts.param);
    const incident = this.readIncident(opts.incident);
    const now = opts.now ?? this.io.now();
    const decision = decide(plan, incident, { now, ...this.langOptions() });
    if (opts.json) this.json(decision);
    else this.out(renderDecision(decision, { lang: this.lang }));
    return EXIT.ok;
  }

  audit(ref: string, opts: { incident: string; now: string; json?: boolean; markdown?: boolean; param: Params }): number {
    const plan = this.loadPlan(ref, opts.param);
    const incident = this.readIncident(opts.incident);
    const result = audit(plan, incident, { now: opts.now, ...this.langOptions() });
    if (opts.json) {
      this.json(result);
      return EXIT.ok;
    }
    if (opts.markdown) {
      this.out(renderAudit(result, { lang: this.lang }));
      return EXIT.ok;
    }
    const short = (t: string | null): string => (t === null ? '—' : t.replace(/^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*$/, '$1-$2 $3:$4'));
    const STATUS: Record<string, string> =
      this.lang === 'en'
        ? { pending: 'pending', overdue: 'overdue', met: 'met', 'met-late': 'met late', 'not-applicable': 'n/a' }
        : { pending: '待办', overdue: '已超时', met: '按时', 'met-late': '超时完成', 'not-applicable': '不再适用' };
    const s = result.summary;
    const sep = this.t('：', ': ');
    const levels = result.levels.map((l) => `${flat(l.id)} ${flat(l.name)} (${flat(l.source)}, ${short(l.from)} → ${l.to === null ? this.t('至今', 'now') : short(l.to)})`).join('; ');
    const rate = s.onTimeRate === null ? '' : ` · ${this.t('按时率', 'on time')} ${Math.round(s.onTimeRate * 100)}%`;
    const lines = [
      this.t(`预案${sep}${flat(result.plan.id)} ${flat(result.plan.version)}　舆情${sep}${flat(result.incident.id)}　时间${sep}${flat(result.now)}`, `Plan: ${flat(result.plan.id)} ${flat(result.plan.version)}　Incident: ${flat(result.incident.id)}　Now: ${flat(result.now)}`),
      `${this.t('级别', 'Levels')}${sep}${levels}`,
      '',
      table(
        this.lang === 'en' ? ['Status', 'Obligation', 'Responsible', 'Due', 'Done', 'Basis'] : ['状态', '事项', '负责', '时限', '完成', '依据'],
        result.obligations.map((o) => [STATUS[o.status] ?? o.status, o.title, o.responsible.name, short(o.dueAt), short(o.doneAt), cite(o.basis)].map(flat)),
      ),
      '',
      this.t(
        `汇总：按时 ${s.met} · 超时完成 ${s.metLate} · 已超时 ${s.overdue} · 待办 ${s.pending} · 不再适用 ${s.notApplicable} · 共 ${s.total}`,
        `Summary: met ${s.met} · met late ${s.metLate} · overdue ${s.overdue} · pending ${s.pending} · n/a ${s.notApplicable} · total ${s.total}`,
      ) + rate,
      ...(result.warnings.length > 0 ? ['', this.t('提示：', 'Warnings:'), ...result.warnings.map((w) => `  ! ${flat(w.message)}`)] : []),
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
      throw new CliError(2, `${this.t('预案', 'plan')} ${ref}${this.t('：', ': ')}${error.message.split('\n')[0]}`, error.issues);
    }
  }

  migrate(ref: string, opts: { write?: boolean; json?: boolean; param: Params }): number {
    const { source, file } = this.planSource(ref);
    if (opts.write && file === null) {
      throw new CliError(2, this.t(`--write 只改写预案文件：${ref} 是内置预案（不带 --write 打印后另存）`, `--write rewrites a plan file: ${ref} is a bundled plan (print it without --write and save it)`));
    }
    const raw = (typeof source === 'string' ? BUNDLED_PLANS[source] : source) as Record<string, unknown>;
    const changed = raw.format !== CURRENT_FORMAT;
    const migrated = migratePlan(raw);
    this.checkLoads(migrated, ref, opts.param);
    const yaml = file !== null && /\.ya?ml$/i.test(file);
    const text = yaml ? migrateYamlText(this.readText(file as string, 'plan file')) : `${JSON.stringify(migrated, null, 2)}\n`;
    const written = Boolean(opts.write && changed);
    if (written) this.write(file as string, text, false);
    if (opts.json) this.json({ plan: ref, format: CURRENT_FORMAT, changed, written, migrated });
    else if (opts.write) {
      const shown = this.display(file as string);
      this.out(changed ? this.t(`✓ 已转换为格式 2：${shown}`, `✓ migrated to format 2: ${shown}`) : this.t(`✓ 已是格式 2：${shown}（未改写）`, `✓ already format 2: ${shown} (not rewritten)`));
    } else {
      if (!changed) this.err(this.t(`yuqing: ${flat(ref)} 已是格式 2\n`, `yuqing: ${flat(ref)} is already format 2\n`));
      this.io.stdout(text);
    }
    return EXIT.ok;
  }

  /** Writes a file through the injected writer; `exclusive` refuses to replace one that exists. */
  write(path: string, text: string, exclusive: boolean): void {
    if (!this.io.writeFile) throw new CliError(2, this.t('此处不能写文件', 'writing files is not available here'));
    try {
      this.io.writeFile(path, text, { exclusive });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') throw new CliError(2, this.t(`${this.display(path)} 已存在：未覆盖`, `${this.display(path)} already exists: not overwritten`));
      throw new CliError(2, this.t(`无法写入 ${this.display(path)}：${code ?? (error as Error).message}`, `cannot write ${this.display(path)}: ${code ?? (error as Error).message}`));
    }
  }

  init(dir: string, opts: { id?: string; title?: string; json?: boolean }): number {
    const id = opts.id ?? 'my-plan';
    const title = opts.title ?? '（示例）网络舆情应急处置预案';
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(id)) {
      throw new CliError(2, this.t(`--id ${JSON.stringify(id)}：预案编号须为小写英文编号，如 "my-plan"（字母、数字、"-"）`, `--id ${JSON.stringify(id)}: must be a lower-case id like "my-plan" (letters, digits, "-")`));
    }
    const scaffold = scaffoldPlan({ id, title });
    try {
      loadPlan(JSON.parse(scaffold.plan));
    } catch (error) {
      if (error instanceof PlanError) throw new CliError(2, this.t(`--title ${JSON.stringify(title)}：不能用作预案标题`, `--title ${JSON.stringify(title)}: not usable as a plan title`), error.issues);
      throw error;
    }
    const target = resolve(this.io.cwd, dir);
    const files = [
      { path: resolve(target, scaffold.planFile), text: scaffold.plan },
      { path: resolve(target, scaffold.scenarioFile), text: scaffold.scenarios },
    ];
    // Nothing is written when either file is there already.
    for (const f of files) {
      if (this.exists(f.path) || this.io.isDirectory(f.path)) throw new CliError(2, this.t(`${this.display(f.path)} 已存在：init 不覆盖已有文件`, `${this.display(f.path)} already exists: init does not overwrite`));
    }
    for (const f of files) this.write(f.path, f.text, true);
    if (opts.json) {
      this.json({ created: files.map((f) => this.display(f.path)) });
      return EXIT.ok;
    }
    const [plan, scenarios] = files.map((f) => flat(this.display(f.path)));
    this.out(
      this.t(
        `✓ 已创建 ${plan}（预案，格式 2）和 ${scenarios}（场景）\n  下一步：yuqing test ${scenarios} · yuqing verify ${plan} · 改写条款与时限（docs/rule-authoring.md）`,
        `✓ created ${plan} (plan, format 2) and ${scenarios} (scenarios)\n  next: yuqing test ${scenarios} · yuqing verify ${plan} · edit the clauses and deadlines (docs/rule-authoring.md)`,
      ),
    );
    return EXIT.ok;
  }

  test(target: string | undefined, opts: { json?: boolean; param: Params }): number {
    const files = this.scenarioFiles(target);
    if (files.length === 0) throw new CliError(2, this.t(`${target ?? 'rules'} 中没有场景文件（*.scenarios.json、*.scenarios.yaml）`, `no scenario files (*.scenarios.json, *.scenarios.yaml) in ${target ?? 'rules'}`));
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
        runs.push({ file: this.display(path), plan: null, passed: 0, failed: 0, results: [], error: { message: error.message, issues: shownIssues(error.issues, this.lang) } });
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
        lines.push(`✗ ${flat(r.file)}${this.t('：', ': ')}${errorText(r.error.message, r.error.issues, this.lang)}`);
        continue;
      }
      const plan = r.plan as { id: string; version: string };
      lines.push(`${r.failed === 0 ? '✓' : '✗'} ${flat(r.file)} (${flat(plan.id)} ${flat(plan.version)})${this.t('：', ': ')}${r.passed}/${r.passed + r.failed} ${this.t('通过', 'passed')}`);
      if (r.failed > 0) lines.push(formatResults(r.results, { lang: this.lang }).replace(/^/gm, '  '));
    }
    lines.push('');
    lines.push(
      this.t(
        `场景：${passed} 个通过，${failed} 个失败，共 ${runs.length} 个文件${broken > 0 ? `；${broken} 个文件无法运行` : ''}`,
        `scenarios: ${passed} passed, ${failed} failed, in ${runs.length} file(s)${broken > 0 ? `; ${broken} file(s) could not be run` : ''}`,
      ),
    );
    this.out(lines.join('\n'));
    return code;
  }

  async verify(ref: string, opts: { json?: boolean; param: Params; strict?: boolean; against?: string; levels?: string }): Promise<number> {
    if (opts.against !== undefined) return this.verifyAgainstLayer(ref, opts.against, opts);
    if (opts.levels !== undefined) throw new CliError(2, this.t('--levels 把预案的级别对应到上级层级的级别：请用 --against 给出上级层级', "--levels maps the plan's levels to a layer's: give the layer with --against"));
    const plan = this.loadPlan(ref, opts.param);
    const report = verifyPlan(plan, { lang: this.lang });
    // After the static checks: the compiled conditions against json-rules-engine itself; a disagreement or a condition not compared is an error.
    const engine = await checkWithEngine(plan, { lang: this.lang });
    const engineErrors = engine.findings.length + engine.notChecked.length;
    const errors = report.errors + engineErrors;
    const code = errors > 0 || (opts.strict && report.warnings > 0) ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      this.json({ ...report, errors, engine });
      return code;
    }
    const unchecked = report.findings.some((f) => f.check === 'not-checked' && f.subject === 'classification');
    const head = `verify ${flat(plan.id)} ${flat(plan.version)}`;
    const levelCounts = Object.entries(report.levels).map(([id, n]) => `${id} ${n}`).join(' · ');
    const lines = unchecked
      ? [this.t(`${head}：分级标准未检查（超出 verify 的预算；见下方发现）`, `${head}: classification not checked (over the budget of verify; see the finding below)`)]
      : [
          this.t(`${head}：${report.space.facts.join(', ')} 的 ${report.space.points} 种组合`, `${head}: ${report.space.points} combinations of ${report.space.facts.join(', ')}`),
          this.t(`按分级标准：${levelCounts}`, `levels by the criteria: ${levelCounts}`),
        ];
    const checked = engine.checked;
    lines.push(
      engineErrors === 0
        ? this.t(`引擎核对（json-rules-engine）：${checked.rules} 条条件的 ${checked.points} 个取值组合，编译条件与引擎一致`, `json-rules-engine: ${checked.points} points of ${checked.rules} conditions, compiled conditions agree`)
        : this.t(
            `引擎核对（json-rules-engine）：${checked.rules} 条条件的 ${checked.points} 个取值组合；${engine.findings.length} 处不一致，${engine.notChecked.length} 处未核对`,
            `json-rules-engine: ${checked.points} points of ${checked.rules} conditions; ${engine.findings.length} disagree, ${engine.notChecked.length} not checked`,
          ),
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
          this.lang === 'en' ? ['Severity', 'Check', 'Subject', 'Finding'] : ['严重性', '检查', '对象', '说明'],
          rows.map((f) => [
            f.severity === 'error' ? this.t('错误', 'error') : this.t('提示', 'warning'),
            f.check,
            f.subject,
            `${f.message}${f.count !== undefined ? ` [${f.count}×]` : ''}${f.example ? ` ${this.t('例', 'e.g.')} ${JSON.stringify(f.example)}` : ''}`,
          ].map(flat)),
        ),
      );
    }
    lines.push('');
    lines.push(
      errors === 0
        ? this.t(`✓ 无缺口、无未决重叠、级别单调、规则均可达${report.warnings > 0 ? `（${report.warnings} 条提示）` : ''}`, `✓ no gaps, no unsettled overlaps, monotone levels, every rule reachable${report.warnings > 0 ? ` (${report.warnings} warning(s))` : ''}`)
        : this.t(`✗ ${errors} 个错误，${report.warnings} 条提示`, `✗ ${errors} error(s), ${report.warnings} warning(s)`),
    );
    this.out(lines.join('\n'));
    return code;
  }

  /** `verify <plan> --against <layer>`: what the plan sets laxer than the layer, or lacks (docs/layers.md); one line per finding with both citations. */
  verifyAgainstLayer(ref: string, against: string, opts: { json?: boolean; param: Params; levels?: string }): number {
    const levels = opts.levels === undefined ? undefined : parseLevels(opts.levels, this.lang);
    const plan = this.loadPlan(ref, opts.param);
    const path = resolve(this.io.cwd, against);
    const text = this.readText(path, 'layer file', 'null');
    if (text === null && looksLikePath(against)) throw new CliError(2, this.t(`无法读取层级文件 ${this.display(path)}：没有这个文件`, `cannot read layer file ${this.display(path)}: no such file`));
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
      if (error instanceof PlanError) throw new CliError(2, `${this.t('层级', 'layer')} ${against}${this.t('：', ': ')}${error.message.split('\n')[0]}`, error.issues);
      throw error;
    }
    const report = verifyAgainst(plan, layer, { ...(levels === undefined ? {} : { levels }), lang: this.lang });
    const code = report.findings.length > 0 ? EXIT.problem : EXIT.ok;
    if (opts.json) {
      const { findings, ...rest } = report;
      this.json({ findings, ...rest });
      return code;
    }
    const FROM =
      this.lang === 'en'
        ? ({ option: 'from --levels', plan: "from the plan's above.levels", layer: "from the layer's correspondence" } as const)
        : ({ option: '命令行 --levels 给出', plan: '预案自身的 above.levels', layer: '上级层级的对应表' } as const);
    const mapping = plan.definition.levels.map((l) => `${l.id}→${Object.hasOwn(report.mapping, l.id) ? (report.mapping[l.id] as string[]).join('+') || '∅' : '?'}`).join(' · ');
    const lines = [
      this.t(`verify ${flat(plan.id)} ${flat(plan.version)} 对照上级 ${flat(layer.id)} ${flat(layer.version)}（${flat(layer.title)}）`, `verify ${flat(plan.id)} ${flat(plan.version)} against ${flat(layer.id)} ${flat(layer.version)} (${flat(layer.title)})`),
      this.t(`级别对应（${FROM[report.mappingFrom]}）：${mapping}`, `levels ${FROM[report.mappingFrom]}: ${mapping}`),
      '',
    ];
    const KIND = this.lang === 'en' ? ({ missing: 'missing', laxer: 'laxer', unmapped: 'unmapped' } as const) : ({ missing: '缺失', laxer: '宽于上级', unmapped: '未对应' } as const);
    for (const f of report.findings) {
      const cites = [f.layer ? `${this.t('上级', 'layer')} ${f.layer.obligation}（${cite(f.layer.basis)}）` : '', f.plan ? `${this.t('预案', 'plan')} ${f.plan.obligation}（${cite(f.plan.basis)}）` : ''].filter(Boolean).join(' ↔ ');
      lines.push(flat(`✗ ${KIND[f.kind]}/${f.reason} ${f.message}${cites ? ` — ${cites}` : ''}`));
    }
    const count = (kind: string): number => report.findings.filter((f) => f.kind === kind).length;
    lines.push(
      report.findings.length === 0
        ? this.t(`✓ 上级义务无缺失、无宽于上级的时限（${report.met.length} 项已满足）`, `✓ no duty of the layer is missing or laxer (${report.met.length} met)`)
        : this.t(
            `✗ ${report.findings.length} 项发现：${count('missing')} 项缺失，${count('laxer')} 项宽于上级，${count('unmapped')} 个级别未对应；${report.met.length} 项已满足`,
            `✗ ${report.findings.length} finding(s): ${count('missing')} missing, ${count('laxer')} laxer, ${count('unmapped')} unmapped; ${report.met.length} met`,
          ),
    );
    this.out(lines.join('\n'));
    return code;
  }

  /** Throws the first case's error when no case can be decided under the plan: a diff of errors only compares nothing. */
  someCaseDecides(plan: Plan, cases: readonly DiffCase[]): void {
    let first: unknown;
    for (const c of cases) {
      try {
        decide(plan, c.incident, { now: c.now, ...this.langOptions() });
        return;
      } catch (error) {
        first ??= error;
      }
    }
    throw first;
  }

  diff(refA: string, refB: string, opts: { scenarios?: string; now?: string; generated: boolean; flags: boolean; all?: boolean; json?: boolean; param: Params }): number {
    if (opts.now !== undefined && parseTimestamp(opts.now) === null) {
      throw new CliError(
        2,
        this.t(`--now ${JSON.stringify(opts.now)} 不是时间：应为带时区偏移的 ISO 8601（如 2026-03-02T09:10:00+08:00）`, `--now ${JSON.stringify(opts.now)} is not a timestamp: expected ISO 8601 with an offset (e.g. 2026-03-02T09:10:00+08:00)`),
      );
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
      partial = this.t(
        `not-checked 未全部生成：${combinations} 种事实取值组合超出预算 ${budget}；改为逐项生成`,
        `not-checked: ${combinations} combinations of fact values exceed the budget of ${budget}; generated one fact at a time`,
      );
    };
    if (opts.generated) cases.push(...generateIncidents({ flags: opts.flags, plans: [a, b], onPartial, ...(opts.now ? { now: opts.now } : {}) }));
    if (cases.length === 0) {
      throw new CliError(
        2,
        this.t(`没有可比较的案例：${opts.scenarios ?? '（未给 --scenarios）'} 中没有预案 ${a.id} 的场景，且未生成事件`, `nothing to compare: no scenario of plan ${a.id} in ${opts.scenarios ?? '(no --scenarios)'} and generated incidents are off`),
      );
    }
    const report = diffPlans(a, b, cases, {
      lang: this.lang,
      onProgress: (done, total) => {
        if (done % 200 === 0 || done === total) this.progress(`diff: ${done}/${total} ${this.t('个案例', 'cases')}`);
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
      `diff ${flat(report.before.id)} ${flat(report.before.version)} → ${flat(report.after.id)} ${flat(report.after.version)}` +
        this.t(
          `：${s.cases} 个案例（场景 ${s.scenarios.cases}，生成 ${s.generated.cases}），${s.changed} 个有变化`,
          `: ${s.cases} cases (${s.scenarios.cases} scenarios, ${s.generated.cases} generated), ${s.changed} changed`,
        ),
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
    if (generatedShown > limit) {
      const more = generatedShown - limit;
      lines.push('', this.t(`… 另有 ${more} 个生成案例（用 --all 或 --json 列出）`, `… and ${more} more generated case(s) (--all or --json to list them)`));
    }
    // Names and titles that changed, whether or not any case's decision shows them (a renamed recipient).
    if (report.definitions.length > 0) {
      lines.push('', this.t(`≠ 名称与标题：${report.definitions.length} 处有变化`, `≠ names and titles: ${report.definitions.length} changed`));
      for (const ch of report.definitions) lines.push(`    ${flat(ch.field)}: ${show(ch.before)} → ${show(ch.after)}`);
    }
    if (Object.keys(s.byField).length > 0) {
      lines.push('');
      lines.push(
        table(
          this.lang === 'en' ? ['Field', 'Scenarios', 'Generated', 'Cases'] : ['字段', '场景', '生成', '合计'],
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
    const counts = `${s.scenarios.changed}/${s.scenarios.cases}`;
    const generatedCounts = `${s.generated.changed}/${s.generated.cases}`;
    lines.push(
      s.changed === 0
        ? this.t('✓ 决策无变化', '✓ no decision changed')
        : this.t(`✗ ${s.cases} 项决策中 ${s.changed} 项有变化（场景 ${counts}，生成 ${generatedCounts}）`, `✗ ${s.changed} of ${s.cases} decisions changed (scenarios ${counts}, generated ${generatedCounts})`),
    );
    if (report.definitions.length > 0) lines.push(this.t(`✗ ${report.definitions.length} 个名称或标题有变化`, `✗ ${report.definitions.length} name(s) or title(s) changed`));
    this.out(lines.join('\n'));
    return code;
  }

  mutate(target: string | undefined, opts: { plan?: string; min: string; json?: boolean; param: Params }): number {
    const min = Number(opts.min);
    if (!Number.isFinite(min) || min < 0 || min > 100) throw new CliError(2, this.t(`--min 应为 0–100 的百分数，收到 ${JSON.stringify(opts.min)}`, `--min expects a percentage 0–100, got ${JSON.stringify(opts.min)}`));
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
    if (groups.size === 0) {
      throw new CliError(2, this.t(`${target ?? 'rules'} 中没有${opts.plan ? `预案 ${opts.plan} 的` : ''}场景文件`, `no scenario files${opts.plan ? ` for plan ${opts.plan}` : ''} in ${target ?? 'rules'}`));
    }
    const reports: MutationReport[] = [];
    const broken: { plan: { id: string; version: string }; error: string }[] = [];
    for (const { files, plan } of groups.values()) {
      const scenarios = files.reduce((n, f) => n + f.scenarios.length, 0);
      this.err(`mutate: ${plan.id} ${plan.version}${this.t(`（${scenarios} 个场景）`, ` (${scenarios} scenarios)`)}…\n`);
      let report: MutationReport;
      try {
        report = mutatePlan(plan, files, {
          lang: this.lang,
          onProgress: (done, total) => {
            if (this.io.interactive && (done % 5 === 0 || done === total)) this.io.stderr(`\r\x1b[2K  ${escapeControls(plan.id)}: ${done}/${total} ${this.t('个变异体', 'mutants')}`);
          },
        });
      } catch (error) {
        // The suite fails on the plan itself: mutation testing means nothing until `yuqing test` passes.
        broken.push({ plan: { id: plan.id, version: plan.version }, error: (error as Error).message });
        this.err(`  ${plan.id}: ${this.t('跳过', 'skipped')} — ${(error as Error).message}\n`);
        continue;
      }
      if (this.io.interactive) this.io.stderr('\r\x1b[2K');
      this.err(`  ${plan.id}: ${report.killed}/${report.total} ${this.t('已杀死', 'killed')}\n`);
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
      const counts = this.t(`${r.total} 个变异体，${r.killed} 个已杀死，${r.survived.length} 个存活`, `${r.total} mutants, ${r.killed} killed, ${r.survived.length} survived`);
      lines.push(`${r.score * 100 >= min ? '✓' : '✗'} ${r.plan.id} ${r.plan.version}${this.t('：', ': ')}${counts} — ${Math.floor(r.score * 100)}%`);
      for (const m of r.survived) lines.push(`    ${this.t('存活', 'survived')}  ${m.id}  ${m.description}`);
    }
    for (const b of broken) lines.push(`✗ ${b.plan.id} ${b.plan.version}${this.t('：跳过', ': skipped')} — ${b.error}`);
    if (below.length > 0) lines.push('', this.t(`✗ 低于阈值 ${min}%：${below.map((r) => r.plan.id).join(', ')}`, `✗ below ${min}%: ${below.map((r) => r.plan.id).join(', ')}`));
    lines.push('');
    lines.push(formatScore(score));
    this.out(lines.join('\n'));
    return code;
  }
}

/** Commander's titles of the help, in Chinese. */
const TITLES_ZH: Readonly<Record<string, string>> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/** Commander's error messages in Chinese: a pattern of its English line and the Chinese for it (`$1`… its captures); the last one catches the rest. */
const COMMANDER_ZH: readonly (readonly [RegExp, string])[] = [
  [/^error: unknown option '(.*)'$/m, "错误：未知选项 '$1'"],
  [/^error: unknown command '(.*)'$/m, "错误：未知命令 '$1'"],
  [/^error: missing required argument '(.*)'$/m, "错误：缺少参数 '$1'"],
  [/^error: option '(.*)' argument missing$/m, "错误：选项 '$1' 缺少值"],
  [/^error: required option '(.*)' not specified$/m, "错误：缺少必需的选项 '$1'"],
  [/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/m, "错误：命令 '$1' 的参数过多：应为 $2 个，收到 $3 个"],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/m, '错误：参数过多：应为 $1 个，收到 $2 个'],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/m, "错误：选项 '$1' 的值 '$2' 无效。$3"],
  [/^\(Did you mean one of (.*)\?\)$/m, '（是否想用以下之一：$1？）'],
  [/^\(Did you mean (.*)\?\)$/m, '（是否想用 $1？）'],
  [/^error: /gm, '错误：'],
];

/** A message of commander's in Chinese (its names of options and commands kept). */
export const commanderZh = (text: string): string => COMMANDER_ZH.reduce((out, [pattern, zh]) => out.replace(pattern, zh), text);

/**
 * `--lang <zh|en>` or `--lang=<zh|en>` anywhere before `--` (before or after the command name, the last
 * one counting): the language, and the other arguments; a missing or unknown value is an error text (Chinese).
 */
export function takeLang(argv: readonly string[]): { lang: Lang; rest: string[]; error: string | null } {
  let lang: Lang = 'zh';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
    if (value === undefined) return { lang, rest, error: "错误：选项 '--lang <lang>' 缺少值：应为 zh（中文）或 en（英文）" };
    if (!isLang(value)) return { lang, rest, error: `错误：选项 '--lang <lang>' 的值 ${JSON.stringify(value)} 无效：应为 zh（中文）或 en（英文）` };
    lang = value;
  }
  return { lang, rest, error: null };
}

/**
 * The `yuqing` command line: runs `argv` (the arguments after the program name) and returns the exit
 * code — 0 success, 1 a check found a problem, 2 bad usage or bad input. All I/O goes through `io`.
 * Help, messages and reports are Chinese unless `--lang en` asks for English; JSON keys, ids and codes are the same in both.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { lang, rest, error: langError } = takeLang(argv);
  const t = (zh: string, en: string): string => say(lang, zh, en);
  const usageHint = t('（用法：yuqing --help）', '(yuqing --help for usage)');
  if (langError !== null) {
    io.stderr(`${langError}\n${usageHint}\n`);
    return EXIT.usage;
  }
  const cli = new Cli(io, lang);
  let exitCode: number = EXIT.ok;
  let json = false;
  const output = {
    writeOut: (s: string) => io.stdout(s),
    writeErr: (s: string) => io.stderr(escapeControls(s)),
    outputError: (s: string, write: (s: string) => void) => write(lang === 'en' ? s : commanderZh(s)),
  };
  const base = new Help();
  const inWords = (description: string): string => (lang === 'en' ? description : description.replace(/\(default: (.*)\)$/, '（默认：$1）'));
  const langOption = (): Option => new Option('--lang <lang>', t('文字的语言：zh（中文，默认）或 en（英文）', 'language of the texts: zh (Chinese, the default) or en (English)'));
  const program = new Command('yuqing')
    .description(
      t(
        '网络舆情应急预案，写成经过测试的规则：校验、决策、复盘、测试、比较、检查、变异测试一份预案。\n<plan> 是内置预案的编号，或一个预案文件（JSON 或 YAML）。',
        '网络舆情应急预案 as tested rules: check, decide, audit, test, diff, verify, mutate a plan.\nA <plan> is a bundled plan id or a plan file (JSON or YAML).',
      ),
    )
    .version(pkg.version, '-V, --version', t('显示版本号', 'output the version number'))
    .helpOption('-h, --help', t('显示帮助', 'display help for command'))
    .helpCommand('help [command]', t('显示某个命令的帮助', 'display help for command'))
    .exitOverride()
    .showHelpAfterError(usageHint)
    .configureOutput(output);
  program.addOption(langOption());
  program.configureHelp({
    sortSubcommands: false,
    styleTitle: (title) => (lang === 'en' ? title : (TITLES_ZH[title] ?? title)),
    commandUsage: (cmd) => (lang === 'en' ? base.commandUsage(cmd) : base.commandUsage(cmd).replace('[options]', '[选项]').replace('[command]', '[命令]')),
    displayWidth: (text) => width(text),
    optionDescription: (option) => inWords(base.optionDescription(option)),
    argumentDescription: (argument) => inWords(base.argumentDescription(argument)),
  });
  const param = () => new Option('-p, --param <name=value>', t('预案中一个待填参数的值（可重复）', 'a value for a blank of the plan (repeatable)')).argParser(collectParam(lang));
  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .option('--json', t('输出供程序读取的 JSON', 'print JSON for machines'))
      .addOption(param())
      .addOption(langOption())
      .exitOverride()
      .configureOutput(output);
  // Commands that load plans also take the host's working-day calendar.
  const planCommand = (name: string, description: string) =>
    command(name, description)
      .option('--calendar <file>', t('内置日历未收的年份的节假日与调休（JSON 或 YAML，见 docs/calendar.md）', 'holidays and adjusted working days of years the bundled calendar lacks (JSON or YAML, docs/calendar)'))
      .option(
        '--layer <file>',
        t('预案所依据的上级层级（`above`）：层级文件或内置层级编号（可重复，见 docs/layers.md）', 'a layer the plan is built on (`above`): a layer file or a bundled layer id (repeatable, docs/layers)'),
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      );
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
  const planArgument = t('内置预案编号，或预案文件（JSON 或 YAML）', 'a bundled plan id or a plan file (JSON or YAML)');
  const incidentOption = t('事件文件（JSON 或 YAML；- 为标准输入）', 'the incident (JSON or YAML; - for standard input)');
  const scenariosArgument = t('一个目录或一个场景文件（默认：rules/，没有时用本包自带的）', "a directory or one scenario file (default: rules/, else the package's own)");

  planCommand('check', t('校验预案文件：列出每个问题及其位置', 'validate a plan file: every problem with its path'))
    .argument('<plan>', planArgument)
    .action(act((plan: string, opts: { json?: boolean; param: Params }) => cli.check(plan, opts)));
  planCommand('decide', t('当前决策：接下来必须做什么、由谁做、何时前完成、依据什么', 'what must be done next, by whom, by when, and why'))
    .argument('<plan>', planArgument)
    .requiredOption('-i, --incident <file>', incidentOption)
    .option('-n, --now <iso>', t('决策的时刻（默认：当前时钟）', 'the moment to decide at (default: the clock)'))
    .action(act((plan: string, opts: { incident: string; now?: string; json?: boolean; param: Params }) => cli.decide(plan, opts)));
  planCommand('audit', t('复盘事件的全过程：每项义务何时到期、何时完成', "the incident's whole timeline: every obligation, when due, when done"))
    .argument('<plan>', planArgument)
    .requiredOption('-i, --incident <file>', incidentOption)
    .requiredOption('-n, --now <iso>', t('复盘的时刻', 'the moment to audit at'))
    .option('--markdown', t('输出 Markdown 报告（表格与 Mermaid 甘特图），代替终端表格', 'a Markdown report (tables and a Mermaid gantt chart) instead of the terminal table'))
    .action(act((plan: string, opts: { incident: string; now: string; json?: boolean; markdown?: boolean; param: Params }) => cli.audit(plan, opts)));
  planCommand('test', t('对各自的预案运行场景文件（*.scenarios.json|yaml）', 'run scenario files (*.scenarios.json|yaml) against their plans'))
    .argument('[dir]', scenariosArgument)
    .action(act((dir: string | undefined, opts: { json?: boolean; param: Params }) => cli.test(dir, opts)));
  planCommand('diff', t('比较两版预案：场景与生成事件的决策在 planB 下变成什么', 'what each decision becomes under planB: scenarios and generated incidents'))
    .argument('<planA>', t('原预案', 'the plan before'))
    .argument('<planB>', t('修改后的预案', 'the plan after'))
    .option('-s, --scenarios <dir>', t('planA 所属预案的场景文件（一个目录或一个文件）', "scenario files of planA's plan (a directory or one file)"))
    .option(
      '-n, --now <iso>',
      t(
        '生成事件的决策时刻（默认 2026-03-02T09:10:00+08:00；发生于 08:00，发现于 09:00）',
        'the moment generated incidents are decided at (default 2026-03-02T09:10:00+08:00; occurred 08:00, discovered 09:00)',
      ),
    )
    .option('--no-generated', t('不生成事件，只比较场景', 'no generated incidents, only the scenarios'))
    .option('--no-flags', t('生成的事件不带标记（只有指标组合）', 'generated incidents without flags (indicator combinations only)'))
    .option('--all', t('列出每个有变化的生成案例', 'list every changed generated case'))
    .action(act((a: string, b: string, opts: { scenarios?: string; now?: string; generated: boolean; flags: boolean; all?: boolean; json?: boolean; param: Params }) => cli.diff(a, b, opts)));
  planCommand('verify', t('静态检查：遍历整个指标空间', 'static checks over the whole indicator space'))
    .argument('<plan>', planArgument)
    .option('--strict', t('提示（未用到的角色、只能靠研判达到的级别）也算问题', 'warnings (unused roles, levels only reached by judgement) count as problems'))
    .option('--against <layer>', t('对照上级层级（内置编号或文件）：预案缺少或宽于上级的每项义务', 'a layer (bundled id or file): every duty of it the plan lacks or sets laxer'))
    .option('--levels <map>', t('与 --against 同用：预案级别 → 上级级别，如 I=I+II,II=II,III=other,IV=', "with --against: the plan's levels → the layer's, e.g. I=I+II,II=II,III=other,IV="))
    .action(act((plan: string, opts: { json?: boolean; param: Params; strict?: boolean; against?: string; levels?: string }) => cli.verify(plan, opts)));
  planCommand('mutate', t('变异测试：逐条改动每份预案的规则，运行其场景', 'mutate every rule of every plan and run its scenarios'))
    .argument('[dir]', scenariosArgument)
    .option('--plan <id>', t('只用这份预案的场景文件', 'only the scenario files of this plan'))
    .option('--min <percent>', t('某份预案得分低于此值时退出码为 1', 'exit 1 when a plan scores below this'), '90')
    .action(act((dir: string | undefined, opts: { plan?: string; min: string; json?: boolean; param: Params }) => cli.mutate(dir, opts)));
  command('schema', t('打印预案文件的 JSON Schema', "print the plan file's JSON Schema")).action(act(() => cli.schema()));
  command('migrate', t('把预案文件转换为格式 2 并打印（或用 --write 改写）', 'print (or --write) a plan file in format 2'))
    .argument('<plan>', t('预案文件（或内置预案编号，只打印）', 'a plan file (or a bundled plan id, printed only)'))
    .option('-w, --write', t('就地改写文件，而不是打印', 'rewrite the file in place instead of printing it'))
    .action(act((plan: string, opts: { write?: boolean; json?: boolean; param: Params }) => cli.migrate(plan, opts)));
  command('init', t('新建一份格式 2 的预案及其场景文件', 'scaffold a plan of format 2 with its scenario file'))
    .argument('<dir>', t('写入 <id>.json 和 <id>.scenarios.json 的目录', 'the directory to write <id>.json and <id>.scenarios.json in'))
    .option('--id <id>', t('预案编号（默认 my-plan）', 'the plan id (default my-plan)'))
    .option('--title <title>', t('预案标题，也是其引用的文件名称', 'the plan title, also the document it cites'))
    .action(act((dir: string, opts: { id?: string; title?: string; json?: boolean }) => cli.init(dir, opts)));

  try {
    if (rest.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT.usage;
    }
    // The library's errors come out in the language asked for (they are Chinese unless told otherwise).
    await inLanguage(lang, () => program.parseAsync(rest, { from: 'user' }));
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "successfully"; anything else commander refuses is bad usage.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    const report = (code: 1 | 2, name: string, message: string, issues: readonly Issue[], errorCode?: string): number => {
      io.stderr(escapeControls(`yuqing: ${errorText(message, issues, lang)}\n`));
      if (json) io.stdout(`${escapeControls(jsonText({ error: { name, ...(errorCode ? { code: errorCode } : {}), message, issues: shownIssues(issues, lang) } }))}\n`);
      return code;
    };
    if (error instanceof CliError) return report(error.exitCode, 'CliError', error.message, error.issues);
    if (error instanceof IncidentError || error instanceof PlanError) return report(2, error.name, error.message.split('\n')[0] as string, error.issues, error.code);
    io.stderr(escapeControls(`yuqing: ${t('内部错误', 'internal error')}: ${(error as Error).stack ?? String(error)}\n`));
    return EXIT.usage;
  }
}
