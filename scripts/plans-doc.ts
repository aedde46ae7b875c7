// Writes docs/plans.md, docs/worked-example.md and docs/layers-report.md from the bundled rule files (`npm run docs`); a test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLayersReport } from '../test/support/layers-report.js';
import { renderPlansDocument } from '../test/support/plans-document.js';
import { renderWorkedExample } from '../test/support/worked-example.js';

const docs = join(import.meta.dirname, '..', 'docs');
writeFileSync(join(docs, 'plans.md'), renderPlansDocument());
writeFileSync(join(docs, 'worked-example.md'), renderWorkedExample());
writeFileSync(join(docs, 'layers-report.md'), renderLayersReport());
console.log(`wrote ${join(docs, 'plans.md')}, ${join(docs, 'worked-example.md')} and ${join(docs, 'layers-report.md')}`);
