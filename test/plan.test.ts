import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPlans, loadPlan, PlanError, type PlanSource } from '../src/index.js';
import { planJsonSchema } from '../src/model/plan-json-schema.js';

const countyBureauFile = (): PlanSource => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'county-bureau.json'), 'utf8'));
/** The county-bureau plan resolved into one complete rule file (no template), as a mutable copy. */
const countyBureau = (): PlanSource => JSON.parse(JSON.stringify(loadPlan('county-bureau').definition));

const issuesOf = (source: unknown, options?: object): { path: string; message: string }[] => {
  try {
    loadPlan(source as object, options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    return (error as PlanError).issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }
  throw new Error('expected a PlanError');
};
const pathsOf = (source: unknown, options?: object): string[] => issuesOf(source, options).map((i) => i.path);

describe('listPlans and loadPlan', () => {
  it('lists the bundled plans with their titles', () => {
    expect(listPlans()).toContainEqual({ id: 'county-bureau', title: 'xx县xx局意识形态风险防控工作预案' });
  });

  it('loads a bundled plan by id and the same plan from its object', () => {
    const byId = loadPlan('county-bureau');
    const byObject = loadPlan(countyBureauFile());
    expect(byId.definition).toEqual(byObject.definition);
    expect(loadPlan(countyBureau()).definition).toEqual(byId.definition);
    expect(byId).toMatchObject({ id: 'county-bureau', timeZone: 'Asia/Shanghai', version: countyBureauFile().version });
  });

  it('returns a frozen plan and leaves the source object untouched', () => {
    const source = countyBureauFile();
    const before = structuredClone(source);
    const plan = loadPlan(source);
    expect(source).toEqual(before);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.definition.obligations[0])).toBe(true);
  });

  it('refuses an unknown id, naming the ones that exist', () => {
    try {
      loadPlan('no-such-plan');
      throw new Error('expected a PlanError');
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      expect((error as PlanError).code).toBe('UNKNOWN_PLAN');
      expect((error as PlanError).message).toContain('county-bureau');
    }
  });

  it.each([null, 42, [], undefined])('refuses %j as a plan with a PlanError', (source) => {
    expect(() => loadPlan(source as never)).toThrow(PlanError);
  });

  it('refuses parameters for a plan that has no blanks', () => {
    expect(pathsOf('county-bureau', { parameters: { phoneReportMinutes: 30 } })).toEqual(['parameters.phoneReportMinutes']);
  });
});

describe('loadPlan validates a rule file', () => {
  const edit = (change: (plan: PlanSource & Record<string, unknown>) => void): unknown => {
    const plan = countyBureau() as PlanSource & Record<string, unknown>;
    change(plan);
    return plan;
  };

  it('names a missing field and an unknown one', () => {
    expect(pathsOf(edit((p) => { delete (p as Partial<PlanSource>).levels; (p as Record<string, unknown>).colour = 'red'; })).sort()).toEqual(['colour', 'levels']);
  });

  it('refuses an obligation whose role, recipient or offset is wrong', () => {
    const issues = issuesOf(edit((p) => {
      const o = p.obligations.find((x) => x.id === 'report-leading-group') as Record<string, unknown>;
      o.responsible = 'mayor';
      o.offset = '30 minutes';
      (p.obligations.find((x) => x.id === 'report-county-government-deputy') as Record<string, unknown>).to = 'nobody';
    }));
    const at = (id: string) => countyBureau().obligations.findIndex((x) => x.id === id);
    const deadline = at('report-leading-group');
    const notify = at('report-county-government-deputy');
    expect(issues.map((i) => i.path).sort()).toEqual([`obligations.${deadline}.offset`, `obligations.${deadline}.responsible`, `obligations.${notify}.notify`, `obligations.${notify}.to`].sort());
  });

  it('refuses a fact value the fact never takes, and a fact a classification rule cannot read', () => {
    const issues = issuesOf(edit((p) => {
      const named = p.conditions as Record<string, { any: { value: unknown }[] }>;
      (named['reaches-row-i'] as { any: { value: unknown }[] }).any[0]!.value = 'very-high';
      p.classification[0]!.conditions = { all: [{ fact: 'levelRank', operator: 'equal', value: 1 }] };
    }));
    expect(issues.map((i) => i.path)).toContain('conditions.reaches-row-i.any.0.value');
    expect(issues.map((i) => i.path)).toContain('classification.0.conditions.all.0.fact');
  });

  it('refuses JSONPath `path` and `params` in conditions', () => {
    const issues = issuesOf(edit((p) => {
      p.classification[0]!.conditions = { all: [{ fact: 'attention', operator: 'equal', value: 'extreme', path: '$..constructor' } as never] };
    }));
    expect(issues[0]?.path).toBe('classification.0.conditions.all.0.path');
    expect(issues[0]?.message).toContain('JSONPath');
  });

  it('refuses an unknown shared condition and a cycle of shared conditions', () => {
    const paths = pathsOf(edit((p) => {
      (p.conditions as Record<string, unknown>).a = { all: [{ condition: 'b' }] };
      (p.conditions as Record<string, unknown>).b = { all: [{ condition: 'a' }] };
      p.classification[0]!.conditions = { all: [{ condition: 'nope' }] };
    }));
    expect(paths).toEqual(expect.arrayContaining(['conditions.a', 'conditions.b', 'classification.0.conditions.all.0.condition']));
  });

  it('refuses a level without escalation, a duplicate id and an unknown time zone', () => {
    const paths = pathsOf(edit((p) => {
      p.escalation = p.escalation.filter((e) => e.level !== 'IV');
      p.obligations.push({ ...p.obligations[0]! });
      p.timeZone = 'Mars/Olympus';
    }));
    expect(paths.sort()).toEqual(['levels.3.id', `obligations.${countyBureau().obligations.length}.id`, 'timeZone'].sort());
  });

  it('refuses a prototype-polluting key without polluting', () => {
    const source = JSON.parse(JSON.stringify(countyBureau()).replace('"conditions":{', '"conditions":{"__proto__":{"polluted":true},'));
    expect(() => loadPlan(source)).toThrow(PlanError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('requires the roles every plan has', () => {
    expect(pathsOf(edit((p) => { p.roles = p.roles.filter((r) => r.id !== 'office'); }))).toContain('roles');
  });
});

describe('plan.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'plan.schema.json'), 'utf8'));
    expect(committed).toEqual(planJsonSchema());
  });
});
