import { langOption } from '../i18n/errors.js';
import type { Lang } from '../i18n/lang.js';
import { invalidArgument, optionsArgument } from '../render/argument.js';

/** The `lang` of a testing function's options: Chinese when absent; options that are no object, or a `lang` other than "zh" or "en", are a PlanError naming them. */
export const langOf = (options: unknown): Lang => langOption(optionsArgument(options, 'options', '{ lang: "en" }'), (issue) => invalidArgument([issue]));
