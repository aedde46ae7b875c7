import { fromZodIssues, PlanError } from '../model/errors.js';
import { PlanDefinitionSchema, type PlanDefinition } from '../model/plan.js';
import { PLAN_LIMITS, scanUntrusted } from '../model/untrusted.js';
import { BUNDLED_PLANS } from './bundled.js';
import { compilePlan, type CompiledPlan } from './compile.js';
import { validateDefinition } from './validate.js';

const COMPILED: unique symbol = Symbol('yuqing-playbook.compiled');

/** A loaded, validated and compiled plan: pass it to `decide`. Immutable. */
export interface Plan {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly timeZone: string;
  /** The validated rule file, defaults filled in. */
  readonly definition: PlanDefinition;
  readonly [COMPILED]: CompiledPlan;
}

export interface LoadPlanOptions {
  /** Values for the blanks of a plan ([X], xx) that the adopting unit fills. */
  parameters?: Record<string, string | number>;
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
  } else if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    throw new PlanError([{ path: [], code: 'invalid_type', message: 'a plan is a bundled plan id or a plan object', received: source, expected: 'string or object' }]);
  }
  if (options === null || typeof options !== 'object') {
    throw new PlanError([{ path: ['options'], code: 'invalid_type', message: 'options must be an object', received: options, expected: 'object' }]);
  }
  if (options.parameters !== undefined) {
    const names = options.parameters !== null && typeof options.parameters === 'object' ? Object.keys(options.parameters) : [];
    if (names.length > 0 || options.parameters === null || typeof options.parameters !== 'object') {
      throw new PlanError(
        names.length > 0
          ? names.map((name) => ({ path: ['parameters', name], code: 'unknown_parameter', message: 'this plan has no such parameter', received: options.parameters?.[name], expected: 'no parameters: the plan has no blanks' }))
          : [{ path: ['parameters'], code: 'invalid_type', message: 'parameters must be an object', received: options.parameters, expected: 'object' }],
      );
    }
  }
  const unsafe = scanUntrusted(raw, PLAN_LIMITS);
  if (unsafe.length > 0) throw new PlanError(unsafe);
  const parsed = PlanDefinitionSchema.safeParse(raw);
  if (!parsed.success) throw new PlanError(fromZodIssues(raw, parsed.error.issues));
  const issues = validateDefinition(parsed.data);
  if (issues.length > 0) throw new PlanError(issues);
  const definition = deepFreeze(parsed.data);
  const plan = {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    timeZone: definition.timeZone,
    definition,
  } as Plan;
  Object.defineProperty(plan, COMPILED, { value: compilePlan(definition), enumerable: false });
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
