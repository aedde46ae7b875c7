/** A copy of a bundled file, frozen: what a per-plan entry ('yuqing-playbook/plans/<id>') exports, never shared with '.'. */
export function frozenFile(file: unknown): object {
  return freeze(structuredClone(file)) as object;
}

function freeze(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
