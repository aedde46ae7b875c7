import { isMap, isScalar, parseDocument, type Pair } from 'yaml';

/** The plan file format `migratePlan` writes. */
export const CURRENT_FORMAT = 2;

/** Where `"format"` goes among a plan's keys: after a leading `$schema` and `id`. */
function formatPosition(keys: readonly string[]): number {
  let at = 0;
  while (at < keys.length && (keys[at] === '$schema' || keys[at] === 'id')) at++;
  return at;
}

/**
 * The format-2 form of a plan file (parsed JSON or YAML): `"format": 2` right after `$schema` and
 * `id`, every other key in its order and unchanged (format 2 reads everything format 1 says the same
 * way). A file that already says its format keeps the key where it is. Returns a new object that
 * shares nothing with the input.
 */
export function migratePlan(plan: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const entries = Object.entries(structuredClone(plan) as Record<string, unknown>);
  const at = entries.findIndex(([key]) => key === 'format');
  if (at >= 0) entries[at] = ['format', CURRENT_FORMAT];
  else entries.splice(formatPosition(entries.map(([key]) => key)), 0, ['format', CURRENT_FORMAT]);
  const out: Record<string, unknown> = {};
  // Defined, not assigned: a key "__proto__" in the file stays a key.
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * The format-2 form of a plan file written in YAML, as text: the `format` key added where
 * `migratePlan` puts it (or set where it is), comments and layout kept. The text must hold a map.
 */
export function migrateYamlText(text: string): string {
  const document = parseDocument(text);
  const map = document.contents;
  if (!isMap(map)) throw new TypeError('a plan file holds a map');
  const keys = map.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
  const pair = document.createPair('format', CURRENT_FORMAT) as Pair<never, never>;
  const at = keys.indexOf('format');
  map.items.splice(at >= 0 ? at : formatPosition(keys), at >= 0 ? 1 : 0, pair);
  return document.toString();
}
