import { IncidentError, localizedError, type Issue } from '../model/errors.js';
import { isRevoked } from '../model/untrusted.js';
import { isLang, type Lang } from './lang.js';

/** The issue of a `lang` option that names no language of the library. */
export function langIssue(value: unknown): Issue {
  return { path: ['lang'], code: 'invalid_option', message: 'not a language', received: value, expected: '"zh" or "en"' };
}

const invalidOption = (issue: Issue): never => {
  throw new IncidentError([issue], 'INVALID_OPTION', 'Invalid option');
};

/**
 * The `lang` of an options argument: 'zh' when it is absent (or the options are not an object: the caller
 * says so itself). Anything but "zh" or "en" is passed to `fail` as the issue naming `['lang']`: by default
 * an IncidentError INVALID_OPTION (decide's kind); a function that words other errors gives its own.
 */
export function langOption(options: unknown, fail: (issue: Issue) => never = invalidOption): Lang {
  if (options === null || typeof options !== 'object' || isRevoked(options)) return 'zh';
  const lang = (options as { lang?: unknown }).lang;
  if (lang === undefined) return 'zh';
  return isLang(lang) ? lang : fail(langIssue(lang));
}

/**
 * Runs `run`; a PlanError or IncidentError thrown inside (or the rejection of a promise it returns) comes
 * out in `lang`: the same class, code, paths and received values, its message and issues in that language.
 * Anything else passes through untouched; nothing is done when nothing is thrown.
 */
export function inLanguage<T>(lang: Lang, run: () => T): T {
  let result: T;
  try {
    result = run();
  } catch (error) {
    throw localizedError(error, lang);
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw localizedError(error, lang);
    }) as T;
  }
  return result;
}

/** An error in `lang` without throwing it (an error a function returns or yields, as decideMany does): see localizedError. */
export { localizedError } from '../model/errors.js';
