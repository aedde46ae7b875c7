import { fromZodIssues, parseWith, PlanError } from '../model/errors.js';
import { PlanDefinitionSchema, type PlanDefinition } from '../model/plan.js';
import { isPlainObject, isRevoked, PLAN_LIMITS, scanUntrusted } from '../model/untrusted.js';
import { BUNDLED_PLANS, BUNDLED_TEMPLATES } from './bundled.js';
import { applyParameters, type ParameterValues } from './parameters.js';
import { resolveExtends, selectBases } from './resolve.js';
import { compilePlan, type CompiledPlan } from './compile.js';
import { validateDefinition } from './validate.js';
import { withDocumentCitations } from './validate-format.js';
import { readCalendar, type CalendarData } from '../time/working-days.js';

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
  /** The resolved rule file: template applied, blanks filled, defaults in. */
  readonly definition: PlanDefinition;
  readonly [COMPILED]: CompiledPlan;
}

export interface LoadPlanOptions {
  /** Values for the blanks of a plan ([X], xx, [具体部门]) that the adopting unit fills. */
  parameters?: Record<string, string | number>;
  /** Templates a plan may `extends`, by id, besides the bundled ones. */
  templates?: Record<string, object>;
  /** Holiday and adjusted working-day (调休) data for years the bundled calendar lacks or that the host replaces (docs/calendar.md). */
  calendar?: CalendarData;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The bundled plans: id and title. */
export function listPlans(): { id: string; title: string }[] {
  return Object.entries(BUNDLED_PLANS).map(([id, source]) => ({ id, title: (source as { title: string }).title }));
}

/** The years whose working days a loaded plan knows, ascending: the bundled years with the host's (`LoadPlanOptions.calendar`). */
export function calendarYears(plan: Plan): number[] {
  return [...compiledOf(plan).calendar.years];
}

/** Loads a bundled plan by id, or a plan object (parsed JSON or YAML); throws PlanError with every problem found. */
export function loadPlan(source: string | object, options: LoadPlanOptions = {}): Plan {
  let raw: unknown = source;
  if (typeof source === 'string') {
    if (!Object.prototype.hasOwnProperty.call(BUNDLED_PLANS, source)) {
      const ids = Object.keys(BUNDLED_PLANS);
      throw new PlanError(
        [{ path: [], code: 'unknown_plan', message: 'no bundled plan has this id', received: source, expected: `one of ${ids.map((id) => JSON.stringify(id)).join(', ')}` }],
        'UNKNOWN_PLAN',
        'Unknown plan',
      );
    }
    raw = BUNDLED_PLANS[source];
  } else if (source !== null && typeof source === 'object' && isRevoked(source)) {
    throw new PlanError(scanUntrusted(source, PLAN_LIMITS));
  } else if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new PlanError([{ path: [], code: 'invalid_type', message: 'a plan is a bundled plan id or a plan object', received: source, expected: 'string or object' }]);
  }
  if (!isPlainObject(options)) {
    throw new PlanError([{ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: options !== null && typeof options === 'object' && isRevoked(options) ? '(a revoked Proxy)' : options, expected: 'object' }]);
  }
  const unsafe = scanUntrusted(raw, PLAN_LIMITS);
  if (unsafe.length > 0) throw new PlanError(unsafe);
  const templates: Record<string, unknown> = { ...BUNDLED_TEMPLATES };
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
  // Work on a copy: nothing the caller passed in is changed.
  const copy = structuredClone(raw) as Record<string, unknown>;
  const { resolved, issues: composition } = resolveExtends(copy, templates);
  if (composition.length > 0) throw new PlanError(composition);
  const bases = selectBases(resolved);
  if (bases.length > 0) throw new PlanError(bases);
  const filled = applyParameters(resolved, options.parameters);
  if (filled.issues.length > 0) {
    const missing = filled.issues.some((issue) => issue.code === 'missing_parameter');
    throw new PlanError(filled.issues, missing ? 'MISSING_PARAMETER' : 'INVALID_PLAN', missing ? 'Plan parameters missing' : 'Invalid plan');
  }
  const parsed = parseWith(PlanDefinitionSchema, filled.resolved);
  if (!parsed.success) throw new PlanError(fromZodIssues(filled.resolved, parsed.issues));
  const issues = validateDefinition(parsed.data);
  if (issues.length > 0) throw new PlanError(issues);
  // A plan citing its own document: each basis names it (docs/rule-authoring.md, "Citations").
  const definition = deepFreeze(withDocumentCitations(parsed.data));
  const plan = {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    timeZone: definition.timeZone,
    parameters: Object.freeze({ ...filled.values }),
    definition,
  } as Plan;
  Object.defineProperty(plan, COMPILED, { value: compilePlan(definition, calendar), enumerable: false });
  return Object.freeze(plan);
}

/** The compiled form of a plan made by loadPlan; throws PlanError for anything else. */
export function compiledOf(plan: unknown): CompiledPlan {
  const compiled = plan !== null && typeof plan === 'object' ? (plan as Partial<Plan>)[COMPILED] : undefined;
  if (!compiled) {
    throw new PlanError([{ path: ['plan'], code: 'invalid_type', message: 'not a plan made by loadPlan', received: plan, expected: 'the result of loadPlan()' }]);
  }
  return compiled;
}
