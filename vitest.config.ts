import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig } from 'vitest/config';

// Under Stryker (`npm run mutation`) each mutant reruns the tests that cover it: leave out the
// exhaustive json-rules-engine conformance sweep (minutes per run; it checks the engine, not the
// rules), the tests of the built package (dist/ is not rebuilt per mutant) and the command line's
// tests (src/cli/ is not mutated, and they rerun whole scenario suites through it).
const underStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined;

// Under Stryker, files that kill many mutants per second run first, so a killed mutant stops early.
const STRYKER_ORDER = ['test/rules', 'src/', 'test/ledger', 'test/decision-details', 'test/audit-schedule', 'test/render', 'test/testing-toolkit', 'test/decide', 'test/plan', 'test/security', 'test/timeline', 'test/types', 'test/docs', 'test/fuzz', 'test/testing'];
class CheapFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const i = STRYKER_ORDER.findIndex((prefix) => file.moduleId.includes(`/${prefix}`));
      return i === -1 ? STRYKER_ORDER.length : i;
    };
    return Promise.resolve([...files].sort((a, b) => rank(a) - rank(b)));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      ...configDefaults.exclude,
      'dist/**',
      'coverage/**',
      'reports/**',
      '.stryker-tmp/**',
      // The browser tests drive the built workbench: `npm run test:e2e` (vitest.e2e.config.ts).
      'test/e2e/**',
      ...(underStryker ? ['test/conformance.test.ts', 'test/package.test.ts', 'test/cli.test.ts', 'test/hardening-cli.test.ts'] : []),
    ],
    // Under Stryker, test files share imported modules (src/ keeps no state between calls): imports cost 4× less.
    ...(underStryker ? { isolate: false, sequence: { sequencer: CheapFirst } } : {}),
    // Property tests on a busy CI machine, or instrumented by Stryker, run several times slower than 5 s allows.
    testTimeout: underStryker ? 60_000 : 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The workbench page (workbench/) is tested in a real browser (npm run test:e2e), its pure modules by unit tests; the thresholds are the library's.
      exclude: ['src/cli/**', 'src/**/*.test.ts', 'test/**', 'workbench/**'],
      reporter: ['text-summary', 'text', 'json-summary'],
      reportsDirectory: 'coverage',
      // Below what the suite measured (2026-11-23: statements 99.52, branches 97.55, functions 99.51,
      // lines 99.75); the fuzz tests draw new inputs each run, so leave a little room. Raise as tests grow.
      thresholds: {
        statements: 99.5,
        branches: 98,
        functions: 99,
        lines: 99.5,
      },
    },
  },
});
