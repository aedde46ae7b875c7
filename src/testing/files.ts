import { parseDocument as parseYamlDocument } from 'yaml';
import type { Issue } from '../model/errors.js';
import { fromZodIssues } from '../model/errors.js';
import { ScenarioFileSchema, type ScenarioFile } from './scenario.js';

/** A file name of a scenario file: `*.scenarios.json`, `*.scenarios.yaml` or `*.scenarios.yml`. */
export const isScenarioFileName = (name: string): boolean => /\.scenarios\.(json|ya?ml)$/i.test(name);

/** A text that is not valid JSON or YAML: the issue says where. */
export class DocumentSyntaxError extends Error {
  readonly issues: Issue[];
  constructor(name: string, issues: Issue[]) {
    super(`${name}: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'DocumentSyntaxError';
    this.issues = issues;
  }
}

/**
 * Parses a JSON or YAML text (by the file name's extension; YAML is a superset of JSON, so anything not
 * named `.json` is read as YAML). Throws DocumentSyntaxError with the line and column of each problem.
 */
export function parseDocument(text: string, name: string): unknown {
  if (/\.json$/i.test(name)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      let where = '';
      if (at) {
        const before = text.slice(0, Number(at[1]));
        const line = before.split('\n').length;
        where = ` at line ${line}, column ${Number(at[1]) - before.lastIndexOf('\n')}`;
      }
      throw new DocumentSyntaxError(name, [{ path: [], code: 'syntax', message: `invalid JSON${where}: ${message}` }]);
    }
  }
  // Merge keys (`<<: *base`) let a scenario reuse another's incident.
  const document = parseYamlDocument(text, { prettyErrors: true, merge: true });
  if (document.errors.length > 0) {
    throw new DocumentSyntaxError(
      name,
      document.errors.map((e) => ({ path: [], code: 'syntax', message: `invalid YAML: ${e.message.split('\n')[0] ?? e.message}` })),
    );
  }
  return document.toJS() as unknown;
}

/** Reads a scenario file's text (JSON or YAML) into a checked ScenarioFile, or the problems with their paths. */
export function parseScenarioFile(text: string, name: string): { file: ScenarioFile; issues: [] } | { file: null; issues: Issue[] } {
  let raw: unknown;
  try {
    raw = parseDocument(text, name);
  } catch (error) {
    if (error instanceof DocumentSyntaxError) return { file: null, issues: error.issues };
    throw error;
  }
  const parsed = ScenarioFileSchema.safeParse(raw);
  if (!parsed.success) return { file: null, issues: fromZodIssues(raw, parsed.error.issues) };
  return { file: parsed.data, issues: [] };
}
