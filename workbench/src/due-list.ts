// The due times of several duties to one recipient, each written once (pure).

/** Each distinct due text once, the earliest deadline first (duties without a dated deadline after, in their order). */
export function distinctDue<T extends { dueAt: string | null }>(items: readonly T[], text: (item: T) => string): string[] {
  const at = (item: T): number => {
    const ms = item.dueAt === null ? NaN : Date.parse(item.dueAt);
    return Number.isNaN(ms) ? Infinity : ms;
  };
  const sorted = items.map((item, i) => ({ item, i, ms: at(item) })).sort((a, b) => a.ms - b.ms || a.i - b.i);
  return [...new Set(sorted.map(({ item }) => text(item)))];
}
