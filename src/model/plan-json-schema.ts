import { z } from 'zod';
import { planFileSchema } from './plan.js';

/** The JSON Schema of a plan file, generated from the zod schema so the two cannot drift. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planFileSchema(), { io: 'input', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://unpkg.com/yuqing-playbook/plan.schema.json',
    title: 'yuqing-playbook plan',
    description: 'A response plan for online public-opinion incidents (网络舆情应急预案) as declarative rules.',
  };
}
