// Writes docs/plans.md from the bundled rule files (`npm run docs`); a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPlansDocument } from '../test/support/plans-document.js';

const target = join(import.meta.dirname, '..', 'docs', 'plans.md');
writeFileSync(target, renderPlansDocument());
console.log(`wrote ${target}`);
