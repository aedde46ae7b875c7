import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlansDocument } from './support/plans-document.js';
import { renderWorkedExample } from './support/worked-example.js';

describe('docs/plans.md', () => {
  it('is what `npm run docs` generates from the rule files now', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'plans.md'), 'utf8');
    expect(committed).toBe(renderPlansDocument());
  });
});

describe('docs/worked-example.md', () => {
  it('is what `npm run docs` generates now', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'worked-example.md'), 'utf8');
    expect(committed).toBe(renderWorkedExample());
  });
});
