import { describe, expect, it } from 'vitest';
import { PlanError } from '../model/errors.js';
import { BUNDLED_LAYERS, BUNDLED_PLANS } from './bundled.js';
import { compiledOf, loadPlan } from './load.js';
import { PRECOMPILED } from './precompiled.js';

const bundled = [...Object.entries(BUNDLED_PLANS), ...Object.entries(BUNDLED_LAYERS)];

/** The plan loaded the whole way (an object, not an id), or null when it needs options. */
function loadedWhole(raw: unknown): ReturnType<typeof loadPlan> | null {
  try {
    return loadPlan(raw as object);
  } catch (error) {
    if (error instanceof PlanError && error.code === 'MISSING_PARAMETER') return null;
    throw error;
  }
}

describe('precompiled bundled plans (run `npm run precompile` after changing rules/ or the loader)', () => {
  it.each(bundled)('%s: the precompiled definition is the one the whole loading path makes', (id, raw) => {
    const whole = loadedWhole(raw);
    if (whole === null || whole.layers.length > 0) expect(Object.keys(PRECOMPILED)).not.toContain(id);
    else {
      expect(JSON.parse(PRECOMPILED[id]!)).toStrictEqual(whole.definition);
      expect(loadPlan(id)).toStrictEqual(whole);
    }
  });

  it('loading a bundled id gives the plan loading its file gives: frozen, compiled, same fields', () => {
    const fast = loadPlan('hrss');
    const whole = loadPlan(BUNDLED_PLANS.hrss as object);
    expect(fast).toStrictEqual(whole);
    expect(Object.isFrozen(fast.definition.levels[0])).toBe(true);
    expect(Object.isFrozen(fast.parameters) && Object.isFrozen(fast.layers)).toBe(true);
    expect(compiledOf(fast).classification.length).toBe(compiledOf(whole).classification.length);
  });

  it('a calendar option still reaches the plan; other options take the whole path', () => {
    const calendar = { years: [{ year: 2099, notice: '国办发明电〔2098〕1号', holidays: ['2099-01-01'], workdays: [] }] };
    expect(compiledOf(loadPlan('hrss', { calendar })).calendar.years).toContain(2099);
    expect(() => loadPlan('hrss', { parameters: { nope: 1 } })).toThrow(PlanError);
    expect(loadPlan('hrss', { templates: {} }).definition).toStrictEqual(loadPlan('hrss').definition);
  });
});
