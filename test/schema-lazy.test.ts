import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import {
  AuditSchema,
  CalendarDataSchema,
  decide,
  DecisionSchema,
  EventSchema,
  IncidentSchema,
  loadPlan,
  ObligationSchema,
  PlanDefinitionSchema,
  type Decision,
  type Incident,
  type PlanDefinition,
} from '../src/index.js';
import { ExpectSchema, ScenarioFileSchema, ScenarioSchema } from '../src/testing/index.js';
import { built } from '../src/model/lazy.js';
import { ConditionSchema, RootConditionSchema } from '../src/model/condition.js';
import { StepIdSchema } from '../src/model/vocabulary.js';
import * as auditModule from '../src/model/audit.js';
import * as conditionModule from '../src/model/condition.js';
import * as decisionModule from '../src/model/decision.js';
import * as incidentModule from '../src/model/incident.js';
import * as planModule from '../src/model/plan.js';
import * as vocabularyModule from '../src/model/vocabulary.js';
import * as scenarioModule from '../src/testing/scenario.js';
import * as workingDaysModule from '../src/time/working-days.js';

// The exported schemas are built on first use (issue 15): each must still be the zod schema it stands for.
const incident = { id: 'i1', occurredAt: '2026-03-02T08:00:00+08:00', discoveredAt: '2026-03-02T09:00:00+08:00', indicators: { attention: 'high' } };
const exported = { AuditSchema, CalendarDataSchema, DecisionSchema, EventSchema, IncidentSchema, ObligationSchema, PlanDefinitionSchema, ExpectSchema, ScenarioSchema, ScenarioFileSchema };

describe('the exported schemas, built on first use', () => {
  it('are zod schemas: instanceof z.ZodType, with parse and safeParse', () => {
    for (const [name, schema] of Object.entries(exported)) {
      expect(schema instanceof z.ZodType, name).toBe(true);
      expect(typeof schema.parse, name).toBe('function');
      expect(schema.safeParse(Symbol('x')).success, name).toBe(false);
    }
    expect(IncidentSchema).toBeInstanceOf(z.ZodObject);
    expect(EventSchema).toBeInstanceOf(z.ZodUnion);
  });

  it('are, every schema the modules export, zod schemas that a lazy value stands for', () => {
    const modules = { auditModule, conditionModule, decisionModule, incidentModule, planModule, vocabularyModule, scenarioModule, workingDaysModule };
    let count = 0;
    for (const [module, exports] of Object.entries(modules)) {
      for (const [name, value] of Object.entries(exports)) {
        if (!name.endsWith('Schema') || typeof value === 'function') continue;
        count++;
        expect(value instanceof z.ZodType, `${module}.${name}`).toBe(true);
        expect(built(value), `${module}.${name}`).not.toBe(value);
        expect(built(value) instanceof z.ZodType, `${module}.${name}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThanOrEqual(60);
  });

  it('parse as the built schemas do: values, defaults and the same issues', () => {
    expect(IncidentSchema.parse(incident)).toEqual({ ...incident, flags: {}, exercise: false, events: [] });
    const bad = { ...incident, occurredAt: 'yesterday', extra: 1 };
    expect(IncidentSchema.safeParse(bad).error?.issues).toEqual(built(IncidentSchema).safeParse(bad).error?.issues);
    expect(IncidentSchema.safeParse(bad).error?.issues.map((issue) => issue.message)).toEqual([
      'must be an ISO 8601 timestamp with an offset and a real calendar date, e.g. 2026-03-02T09:00:00+08:00',
      'Unrecognized key: "extra"',
    ]);
    expect(EventSchema.parse({ type: 'report', at: '2026-03-02T09:30:00+08:00' })).toEqual({ type: 'report', at: '2026-03-02T09:30:00+08:00' });
    expect(StepIdSchema.options).toContain('report');
    expect(RootConditionSchema.safeParse({ all: [{ fact: 'attention', operator: 'equal', value: 'high' }] }).success).toBe(true);
    expect(ConditionSchema.safeParse({ fact: 'attention', operator: 'equal', value: 'high' }).success).toBe(true);
    const plan = loadPlan('hrss');
    expect(PlanDefinitionSchema.parse(plan.definition)).toEqual(plan.definition);
    const decision = decide(plan, incident, { now: '2026-03-02T10:00:00+08:00' });
    expect(DecisionSchema.parse(decision)).toEqual(decision);
    expect(CalendarDataSchema.safeParse({ years: 1 }).error?.issues[0]?.message).toBe('must be a list of years');
  });

  it('give their shape, and extend as zod schemas do', () => {
    expect(Object.keys(IncidentSchema.shape)).toEqual(['id', 'title', 'occurredAt', 'discoveredAt', 'indicators', 'flags', 'metrics', 'exercise', 'events']);
    expect(Object.keys(PlanDefinitionSchema.shape)).toContain('obligations');
    expect(ObligationSchema.shape.status.options).toContain('met-late');
    const tagged = IncidentSchema.extend({ tag: z.string() });
    expect(tagged.parse({ ...incident, tag: 't' }).tag).toBe('t');
    expect(tagged.safeParse(incident).success).toBe(false);
    expect(IncidentSchema.pick({ id: true }).parse({ id: 'x' })).toEqual({ id: 'x' });
    expect(IncidentSchema.optional().parse(undefined)).toBeUndefined();
  });

  it('compose inside a host’s own schemas, and z.infer types them as before', () => {
    const Request = z.object({ incident: IncidentSchema, events: z.array(EventSchema).optional() });
    const request = Request.parse({ incident, events: [{ type: 'report', at: '2026-03-02T09:30:00+08:00' }] });
    expect(request.incident.exercise).toBe(false);
    expect(Request.safeParse({ incident: { ...incident, id: '' } }).error?.issues[0]?.path).toEqual(['incident', 'id']);
    expectTypeOf<z.infer<typeof Request>['incident']['id']>().toEqualTypeOf<string>();
    expectTypeOf<z.input<typeof IncidentSchema>>().toEqualTypeOf<Incident>();
    expectTypeOf<z.infer<typeof DecisionSchema>>().toEqualTypeOf<Decision>();
    expectTypeOf<z.infer<typeof PlanDefinitionSchema>>().toEqualTypeOf<PlanDefinition>();
  });

  it('give the JSON Schema of the built schemas (z.toJSONSchema)', () => {
    for (const [name, schema] of Object.entries({ IncidentSchema, DecisionSchema, AuditSchema, ScenarioFileSchema })) {
      expect(z.toJSONSchema(schema, { unrepresentable: 'any' }), name).toEqual(z.toJSONSchema(built(schema), { unrepresentable: 'any' }));
    }
    expect(z.toJSONSchema(IncidentSchema, { io: 'input' })).toMatchObject({ type: 'object', required: ['id', 'occurredAt', 'discoveredAt'] });
  });
});

describe('importing the library', () => {
  it('builds no zod schema and runs nothing of zod: the modules touch z only when a schema is first used', async () => {
    vi.resetModules();
    const touched: string[] = [];
    vi.doMock('zod', async (importOriginal) => {
      const actual = await importOriginal<typeof import('zod')>();
      const watched = new Proxy(actual.z, {
        get(target, key, receiver) {
          // The caller's file: the line of the stack below this trap.
          const caller = new Error().stack?.split('\n')[2] ?? '';
          touched.push(`${String(key)} ${/src\/[\w/.-]+/.exec(caller)?.[0] ?? caller}`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      return { ...actual, z: watched };
    });
    try {
      await import('../src/index.js');
      await import('../src/testing/index.js');
      expect(touched).toEqual([]);
      const fresh = await import('../src/model/incident.js');
      expect(fresh.IncidentSchema.safeParse(incident).success).toBe(true);
      expect(touched.some((entry) => entry.startsWith('object src/model/incident.ts'))).toBe(true);
    } finally {
      vi.doUnmock('zod');
      vi.resetModules();
    }
  });
});
