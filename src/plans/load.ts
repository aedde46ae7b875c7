import { fromZodIssues, inEnglish, parseWith, PlanError, type Issue } from '../model/errors.js';
import { inLanguage, langOption } from '../i18n/errors.js';
import type { Lang } from '../i18n/lang.js';
import { PlanDefinitionSchema, type Above, type PlanDefinition } from '../model/plan.js';
import { isPlainObject, isRevoked, PLAN_LIMITS, scanUntrusted } from '../model/untrusted.js';
import { BUNDLED_LAYERS, BUNDLED_PLANS, BUNDLED_TEMPLATES } from './bundled.js';
import { PRECOMPILED } from './precompiled.js';
import { applyParameters, type ParameterValues } from './parameters.js';
import { resolveExtends, selectBases } from './resolve.js';
import { compilePlan, type CompiledPlan } from './compile.js';
import { validateDefinition } from './validate.js';
import { withDocumentCitations } from './validate-format.js';
import { composeLayer, isComposed, layersOf, MAX_LAYER_DEPTH, type Layered, type PlanLayer } from './layers.js';
import { readCalendar, type CalendarData, type WorkingCalendar } from '../time/working-days.js';

// Registered, not module-local: a plan loaded by the ESM build is accepted by the CommonJS build and back.
const COMPILED: unique symbol = Symbol.for('yuqing-playbook.compiled');

/** A loaded, validated and compiled plan: pass it to `decide`. Immutable. */
export interface Plan {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly timeZone: string;
  /** The values given for the plan's blanks. */
  readonly parameters: Readonly<ParameterValues>;
  /** The resolved rule file: template applied, blanks filled, defaults in, and the duties of the layers it is built on (docs/layers.md). */
  readonly definition: PlanDefinition;
  /** The layers the plan is built on (`above`), nearest first, each with this plan's levels mapped to its levels; empty for a plan built on none. */
  readonly layers: readonly PlanLayer[];
  readonly [COMPILED]: CompiledPlan;
}

export type { PlanLayer } from './layers.js';

export interface LoadPlanOptions {
  /** Values for the blanks of a plan ([X], xx, [具体部门]) that the adopting unit fills. */
  parameters?: Record<string, string | number>;
  /** Templates a plan may `extends`, by id, besides the bundled ones. */
  templates?: Record<string, object>;
  /** Holiday and adjusted working-day (调休) data for years the bundled calendar lacks or that the host replaces (docs/calendar.md). */
  calendar?: CalendarData;
  /** Layers (files with `"kind": "layer"`, parsed) a plan's `above` may name by id, besides the bundled ones; one with a bundled layer's id replaces it (docs/layers.md). */
  layers?: readonly object[];
  /** The language of the errors' messages: "zh" (the default) or "en" (docs/languages.md). */
  lang?: Lang;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const own = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The bundled plans: id and title. */
export function listPlans(): { id: string; title: string }[] {
  return Object.entries(BUNDLED_PLANS).map(([id, source]) => ({ id, title: (source as { title: string }).title }));
}

/** The bundled layers (rules plans build on, such as `national`): id and title. */
export function listLayers(): { id: string; title: string }[] {
  return Object.entries(BUNDLED_LAYERS).map(([id, source]) => ({ id, title: (source as { title: string }).title }));
}

/** The years whose working days a loaded plan knows, ascending: the bundled years with the host's (`LoadPlanOptions.calendar`). */
export function calendarYears(plan: Plan): number[] {
  return [...compiledOf(plan).calendar.years];
}

/** The files a loadPlan knows by id: the bundled ones for '.', none but the template for 'yuqing-playbook/core' (docs/browser.md). */
export interface KnownFiles {
  plans: Readonly<Record<string, unknown>>;
  layers: Readonly<Record<string, unknown>>;
  templates: Readonly<Record<string, unknown>>;
  /** Plans and layers that load without options, as loadPlan makes their definition: JSON text by id. */
  precompiled: Readonly<Record<string, string>>;
}

/** The files shipped in rules/. */
const BUNDLED: KnownFiles = { plans: BUNDLED_PLANS, layers: BUNDLED_LAYERS, templates: BUNDLED_TEMPLATES, precompiled: PRECOMPILED };

/** What loading one file needs besides the file: the options, the files known by id, the layers by id, and the layers being loaded under it (to refuse a cycle). */
interface Context {
  options: LoadPlanOptions;
  known: KnownFiles;
  templates: Record<string, unknown>;
  layers: ReadonlyMap<string, unknown>;
}

/** The layers of `options.layers` by id (a Map: declared ids), after the bundled ones; every problem of the option found. */
function layersOption(known: KnownFiles, given: unknown): Map<string, unknown> {
  const layers = new Map<string, unknown>(Object.entries(known.layers));
  if (given === undefined) return layers;
  if (given === null || typeof given !== 'object' || isRevoked(given) || !Array.isArray(given)) {
    throw new PlanError([{ path: ['layers'], code: 'invalid_type', message: 'layers must be a list of layer objects', received: given !== null && typeof given === 'object' && isRevoked(given) ? '(a revoked Proxy)' : given, expected: 'an array such as [{ "id": "xx-province", "kind": "layer", … }]' }]);
  }
  const unsafe = scanUntrusted(given, PLAN_LIMITS).map((issue) => ({ ...issue, path: ['layers', ...issue.path] }));
  if (unsafe.length > 0) throw new PlanError(unsafe);
  const issues: Issue[] = [];
  const supplied = new Set<string>();
  given.forEach((layer: unknown, i) => {
    if (!isPlainObject(layer)) {
      issues.push({ path: ['layers', i], code: 'invalid_type', message: 'a layer is an object (a parsed layer file)', received: layer, expected: 'an object with "kind": "layer"' });
      return;
    }
    const { id, kind } = layer as { id?: unknown; kind?: unknown };
    if (typeof id !== 'string') issues.push({ path: ['layers', i, 'id'], code: 'invalid_type', message: 'a layer has an id', received: id, expected: 'a text' });
    else if (kind !== 'layer') issues.push({ path: ['layers', i, 'kind'], code: 'not_a_layer', message: `"${id}" is not a layer: a file plans build on says "kind": "layer"`, received: kind, expected: '"layer"' });
    else if (supplied.has(id)) issues.push({ path: ['layers', i, 'id'], code: 'duplicate_layer', message: 'a second layer with this id', received: id, expected: 'one layer per id' });
    else {
      supplied.add(id);
      layers.set(id, layer);
    }
  });
  if (issues.length > 0) throw new PlanError(issues);
  return layers;
}

/** The ids of the layers a caller supplies (`options.layers`), read without trusting the option's shape. */
function suppliedIds(options: unknown): string[] {
  const layers = isPlainObject(options) ? (options as LoadPlanOptions).layers : undefined;
  if (layers === null || typeof layers !== 'object' || isRevoked(layers) || !Array.isArray(layers)) return [];
  // The descriptor's value: a getter is not run before the option is checked.
  return layers.map((layer: unknown) => (isPlainObject(layer) ? (Object.getOwnPropertyDescriptor(layer, 'id')?.value as unknown) : undefined)).filter((id): id is string => typeof id === 'string');
}

/** Loads a bundled plan or layer by id, or a plan object (parsed JSON or YAML); throws PlanError with every problem found. */
export function loadPlan(source: string | object, options: LoadPlanOptions = {}): Plan {
  return loadKnown(BUNDLED, source, options);
}

/** loadPlan over the given files known by id. */
export function loadKnown(known: KnownFiles, source: string | object, options: LoadPlanOptions = {}): Plan {
  const lang = langOption(options, (issue) => {
    throw new PlanError([issue]);
  });
  return inLanguage(lang, () => loadIn(known, source, options));
}

/** loadKnown, its errors in Chinese (inLanguage words them in the caller's language). */
function loadIn(known: KnownFiles, source: string | object, options: LoadPlanOptions): Plan {
  let raw: unknown = source;
  if (typeof source === 'string') {
    if (!own(known.plans, source) && !own(known.layers, source) && !suppliedIds(options).includes(source)) {
      const ids = [...Object.keys(known.plans), ...Object.keys(known.layers)];
      throw new PlanError(
        [{ path: [], code: 'unknown_plan', message: 'no bundled plan or layer has this id', received: source, expected: ids.length > 0 ? `one of ${ids.map((id) => JSON.stringify(id)).join(', ')}` : 'a plan object, such as the default export of "yuqing-playbook/plans/<id>"' }],
        'UNKNOWN_PLAN',
        'Unknown plan',
      );
    }
  } else if (source !== null && typeof source === 'object' && isRevoked(source)) {
    throw new PlanError(scanUntrusted(source, PLAN_LIMITS));
  } else if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new PlanError([{ path: [], code: 'invalid_type', message: 'a plan is a bundled plan id or a plan object', received: source, expected: 'string or object' }]);
  }
  if (!isPlainObject(options)) {
    throw new PlanError([{ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: options !== null && typeof options === 'object' && isRevoked(options) ? '(a revoked Proxy)' : options, expected: 'object' }]);
  }
  if (typeof source === 'string' && own(known.precompiled, source) && options.layers === undefined && options.templates === undefined && options.parameters === undefined) {
    // A bundled file without options was loaded and checked at build time (scripts/precompile-plans.ts).
    return planOf(deepFreeze(JSON.parse(known.precompiled[source]!) as PlanDefinition), {}, [], readCalendar(options.calendar));
  }
  const layers = layersOption(known, options.layers);
  if (typeof source === 'string') raw = own(known.plans, source) ? known.plans[source] : layers.get(source);
  const unsafe = scanUntrusted(raw, PLAN_LIMITS);
  if (unsafe.length > 0) throw new PlanError(unsafe);
  const templates: Record<string, unknown> = { ...known.templates };
  if (options.templates !== undefined) {
    const templateIssues = options.templates === null || typeof options.templates !== 'object' || Array.isArray(options.templates)
      ? [{ path: ['templates'], code: 'invalid_type', message: 'templates must be an object of templates by id', received: options.templates, expected: 'an object such as { "my-template": { … } }' }]
      : Object.entries(options.templates)
          .filter(([, t]) => t === null || typeof t !== 'object' || Array.isArray(t))
          .map(([id, t]) => ({ path: ['templates', id], code: 'invalid_type', message: 'a template is an object', received: t, expected: 'a template object (see rules/templates/)' }));
    if (templateIssues.length > 0) throw new PlanError(templateIssues);
    const unsafeTemplates = scanUntrusted(options.templates, PLAN_LIMITS).map((issue) => ({ ...issue, path: ['templates', ...issue.path] }));
    if (unsafeTemplates.length > 0) throw new PlanError(unsafeTemplates);
    Object.assign(templates, options.templates);
  }
  const calendar = readCalendar(options.calendar);
  const loaded = loadFile(raw, { options, known, templates, layers }, []);
  return planOf(loaded.definition, loaded.values, loaded.layers, calendar);
}

/** The plan of a loaded definition: frozen, with its compiled form. */
function planOf(definition: PlanDefinition, values: ParameterValues, layers: PlanLayer[], calendar: WorkingCalendar): Plan {
  const plan = {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    timeZone: definition.timeZone,
    parameters: Object.freeze({ ...values }),
    definition,
    layers: Object.freeze(layers),
  } as Plan;
  Object.defineProperty(plan, COMPILED, { value: compilePlan(definition, calendar), enumerable: false });
  return Object.freeze(plan);
}

/** The parameter ids a resolved file declares. */
const declaredParameters = (file: Record<string, unknown>): Set<string> =>
  new Set((Array.isArray(file.parameters) ? file.parameters : []).map((p: unknown) => (p !== null && typeof p === 'object' ? (p as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string'));

/**
 * Loads one file, and first the layer under it (`above`), recursively: `under` lists the layers being
 * loaded beneath, nearest last. A layer gets the given parameters it declares; the file at the top gets
 * the others (an unknown one is its issue).
 */
function loadFile(raw: unknown, context: Context, under: readonly string[]): Layered & { values: ParameterValues; declared: Set<string> } {
  // Work on a copy: nothing the caller passed in is changed.
  const copy = structuredClone(raw) as Record<string, unknown>;
  const { resolved, issues: composition } = resolveExtends(copy, context.templates);
  if (composition.length > 0) throw new PlanError(composition);
  const bases = selectBases(resolved);
  if (bases.length > 0) throw new PlanError(bases);
  const above = resolved.above !== null && typeof resolved.above === 'object' ? (resolved.above as { layer?: unknown }) : undefined;
  const layerId = above !== undefined && typeof above.layer === 'string' && !isComposed(resolved) ? above.layer : undefined;
  const layer = layerId === undefined ? undefined : loadLayer(layerId, context, under);
  const own = declaredParameters(resolved);
  const declared = new Set([...own, ...(layer?.declared ?? [])]);
  let given: unknown = context.options.parameters;
  if (isPlainObject(given) && (layer !== undefined || under.length > 0)) {
    // A layer fills the blanks it declares; the file at the top, all but those only its layers declare.
    given = Object.fromEntries(Object.entries(given).filter(([name]) => own.has(name) || (under.length === 0 && !declared.has(name))));
  }
  const filled = applyParameters(resolved, given);
  if (filled.issues.length > 0) {
    const missing = filled.issues.some((issue) => issue.code === 'missing_parameter');
    throw new PlanError(filled.issues, missing ? 'MISSING_PARAMETER' : 'INVALID_PLAN', missing ? 'Plan parameters missing' : 'Invalid plan');
  }
  const parsed = parseWith(PlanDefinitionSchema, filled.resolved);
  if (!parsed.success) throw new PlanError(fromZodIssues(filled.resolved, parsed.issues));
  let definition = parsed.data;
  if (layer !== undefined) {
    const composed = composeLayer(parsed.data, layer);
    const again = parseWith(PlanDefinitionSchema, composed.definition);
    if (!again.success) throw new PlanError(fromZodIssues(composed.definition, again.issues).map(composed.locate));
    const issues = validateDefinition(again.data).map(composed.locate);
    if (issues.length > 0) throw new PlanError(issues);
    definition = again.data;
  } else {
    const issues = validateDefinition(definition);
    if (issues.length > 0) throw new PlanError(issues);
  }
  // A plan citing its own document: each basis names it (docs/rule-authoring.md, "Citations").
  return {
    definition: deepFreeze(withDocumentCitations(definition)),
    layers: layer === undefined ? [] : layersOf(definition.above as Above, layer),
    chain: layer === undefined ? [] : [layer.definition, ...layer.chain],
    values: filled.values,
    declared,
  };
}

/** The layer a file's `above` names, loaded (with the layers under it); its problems are the file's, at `above.layer`. */
function loadLayer(id: string, context: Context, under: readonly string[]): Layered & { declared: Set<string> } {
  const at = ['above', 'layer'];
  const chain = [...under, id];
  if (under.includes(id)) {
    throw new PlanError([{ path: at, code: 'layer_cycle', message: `layers build on each other in a cycle: ${chain.join(' → ')}`, received: id, expected: 'a layer that is not built, directly or not, on this file' }]);
  }
  if (under.length >= MAX_LAYER_DEPTH) {
    throw new PlanError([{ path: at, code: 'layer_too_deep', message: `more than ${MAX_LAYER_DEPTH} layers deep: ${chain.join(' → ')}`, received: id, expected: `at most ${MAX_LAYER_DEPTH} layers above a plan` }]);
  }
  if (!context.layers.has(id)) {
    const ids = [...context.layers.keys()];
    const message = own(context.known.plans, id) ? `"${id}" is a plan, not a layer: a plan is built on a file with "kind": "layer"` : 'no layer has this id';
    throw new PlanError([{ path: at, code: 'unknown_layer', message, received: id, expected: `one of ${ids.map((i) => JSON.stringify(i)).join(', ')} (or a layer given in the "layers" option)` }]);
  }
  try {
    return loadFile(context.layers.get(id), context, chain);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    // A cycle or a chain too deep is said once, where it is found; anything else is the layer's own problem.
    const issues = error.issues.map((issue) =>
      issue.code === 'layer_cycle' || issue.code === 'layer_too_deep' ? issue : { ...inEnglish(issue), path: at, message: `the layer "${id}" does not load: ${issue.path.join('.')}: ${inEnglish(issue).message}` },
    );
    throw new PlanError(issues, error.code, error.code === 'MISSING_PARAMETER' ? 'Plan parameters missing' : 'Invalid plan');
  }
}

/** The compiled form of a plan made by loadPlan; throws PlanError for anything else. */
export function compiledOf(plan: unknown): CompiledPlan {
  let compiled: CompiledPlan | undefined;
  try {
    compiled = plan !== null && typeof plan === 'object' ? (plan as Partial<Plan>)[COMPILED] : undefined;
  } catch {
    // A revoked Proxy throws on any read: it is not a plan either.
  }
  if (!compiled) {
    throw new PlanError([{ path: ['plan'], code: 'invalid_type', message: 'not a plan made by loadPlan', received: plan, expected: 'the result of loadPlan()' }]);
  }
  return compiled;
}
