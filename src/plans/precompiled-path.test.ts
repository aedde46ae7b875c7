import { describe, expect, it, vi } from 'vitest';
import { BUNDLED_PLANS } from './bundled.js';
import { loadPlan } from './load.js';

// The precompiled text of hrss with another title: loading the id must take it, and nothing else.
vi.mock('./precompiled.js', async () => {
  const { PRECOMPILED: actual } = await vi.importActual<typeof import('./precompiled.js')>('./precompiled.js');
  return { PRECOMPILED: Object.freeze({ hrss: JSON.stringify({ ...JSON.parse(actual.hrss!), title: '预编译' }) }) };
});

describe('loadPlan of a bundled id without options', () => {
  it('takes the precompiled definition, not the file', () => {
    expect(loadPlan('hrss').title).toBe('预编译');
    expect(loadPlan('hrss').definition.title).toBe('预编译');
    expect(Object.isFrozen(loadPlan('hrss').definition)).toBe(true);
  });

  it('takes the file when options other than the calendar are given, or for another id', () => {
    expect(loadPlan('hrss', { templates: {} }).title).toBe((BUNDLED_PLANS.hrss as { title: string }).title);
    expect(loadPlan('county-bureau').title).toBe((BUNDLED_PLANS['county-bureau'] as { title: string }).title);
  });
});
