import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIssues, formatPath, fromZodIssues, IncidentError, parseWith, PlanError, type Issue } from './errors.js';

const issuesOf = (schema: z.ZodType, input: unknown): Issue[] => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return fromZodIssues(input, parsed.error.issues);
};

describe('formatPath', () => {
  it('writes a path as code would', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([], 'zh')).toBe('（整体）');
    expect(formatPath(['events', 2, 'at'], 'zh')).toBe('events[2].at');
    expect(formatPath(['events', 2, 'at'])).toBe('events[2].at');
    expect(formatPath([0, 'id'])).toBe('[0].id');
    expect(formatPath(['levels'])).toBe('levels');
  });
});

describe('formatIssues', () => {
  it('writes one line per issue, with what was received and what was expected', () => {
    const issues: Issue[] = [
      { path: ['now'], code: 'c', message: 'bad', received: 'yesterday', expected: 'a timestamp' },
      { path: ['id'], code: 'c', message: 'missing' },
      { path: ['x'], code: 'c', message: 'absent', received: undefined },
      { path: ['y'], code: 'c', message: 'nested too deeply', expected: 'at most 3 levels' },
    ];
    expect(formatIssues(issues, { lang: 'en' }).split('\n')).toEqual(['now: bad (received "yesterday"; expected a timestamp)', 'id: missing', 'x: absent (received undefined)', 'y: nested too deeply (expected at most 3 levels)']);
    // Chinese by default: the library's texts translated, others as given.
    expect(formatIssues(issues).split('\n')).toEqual(['now：bad（收到 "yesterday"；应为 a timestamp）', 'id：missing', 'x：absent（收到 undefined）', 'y：嵌套过深（应为 至多 3 层）']);
  });

  it('shows dates, long values, values JSON cannot write and cyclic ones', () => {
    const show = (received: unknown) => formatIssues([{ path: [], code: 'c', message: 'm', received }], { lang: 'en' }).replace('(root): m (received ', '').slice(0, -1);
    expect(formatIssues([{ path: [], code: 'c', message: 'm', received: new Date(Number.NaN) }])).toBe('（整体）：m（收到 无效日期）');
    expect(show(new Date(Date.UTC(2026, 2, 2)))).toBe('2026-03-02T00:00:00.000Z');
    expect(show(new Date(Number.NaN))).toBe('Invalid Date');
    expect(show('x'.repeat(100))).toBe(`"${'x'.repeat(76)}...`);
    expect(show('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(show(() => 1)).toBe('() => 1');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
  });
});

describe('errors', () => {
  it('carry their name, code, issues, and the printed issues under a summary', () => {
    const issues: Issue[] = [{ path: ['id'], code: 'c', message: 'missing' }];
    const plan = new PlanError(issues);
    expect(plan).toMatchObject({ name: 'PlanError', code: 'INVALID_PLAN', issues, message: '预案无效\nid：missing' });
    const incident = new IncidentError(issues, 'INVALID_OPTION', 'Invalid option');
    expect(incident).toMatchObject({ name: 'IncidentError', code: 'INVALID_OPTION', message: '选项无效\nid：missing' });
    expect(new IncidentError(issues)).toMatchObject({ code: 'INVALID_INCIDENT', message: '事件无效\nid：missing' });
    expect(new PlanError(issues, 'UNSUPPORTED', 'a host\'s own summary').message).toBe("a host's own summary\nid：missing");
  });
});

describe('fromZodIssues', () => {
  it('names each unknown key on its own path', () => {
    expect(issuesOf(z.object({ a: z.number() }).strict(), { a: 1, b: 2, c: 3 })).toEqual([
      { path: ['b'], code: 'unrecognized_keys', message: 'unknown field "b"', expected: 'no other keys' },
      { path: ['c'], code: 'unrecognized_keys', message: 'unknown field "c"', expected: 'no other keys' },
    ]);
  });

  it('says what each kind of check expected, and what was found', () => {
    const schema = z.object({
      kind: z.enum(['a', 'b']),
      name: z.string().min(2).max(3),
      list: z.array(z.number()).min(1).max(2),
      count: z.number().min(1).max(5),
      n: z.number(),
      mail: z.email(),
    });
    const issues = issuesOf(schema, { kind: 'c', name: 'abcd', list: [], count: 9, n: 'one', mail: 'nope' });
    const byPath = Object.fromEntries(issues.map((i) => [formatPath(i.path), [i.received, i.expected]]));
    expect(byPath).toEqual({
      kind: ['c', 'one of "a", "b"'],
      name: ['abcd', 'at most 3 characters'],
      list: [[], 'at least 1 items'],
      count: [9, 'at most 5'],
      n: ['one', 'number'],
      mail: ['nope', 'email'],
    });
    expect(issuesOf(z.object({ name: z.string().min(2) }), { name: 'a' })[0]?.expected).toBe('at least 2 characters');
    expect(issuesOf(z.object({ list: z.array(z.number()).max(1) }), { list: [1, 2] })[0]?.expected).toBe('at most 1 items');
    expect(issuesOf(z.object({ count: z.number().min(3) }), { count: 1 })[0]?.expected).toBe('at least 3');
    expect(issuesOf(z.object({ at: z.iso.datetime({ offset: true }) }), { at: 'noon' })[0]?.expected).toBe('an ISO 8601 timestamp with an offset, e.g. 2026-03-02T09:00:00+08:00');
    expect(issuesOf(z.object({ n: z.number().multipleOf(2) }), { n: 3 })[0]).not.toHaveProperty('expected');
  });

  it('leaves out what was received for a missing field, and shows a wrong one', () => {
    const schema = z.object({ id: z.string() });
    expect(issuesOf(schema, {})[0]).not.toHaveProperty('received');
    expect(issuesOf(schema, { id: 5 })[0]).toMatchObject({ received: 5, expected: 'string' });
    expect(issuesOf(z.object({ n: z.number().refine((v) => v > 0, 'must be positive') }), { n: -1 })[0]).toEqual({ path: ['n'], code: 'custom', message: 'must be positive', received: -1 });
  });

  it('reports the union branch that came closest: the fewest problems, then the deepest path', () => {
    const union = z.union([z.string(), z.object({ a: z.object({ b: z.number() }), c: z.number() })]);
    expect(issuesOf(z.object({ v: union }), { v: { a: { b: 'x' }, c: 1 } })).toEqual([
      { path: ['v', 'a', 'b'], code: 'invalid_type', message: expect.any(String), received: 'x', expected: 'number' },
    ]);
    const tagged = z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b') })]);
    expect(issuesOf(tagged, { type: 'c' })).toEqual([{ path: ['type'], code: 'invalid_union', message: expect.any(String), received: 'c' }]);
    const deeper = z.union([z.object({ a: z.number() }), z.object({ a: z.object({ b: z.number() }) })]);
    expect(issuesOf(deeper, { a: { b: 'x' } }).map((i) => formatPath(i.path))).toEqual(['a.b']);
  });

  it('prefers a branch that takes the kind of value given, however many problems it finds', () => {
    const value = z.object({ value: z.union([z.string(), z.array(z.string()).max(2)]) });
    expect(issuesOf(value, { value: ['a', 'b', 'c'] })).toEqual([
      { path: ['value'], code: 'too_big', message: expect.any(String), received: ['a', 'b', 'c'], expected: 'at most 2 items' },
    ]);
    expect(issuesOf(value, { value: [5, 6] }).map((i) => [formatPath(i.path), i.code])).toEqual([
      ['value[0]', 'invalid_type'],
      ['value[1]', 'invalid_type'],
    ]);
    expect(issuesOf(value, { value: 5 })).toEqual([{ path: ['value'], code: 'invalid_type', message: expect.any(String), received: 5, expected: 'string' }]);
  });

  it('between branches with as many problems, prefers the one whose deepest problem is deeper', () => {
    const at = (...path: string[]) => ({ code: 'custom', path, message: path.join('.'), input: undefined }) as unknown as z.core.$ZodIssue;
    const union = { code: 'invalid_union', path: ['v'], message: 'no branch', errors: [[at('a'), at('b', 'c', 'd')], [at('e', 'f'), at('g', 'h')]], input: undefined } as unknown as z.core.$ZodIssue;
    expect(fromZodIssues({}, [union]).map((i) => formatPath(i.path))).toEqual(['v.a', 'v.b.c.d']);
    const swapped = { ...union, errors: [[at('e', 'f'), at('g', 'h')], [at('a'), at('b', 'c', 'd')]] } as unknown as z.core.$ZodIssue;
    expect(fromZodIssues({}, [swapped]).map((i) => formatPath(i.path))).toEqual(['v.a', 'v.b.c.d']);
  });

  it('counts a branch as refusing the kind of value when any of its problems is a wrong type at the union itself', () => {
    const at = (...path: string[]) => ({ code: 'custom', path, message: path.join('.'), input: undefined }) as unknown as z.core.$ZodIssue;
    const wrongType = { code: 'invalid_type', expected: 'string', path: [], message: 'wrong type', input: undefined } as unknown as z.core.$ZodIssue;
    // The first branch has the deeper problem, but it also refused the value's type.
    const union = { code: 'invalid_union', path: ['v'], message: 'no branch', errors: [[wrongType, at('a', 'b', 'c')], [at('d'), at('e')]], input: undefined } as unknown as z.core.$ZodIssue;
    expect(fromZodIssues({}, [union]).map((i) => formatPath(i.path))).toEqual(['v.d', 'v.e']);
  });

  it('finds no value under null or inside a string', () => {
    const issue = (...path: string[]) => ({ code: 'invalid_type', expected: 'number', path, message: 'm', input: undefined }) as unknown as z.core.$ZodIssue;
    expect(fromZodIssues({ a: null }, [issue('a', 'b')])[0]).not.toHaveProperty('received');
    expect(fromZodIssues({ a: 'abc' }, [issue('a', 'length')])[0]).not.toHaveProperty('received');
  });

  it('keeps an undefined value as received for any check but a type check', () => {
    const schema = z.object({ a: z.unknown().refine((v) => v !== undefined, 'required') });
    const [issue] = issuesOf(schema, {});
    expect(issue).toHaveProperty('received', undefined);
    expect(formatIssues([issue!], { lang: 'en' })).toBe('a: required (received undefined)');
  });

  it('prefixes paths and reads values through own keys only', () => {
    const parsed = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    if (parsed.success) throw new Error('expected a failure');
    expect(fromZodIssues({ a: { b: 'x' } }, parsed.error.issues, ['plan'])[0]).toMatchObject({ path: ['plan', 'a', 'b'], received: 'x' });
    expect(fromZodIssues(Object.create({ a: { b: 'inherited' } }) as object, parsed.error.issues)[0]).not.toHaveProperty('received');
    expect(fromZodIssues('text', parsed.error.issues)[0]).not.toHaveProperty('received');
  });
});

describe('parseWith', () => {
  const saved = { ...z.config() };
  afterEach(() => {
    z.config({ customError: saved.customError, localeError: saved.localeError });
  });
  const schema = z.object({ id: z.string(), n: z.number().max(3), code: z.string().regex(/^\d+$/, { message: 'digits only' }) }).strict();
  const input = { id: 1, n: 9, code: 'x', extra: true };

  it('gives the data of valid input', () => {
    expect(parseWith(schema, { id: 'a', n: 1, code: '7' })).toEqual({ success: true, data: { id: 'a', n: 1, code: '7' } });
  });

  it('words every issue in English or as the schema says, whatever the global zod configuration', () => {
    const result = parseWith(schema, input);
    if (result.success) throw new Error('expected a failure');
    const ours = result.issues.map((i) => i.message);
    expect(ours).toEqual(['Invalid input: expected string, received number', 'Too big: expected number to be <=3', 'digits only', 'Unrecognized key: "extra"']);
    z.config(z.locales.ja());
    z.config({ customError: () => 'host words' });
    expect(schema.safeParse(input).error?.issues[0]?.message).toBe('host words');
    expect((parseWith(schema, input) as { issues: z.core.$ZodIssue[] }).issues.map((i) => i.message)).toEqual(ours);
    z.config({
      customError: () => {
        throw new Error('host error map');
      },
    });
    expect((parseWith(schema, input) as { issues: z.core.$ZodIssue[] }).issues.map((i) => i.message)).toEqual(ours);
  });

  it('makes no Error, so a frozen Error.prototype does not matter', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Error.prototype, 'name') as PropertyDescriptor;
    Object.defineProperty(Error.prototype, 'name', { ...descriptor, writable: false });
    try {
      expect(() => schema.safeParse(input).error).toThrow(TypeError);
      const result = parseWith(schema, input);
      expect(result.success).toBe(false);
      expect(new PlanError([]).name).toBe('PlanError');
    } finally {
      Object.defineProperty(Error.prototype, 'name', descriptor);
    }
  });
});
