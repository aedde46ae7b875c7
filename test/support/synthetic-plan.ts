// Parts of the small synthetic plans the tests build: seed-000 bases, levels, conditions and times.

/** A basis citing the test itself (seed 000 is no plan). */
export const basisOf = (clause: string) => ({ seed: '000', clause });

/** A level named after its id, with the given basis. */
export const level = (id: string, rank: number, basis: { seed: string; clause: string }) => ({ id, rank, name: `${id} 级`, nameEn: `level ${id}`, basis });

/** An `equal` test of one fact. */
export const equal = (fact: string, value: string | boolean) => ({ fact, operator: 'equal' as const, value });

/** Holds when the attention indicator has this value. */
export const attention = (value: string) => ({ all: [equal('attention', value)] });

/** Holds when this flag is set. */
export const flag = (name: string) => ({ all: [equal(name, true)] });

/** A time of day on 2026-03-02 in +08:00 ("09:30", or "09:30:15" with seconds). */
export const at = (time: string) => `2026-03-02T${time.length === 5 ? `${time}:00` : time}+08:00`;

/** The office, the leading group and the monitoring group. */
export const ROLES = [
  { id: 'office', name: '办公室' },
  { id: 'leading-group', name: '领导小组' },
  { id: 'monitor', name: '监测组' },
];
