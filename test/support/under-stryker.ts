import fc from 'fast-check';

/** True in a Stryker worker, where every mutant reruns the tests that cover it. */
export const underStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined;

// Under Stryker, a fixed seed keeps results repeatable from mutant to mutant.
if (underStryker) fc.configureGlobal({ seed: 7 });

/** How many runs a property gets: all of them normally, a tenth (at least 20) under Stryker. */
export const runs = (n: number): number => (underStryker ? Math.max(20, Math.round(n / 10)) : n);
