import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the browser tests. They drive the built workbench (workbench/dist, which the script
// builds first) in headless Chromium (playwright-core; no browser download: CHROMIUM or /usr/bin/chromium).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // One browser at a time: the files share the machine with nothing else of theirs.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
