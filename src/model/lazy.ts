/** The key under which a lazy schema hands out the schema it built (`built`): known to this module only. */
const BUILT = Symbol('built');

/**
 * A value built on first use (issue 15: no zod schema is built at import): a Proxy that builds it when
 * anything first looks at it and then forwards every operation to it, so that it behaves as the built
 * value does (`.parse`, `.shape`, `.extend`, `instanceof`, use inside another schema, `z.toJSONSchema`).
 * The Proxy's own target is an empty stand-in, kept in step wherever a Proxy's invariants require it
 * (non-configurable properties, a non-extensible object), so that no operation throws where the built
 * value's would not.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let value: T | undefined;
  const real = (): T => (value ??= build());
  const shell = {};
  /** Copies the built value's descriptor of `key` onto the stand-in, or removes it there when the built value has none. */
  const mirror = (key: PropertyKey): void => {
    const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
    if (descriptor) Reflect.defineProperty(shell, key, descriptor);
    else Reflect.deleteProperty(shell, key);
  };
  /** Once the built value cannot be extended, the stand-in becomes its copy: same prototype, same properties, not extensible. */
  const seal = (): void => {
    if (Reflect.isExtensible(real()) || !Reflect.isExtensible(shell)) return;
    Reflect.setPrototypeOf(shell, Reflect.getPrototypeOf(real()));
    for (const key of Reflect.ownKeys(real())) mirror(key);
    Reflect.preventExtensions(shell);
  };
  const self = (receiver: unknown): unknown => (receiver === proxy ? real() : receiver);
  const proxy = new Proxy<T>(shell as T, {
    get: (_, key, receiver) => (key === BUILT ? real() : Reflect.get(real(), key, self(receiver))),
    set: (_, key, item, receiver) => Reflect.set(real(), key, item, self(receiver)),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => {
      seal();
      return Reflect.ownKeys(real());
    },
    getOwnPropertyDescriptor: (_, key) => {
      seal();
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      if (descriptor?.configurable === false || !Reflect.isExtensible(shell)) mirror(key);
      return descriptor;
    },
    defineProperty: (_, key, descriptor) => {
      const done = Reflect.defineProperty(real(), key, descriptor);
      if (done && (!Reflect.getOwnPropertyDescriptor(real(), key)!.configurable || !Reflect.isExtensible(shell))) mirror(key);
      return done;
    },
    deleteProperty: (_, key) => {
      const done = Reflect.deleteProperty(real(), key);
      if (done) Reflect.deleteProperty(shell, key);
      return done;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    setPrototypeOf: (_, prototype) => Reflect.setPrototypeOf(real(), prototype) && Reflect.setPrototypeOf(shell, prototype),
    isExtensible: () => {
      seal();
      return Reflect.isExtensible(shell);
    },
    preventExtensions: () => {
      Reflect.preventExtensions(real());
      seal();
      return true;
    },
  });
  return proxy;
}

/** A function that builds its value on the first call and returns that value ever after (the schemas of a module, built together). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** The schema a lazy schema stands for, built now (internal code parses with it directly, without the Proxy's hop); any other value as it is. */
export function built<T>(schema: T): T {
  const inner = (schema as { [BUILT]?: T })[BUILT];
  return inner ?? schema;
}
