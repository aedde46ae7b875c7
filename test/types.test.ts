import { describe, expectTypeOf, it } from 'vitest';
import {
  decide,
  type Decision,
  IncidentError,
  type Issue,
  listPlans,
  loadPlan,
  type Obligation,
  type ObligationStatus,
  type Plan,
  PlanError,
} from '../src/index.js';
import { runScenario, type ScenarioResult } from '../src/testing/index.js';

// These assertions are checked by `tsc --noEmit` (part of `npm test`); at run time they only have to load.
describe('public API types', () => {
  it('has the signatures of CONTRACT.md', () => {
    expectTypeOf(listPlans).returns.toEqualTypeOf<{ id: string; title: string }[]>();
    expectTypeOf(loadPlan).parameter(0).toEqualTypeOf<string | object>();
    expectTypeOf(loadPlan).returns.toEqualTypeOf<Plan>();
    expectTypeOf(decide).parameter(0).toEqualTypeOf<Plan>();
    expectTypeOf(decide).parameter(1).toEqualTypeOf<unknown>();
    expectTypeOf(decide).parameter(2).toEqualTypeOf<{ now: string | Date; lang?: 'zh' | 'en' }>();
    expectTypeOf(decide).returns.toEqualTypeOf<Decision>();
  });

  it('types the decision as plain JSON data', () => {
    expectTypeOf<Decision['level']['source']>().toEqualTypeOf<'criteria' | 'judgement' | 'ungraded'>();
    expectTypeOf<Decision['nextReviewAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<Obligation['dueAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<ObligationStatus>().toEqualTypeOf<'pending' | 'overdue' | 'met' | 'met-late' | 'not-applicable' | 'late'>();
    expectTypeOf<Decision['notify'][number]>().toHaveProperty('dueAt').toEqualTypeOf<string | null>();
  });

  it('types the errors with code and issues', () => {
    expectTypeOf<PlanError>().toExtend<Error>();
    expectTypeOf<IncidentError>().toExtend<Error>();
    expectTypeOf<IncidentError['issues']>().toEqualTypeOf<Issue[]>();
    expectTypeOf<Issue['path']>().toEqualTypeOf<(string | number)[]>();
  });

  it('types the testing helpers', () => {
    expectTypeOf(runScenario).returns.toEqualTypeOf<ScenarioResult>();
  });
});
