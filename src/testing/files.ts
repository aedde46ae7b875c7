import { CST, isAlias, isMap, isNode, isPair, isScalar, isSeq, Lexer, Parser, parseDocument as parseYamlDocument } from 'yaml';
import type { ErrorCode, Node as YamlNode, YAMLError } from 'yaml';
import type { Issue } from '../model/errors.js';
import { fromZodIssues, issueListProblem, parseWith } from '../model/errors.js';
import { invalidArgument, textArgument } from '../render/argument.js';
import { ScenarioFileSchema, type ScenarioFile } from './scenario.js';

/** A file name of a scenario file: `*.scenarios.json`, `*.scenarios.yaml` or `*.scenarios.yml`. */
export function isScenarioFileName(name: string): boolean {
  textArgument(name, 'name', 'a file name such as hrss.scenarios.yaml');
  return /\.scenarios\.(json|ya?ml)$/i.test(name);
}

/**
 * What a JSON or YAML document may hold (docs/security.md): lists and maps nested at most `maxDepth`
 * deep, at most `maxValues` values once YAML aliases are expanded, and at most `maxAliases` YAML
 * anchors and aliases together. A YAML text is also limited to `maxYamlChars` characters and
 * `maxYamlTokens` tokens (keys, values, indicators, spaces, line breaks, comments), counted on the
 * lexer's cheap pass before any tree is built: the YAML parser spends microseconds a character and
 * tens of microseconds a value, so larger documents must be JSON.
 */
export const DOCUMENT_LIMITS = { maxDepth: 100, maxValues: 1_000_000, maxAliases: 1_000, maxYamlChars: 2_000_000, maxYamlTokens: 200_000 } as const;

/** A text that is not valid JSON or YAML: the issue says where. */
export class DocumentSyntaxError extends Error {
  readonly issues: Issue[];
  constructor(name: string, issues: Issue[]) {
    textArgument(name, 'name', 'the file name');
    const problem = issueListProblem(issues);
    if (problem) invalidArgument([problem]);
    super(`${name}: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'DocumentSyntaxError';
    this.issues = issues;
  }
}

// C0 and C1 controls (but line feed), DEL, and the marks and overrides that reorder text on a screen.
// eslint-disable-next-line no-control-regex -- control characters are what this neutralises.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A text with control, escape and bidirectional-override characters written visibly as `\u{1b}`; line feeds are kept. */
export const escapeControls = (text: string): string => text.replace(CONTROLS, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`);

const lineAndColumn = (text: string, offset: number): string => {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
};

/**
 * What each error of the yaml package means, in our words: its own messages may quote the file's text
 * (a tag, a key, a directive, the rest of a line), so none of them is ever shown.
 */
const YAML_ERRORS: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias that is not well formed',
  BAD_COLLECTION_TYPE: 'a list or map of a type that is not supported',
  BAD_DIRECTIVE: 'a directive (%YAML, %TAG) that is not supported',
  BAD_DQ_ESCAPE: 'an escape sequence that is not valid in a double-quoted text',
  BAD_INDENT: 'indentation that does not fit the structure',
  BAD_PROP_ORDER: 'an anchor or a tag in the wrong place',
  BAD_SCALAR_START: 'a value that cannot start with this character, or a block text header with extra characters',
  BLOCK_AS_IMPLICIT_KEY: 'a block value used as a key',
  BLOCK_IN_FLOW: 'a block value inside a [ ] or { } collection',
  DUPLICATE_KEY: 'a key appears twice in the same map (keys must be unique)',
  IMPOSSIBLE: 'a structure that cannot be read',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MISSING_CHAR: 'a character is missing (a closing quote or bracket, or a separator)',
  MULTILINE_IMPLICIT_KEY: 'a key that spans several lines',
  MULTIPLE_ANCHORS: 'more than one anchor on one value',
  MULTIPLE_DOCS: 'more than one document',
  MULTIPLE_TAGS: 'more than one tag on one value',
  NON_STRING_KEY: 'a key that is not a text',
  RESOURCE_EXHAUSTION: 'a document too large to read',
  TAB_AS_INDENT: 'a tab used for indentation',
  TAG_RESOLVE_FAILED: 'a tag that cannot be resolved',
  UNEXPECTED_TOKEN: 'an unexpected token',
};

/** A yaml-package error as our own message and its place, without a character of the file. */
const yamlErrorMessage = (error: YAMLError, text: string): string => `invalid YAML at ${lineAndColumn(text, error.pos[0])}: ${YAML_ERRORS[error.code]}`;

const syntax = (name: string, message: string): DocumentSyntaxError => new DocumentSyntaxError(name, [{ path: [], code: 'syntax', message }]);

/**
 * Refuses JSON nested deeper than DOCUMENT_LIMITS.maxDepth before JSON.parse builds any of it: one linear
 * pass that skips strings and stops at the end of the text, whether or not the text is valid JSON.
 */
function checkJsonDepth(text: string, name: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > DOCUMENT_LIMITS.maxDepth) throw syntax(name, `invalid JSON at ${lineAndColumn(text, i)}: lists and objects nested more than ${DOCUMENT_LIMITS.maxDepth} deep`);
    } else if (c === ']' || c === '}') depth--;
  }
}

/** Checks a text JSON.parse accepted (and checkJsonDepth before it): no key twice in an object, at most DOCUMENT_LIMITS.maxValues values. */
function scanJson(text: string, name: string): void {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = stack[stack.length - 1];
      if (keys && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) throw syntax(name, `invalid JSON at ${lineAndColumn(text, i)}: a key appears twice in the same object (keys must be unique)`);
        keys.add(key);
        expectKey = false;
      } else values++;
      i = end;
    } else if (c === '{' || c === '[') {
      values++;
      stack.push(c === '{' ? new Set() : null);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') expectKey = stack[stack.length - 1] instanceof Set;
    else if (/[-\dtfn]/.test(c)) {
      // A number, true, false or null: one value, whatever its length.
      values++;
      while (i + 1 < text.length && /[\w.+-]/.test(text[i + 1] as string)) i++;
    }
    if (values > DOCUMENT_LIMITS.maxValues) throw syntax(name, `invalid JSON: more than ${DOCUMENT_LIMITS.maxValues} values`);
  }
}

function parseJson(text: string, name: string): unknown {
  checkJsonDepth(text, name);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // V8 quotes the text around an unexpected token ("…" is not valid JSON): keep the token only.
    const message = (error as Error).message.replace(/,? ?(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
    const at = /position (\d+)/.exec(message);
    const where = at ? ` at ${lineAndColumn(text, Number(at[1]))}` : '';
    throw syntax(name, `invalid JSON${where}: ${escapeControls(message)}`);
  }
  scanJson(text, name);
  return value;
}

/** How deep lists and maps nest in a YAML text, read from its syntax tree (built without recursion) before it is composed. */
function yamlDepth(text: string): number {
  let deepest = 0;
  const stack: [CST.Token, number][] = [];
  for (const token of new Parser().parse(text)) stack.push([token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type === 'document' && token.value) stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      deepest = Math.max(deepest, depth + 1);
      for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return deepest;
}

/**
 * Resolves a YAML document's aliases as the yaml package does (the last anchor of that name before
 * the alias) and counts the values they expand to, each node once: refuses an alias that is not
 * defined yet or that lies inside its own anchor, and documents past DOCUMENT_LIMITS.
 */
function checkAliases(root: unknown, text: string, name: string): void {
  const size = new Map<unknown, number>();
  const anchors = new Map<string, YamlNode>();
  let marks = 0;
  const stack: { node: unknown; exit: boolean }[] = [{ node: root, exit: false }];
  const children = (node: unknown): unknown[] => (isPair(node) ? [node.key, node.value] : isMap(node) || isSeq(node) ? node.items : []);
  const where = (node: YamlNode): string => lineAndColumn(text, (node.range as [number, number, number])[0]);
  while (stack.length > 0) {
    const { node, exit } = stack.pop() as { node: unknown; exit: boolean };
    if (exit) {
      size.set(node, children(node).reduce((n: number, child) => n + (size.get(child) ?? 1), 1));
      continue;
    }
    if (!isNode(node) && !isPair(node)) continue;
    if (isNode(node) && node.anchor !== undefined) {
      anchors.set(node.anchor, node);
      marks++;
    }
    if (isAlias(node)) {
      marks++;
      const target = anchors.get(node.source);
      if (target === undefined) throw syntax(name, `invalid YAML at ${where(node)}: an alias with no anchor of that name before it`);
      const expanded = size.get(target);
      if (expanded === undefined) throw syntax(name, `invalid YAML at ${where(node)}: an alias inside the node it refers to`);
      size.set(node, expanded);
    } else if (isScalar(node)) size.set(node, 1);
    else {
      stack.push({ node, exit: true });
      for (const child of [...children(node)].reverse()) stack.push({ node: child, exit: false });
    }
    if (marks > DOCUMENT_LIMITS.maxAliases) throw syntax(name, `invalid YAML: more than ${DOCUMENT_LIMITS.maxAliases} anchors and aliases`);
  }
  if ((size.get(root) ?? 1) > DOCUMENT_LIMITS.maxValues) throw syntax(name, `invalid YAML: more than ${DOCUMENT_LIMITS.maxValues} values once aliases are expanded`);
}

/** Refuses a YAML text longer than DOCUMENT_LIMITS.maxYamlChars or of more than maxYamlTokens tokens, lexing no further than that. */
function checkYamlSize(text: string, name: string): void {
  if (text.length > DOCUMENT_LIMITS.maxYamlChars) throw syntax(name, `invalid YAML: more than ${DOCUMENT_LIMITS.maxYamlChars} characters; a document this large must be JSON`);
  let tokens = 0;
  for (const _ of new Lexer().lex(text)) {
    if (++tokens > DOCUMENT_LIMITS.maxYamlTokens) {
      throw syntax(name, `invalid YAML: more than ${DOCUMENT_LIMITS.maxYamlTokens} tokens (keys, values, indicators, spaces, line breaks); a document this large must be JSON`);
    }
  }
}

function parseYaml(text: string, name: string): unknown {
  checkYamlSize(text, name);
  if (yamlDepth(text) > DOCUMENT_LIMITS.maxDepth) throw syntax(name, `invalid YAML: lists and maps nested more than ${DOCUMENT_LIMITS.maxDepth} deep`);
  // Merge keys (`<<: *base`) let a scenario reuse another's incident.
  const document = parseYamlDocument(text, { prettyErrors: false, merge: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new DocumentSyntaxError(
      name,
      document.errors.map((e) => ({ path: [], code: 'syntax', message: yamlErrorMessage(e, text) })),
    );
  }
  checkAliases(document.contents, text, name);
  try {
    return document.toJS({ maxAliasCount: -1 }) as unknown;
  } catch (error) {
    // A merge key (`<<`) whose source is not a map.
    throw syntax(name, `invalid YAML: ${escapeControls((error as Error).message)}`);
  }
}

/** The arguments of a parse: a text and its file name, each a PlanError naming it for anything else. */
function checkText(text: unknown, name: unknown): void {
  textArgument(text, 'text', 'the text of a JSON or YAML file');
  textArgument(name, 'name', 'the file name, e.g. hrss.scenarios.yaml (its extension tells JSON from YAML)');
}

/**
 * Parses a JSON or YAML text (by the file name's extension; YAML is a superset of JSON, so anything not
 * named `.json` is read as YAML). A leading byte-order mark is ignored. Throws DocumentSyntaxError with
 * the line and column of each problem, for a key that appears twice in a map (JSON or YAML), and past
 * DOCUMENT_LIMITS; its messages quote at most a few characters of the text, controls escaped.
 */
export function parseDocument(text: string, name: string): unknown {
  checkText(text, name);
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  return /\.json$/i.test(name) ? parseJson(body, name) : parseYaml(body, name);
}

/** Reads a scenario file's text (JSON or YAML) into a checked ScenarioFile, or the problems with their paths. */
export function parseScenarioFile(text: string, name: string): { file: ScenarioFile; issues: [] } | { file: null; issues: Issue[] } {
  checkText(text, name);
  let raw: unknown;
  try {
    raw = parseDocument(text, name);
  } catch (error) {
    return { file: null, issues: (error as DocumentSyntaxError).issues };
  }
  const parsed = parseWith(ScenarioFileSchema, raw);
  if (!parsed.success) return { file: null, issues: fromZodIssues(raw, parsed.issues) };
  return { file: parsed.data, issues: [] };
}
