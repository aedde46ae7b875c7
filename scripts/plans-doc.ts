// Writes docs/plans.md and docs/worked-example.md from the bundled rule files (`npm run docs`); a test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPlansDocument } from '../test/support/plans-document.js';
import { renderWorkedExample } from '../test/support/worked-example.js';

const docs = join(import.meta.dirname, '..', 'docs');
writeFileSync(join(docs, 'plans.md'), renderPlansDocument());
writeFileSync(join(docs, 'worked-example.md'), renderWorkedExample());
console.log(`wrote ${join(docs, 'plans.md')} and ${join(docs, 'worked-example.md')}`);
