import { once } from '../model/lazy.js';
import { ENTRIES } from './messages.js';

/** A part of an English text that varies: a name, an id, a number, or (`:t`) a text that is itself translated. */
const PLACEHOLDER = /\{(\w+)(:t)?\}/g;

/** A compiled entry of the catalog: an English text's fixed pieces around its varying parts, which parts are translated, and its Chinese. */
interface Compiled {
  /** The fixed text before, between and after the parts: one more than `names`. */
  literals: string[];
  names: string[];
  nested: Set<string>;
  zh: string;
}

/** One entry compiled into its fixed pieces and the names of the parts between them. */
function compile([english, zh]: readonly [string, string]): Compiled {
  const literals: string[] = [];
  const names: string[] = [];
  const nested = new Set<string>();
  let last = 0;
  for (const match of english.matchAll(PLACEHOLDER)) {
    literals.push(english.slice(last, match.index));
    names.push(match[1] as string);
    if (match[2]) nested.add(match[1] as string);
    last = match.index + match[0].length;
  }
  literals.push(english.slice(last));
  return { literals, names, nested, zh };
}

/**
 * The parts of `text` if it is the entry's English with some parts filled in, else null. Each part is as
 * short as the rest allows (each fixed piece found at its leftmost place): the answer a lazy regular
 * expression anchored at both ends gives, in one pass, so no text, however long or odd, takes long.
 */
function partsOf({ literals }: Compiled, text: string): string[] | null {
  const first = literals[0] as string;
  const last = literals[literals.length - 1] as string;
  if (literals.length === 1) return text === first ? [] : null;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return null;
  const end = text.length - last.length;
  const parts: string[] = [];
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const piece = literals[i] as string;
    const found = text.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return null;
    parts.push(text.slice(at, found));
    at = found + piece.length;
  }
  parts.push(text.slice(at, end));
  return parts;
}

/** The catalog compiled on first use (an error being worded), once: nothing is built while nothing is wrong. */
const catalog = once(() => ENTRIES.map(compile));

/** How deep translated parts may nest (a layer's problem inside a plan's): deeper text is left as it is. */
const MAX_NESTING = 8;

/**
 * The Chinese of one of the library's English texts (an issue's message or expected, an error's summary):
 * the first entry whose pattern matches the whole text, its varying parts carried over (those marked `:t`
 * translated in turn). A text the catalog does not know (a host's own words, Chinese already) is returned as it is.
 */
export function translate(english: string, depth = 0): string {
  if (depth > MAX_NESTING) return english;
  for (const entry of catalog()) {
    const found = partsOf(entry, english);
    if (!found) continue;
    const parts = new Map<string, string>();
    entry.names.forEach((name, i) => {
      const part = found[i] as string;
      parts.set(name, entry.nested.has(name) ? translate(part, depth + 1) : part);
    });
    return entry.zh.replace(PLACEHOLDER, (_, name: string) => parts.get(name) as string);
  }
  return english;
}
