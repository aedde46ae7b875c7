import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { built, lazySchema, once } from './lazy.js';

/** A lazy value over a plain object with one non-configurable property, and how often it was built. */
function counted() {
  const log = { builds: 0 };
  const value = lazySchema(() => {
    log.builds++;
    const object: Record<PropertyKey, unknown> = { a: 1, get self() { return this; } };
    Object.defineProperty(object, 'fixed', { value: 'f', enumerable: false, writable: false, configurable: false });
    return object;
  });
  return { log, value };
}

describe('lazySchema', () => {
  it('builds nothing until first looked at, then once', () => {
    const { log, value } = counted();
    expect(log.builds).toBe(0);
    expect(value.a).toBe(1);
    expect(value.a).toBe(1);
    expect('a' in value).toBe(true);
    expect(log.builds).toBe(1);
  });

  it('builds again on the next look when building threw', () => {
    let calls = 0;
    const value = lazySchema<{ ok: boolean }>(() => {
      if (++calls === 1) throw new Error('not yet');
      return { ok: true };
    });
    expect(() => value.ok).toThrow('not yet');
    expect(value.ok).toBe(true);
  });

  it('forwards reads, writes, has, keys, descriptors, definitions and deletions to the built value', () => {
    const { value } = counted();
    const inner = built(value);
    expect(inner).not.toBe(value);
    expect(value.self).toBe(inner);
    value.b = 2;
    expect(inner.b).toBe(2);
    expect('b' in value && !('c' in value)).toBe(true);
    expect(Reflect.ownKeys(value)).toEqual(['a', 'self', 'fixed', 'b']);
    expect(Object.keys(value)).toEqual(['a', 'self', 'b']);
    // A non-configurable property: reported as it is (the Proxy's invariants hold).
    expect(Object.getOwnPropertyDescriptor(value, 'fixed')).toEqual({ value: 'f', enumerable: false, writable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(value, 'a')).toEqual({ value: 1, enumerable: true, writable: true, configurable: true });
    expect(Object.getOwnPropertyDescriptor(value, 'missing')).toBeUndefined();
    Object.defineProperty(value, 'pinned', { value: 3, configurable: false });
    expect(inner.pinned).toBe(3);
    expect(Object.getOwnPropertyDescriptor(value, 'pinned')?.configurable).toBe(false);
    Object.defineProperty(value, 'loose', { value: 4, configurable: true });
    expect(inner.loose).toBe(4);
    expect(delete value.loose).toBe(true);
    expect('loose' in inner).toBe(false);
    expect(Reflect.deleteProperty(value, 'fixed')).toBe(false);
    expect(value.fixed).toBe('f');
    expect(Reflect.defineProperty(value, 'fixed', { value: 'other' })).toBe(false);
  });

  it('passes another receiver on: an object whose prototype is the lazy value', () => {
    const { value } = counted();
    const child = Object.create(value) as Record<string, unknown>;
    expect(child.self).toBe(child);
    child.own = 5;
    expect(Object.keys(child)).toEqual(['own']);
    expect(built(value).own).toBeUndefined();
  });

  it('forwards prototypes: instanceof and setPrototypeOf', () => {
    class Shape {}
    const value = lazySchema(() => new Shape());
    expect(value instanceof Shape).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Shape.prototype);
    const other = { kind: 'other' };
    expect(Reflect.setPrototypeOf(value, other)).toBe(true);
    expect(Object.getPrototypeOf(built(value))).toBe(other);
    expect((value as { kind?: string }).kind).toBe('other');
  });

  it('can be frozen as the built value can, and stays consistent afterwards', () => {
    const { value } = counted();
    expect(Object.isExtensible(value)).toBe(true);
    Object.freeze(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(built(value))).toBe(true);
    expect(Object.isExtensible(value)).toBe(false);
    expect(Reflect.ownKeys(value)).toEqual(['a', 'self', 'fixed']);
    expect(Object.getOwnPropertyDescriptor(value, 'a')).toEqual({ value: 1, enumerable: true, writable: false, configurable: false });
    expect(Object.getOwnPropertyDescriptor(value, 'missing')).toBeUndefined();
    expect(Reflect.set(value, 'a', 2)).toBe(false);
    expect(Reflect.defineProperty(value, 'added', { value: 1 })).toBe(false);
    expect(Reflect.setPrototypeOf(value, null)).toBe(false);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Reflect.deleteProperty(value, 'a')).toBe(false);
  });

  it('keeps a value that cannot be extended but is not frozen consistent: changes and deletions of its properties', () => {
    const { value } = counted();
    expect(Reflect.preventExtensions(value)).toBe(true);
    expect(Object.isExtensible(value)).toBe(false);
    expect(Reflect.defineProperty(value, 'a', { value: 10 })).toBe(true);
    expect(Object.getOwnPropertyDescriptor(value, 'a')).toEqual({ value: 10, enumerable: true, writable: true, configurable: true });
    expect(delete value.a).toBe(true);
    expect(Reflect.ownKeys(value)).toEqual(['self', 'fixed']);
    expect(Object.getOwnPropertyDescriptor(value, 'a')).toBeUndefined();
    expect('a' in value).toBe(false);
  });

  it('notices a built value made non-extensible behind it', () => {
    const { value } = counted();
    Object.preventExtensions(built(value));
    expect(Object.isExtensible(value)).toBe(false);
    expect(Reflect.ownKeys(value)).toEqual(['a', 'self', 'fixed']);
  });
});

describe('built', () => {
  it('gives the built value of a lazy one, the same each time, and any other value as it is', () => {
    const { log, value } = counted();
    expect(built(value)).toBe(built(value));
    expect(log.builds).toBe(1);
    const plain = { a: 1 };
    expect(built(plain)).toBe(plain);
    const schema = z.string();
    expect(built(schema)).toBe(schema);
  });

  it('hands over the zod schema itself, which parses as the lazy one does', () => {
    const lazy = lazySchema(() => z.object({ n: z.number() }).strict());
    const inner = built(lazy);
    expect(inner).toBeInstanceOf(z.ZodObject);
    expect(inner.parse({ n: 1 })).toEqual(lazy.parse({ n: 1 }));
    expect(inner.safeParse({ n: 'x' }).error?.issues).toEqual(lazy.safeParse({ n: 'x' }).error?.issues);
  });
});

describe('once', () => {
  it('builds on the first call only', () => {
    let calls = 0;
    const get = once(() => ({ n: ++calls }));
    expect(calls).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(calls).toBe(1);
  });
});
