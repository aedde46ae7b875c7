// Writes plan.schema.json, the JSON Schema of a plan file, from the zod schema (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planJsonSchema } from '../src/model/plan-json-schema.js';

const target = join(import.meta.dirname, '..', 'plan.schema.json');
writeFileSync(target, `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
