// What a page carries of the library: each case bundled from dist/ (`npm run build` first) by esbuild for
// browsers (ESM, minified, tree-shaken), its size and its size gzipped. Used by `npm run bench:doc`
// (docs/performance.md, "Browser bundle") and test/browser-bundle.test.ts. A Node-only import fails the build.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

/** The ES version the sizes are measured for, and docs/browser.md states. */
export const BROWSER_TARGET = 'es2022';

export interface BundleCase {
  /** What the page imports, in words. */
  name: string;
  /** The page's module: imports from dist/ (relative to the repository). */
  code: string;
}

export interface BundleSize extends BundleCase {
  bytes: number;
  gzipBytes: number;
  /** Every file bundled, relative to the repository. */
  inputs: string[];
}

/** The per-plan entries built (dist/plans/<id>.js), by id. */
export function planEntries(root: string): string[] {
  return readdirSync(join(root, 'dist', 'plans'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** The cases measured: the whole library, a page with one plan, the core alone, each plan module. */
export function bundleCases(root: string): BundleCase[] {
  return [
    { name: "'.' whole (every export)", code: "export * from './dist/index.js';" },
    { name: "decide + loadPlan from '.' (the seven plans come along)", code: "export { decide, loadPlan } from './dist/index.js';" },
    { name: "decide + loadPlan from 'yuqing-playbook/core' + plans/hrss", code: "export { decide, loadPlan } from './dist/core.js';\nexport { default as hrss } from './dist/plans/hrss.js';" },
    { name: "'yuqing-playbook/core' whole (every export)", code: "export * from './dist/core.js';" },
    { name: "'yuqing-playbook/testing' whole", code: "export * from './dist/testing.js';" },
    ...planEntries(root).map((id) => ({ name: `'yuqing-playbook/plans/${id}'`, code: `export { default } from './dist/plans/${id}.js';` })),
  ];
}

/** One case bundled for browsers; throws (esbuild's errors) when it imports what a browser lacks, such as `node:util`. */
export async function bundleFor(root: string, code: string): Promise<{ text: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: 'page.js', loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: BROWSER_TARGET,
    minify: true,
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** Every case, measured. */
export async function measureBundles(root: string): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const c of bundleCases(root)) {
    const { text, metafile } = await bundleFor(root, c.code);
    const bytes = Buffer.from(text);
    sizes.push({ ...c, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, inputs: Object.keys(metafile.inputs) });
  }
  return sizes;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** The table of docs/performance.md, "Browser bundle". */
export function bundleTable(sizes: readonly BundleSize[]): string[] {
  return [
    `| what the page imports | minified | minified + gzip |`,
    '|---|---:|---:|',
    ...sizes.map((s) => `| ${s.name} | ${kib(s.bytes)} | ${kib(s.gzipBytes)} |`),
  ];
}
