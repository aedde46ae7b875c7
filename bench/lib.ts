// The one place the bench gets the code it times: the BUILT package, as hosts run it, never src through
// tsx. tsx transforms src with esbuild's keepNames, which wraps every named closure in `__name(…)` each
// time it is created: src through tsx is about 25 % slower than the build, and no host runs it.
// - `lib`, `testing`: dist/index.js and dist/testing.js, built first (npm run build) when missing or
//   older than src/, rules/ or tsup.config.ts, or always with BENCH_BUILD=1. BENCH_LIB=/abs/index.js
//   times another build instead (e.g. one made by `tsup` into /tmp while dist/ is someone else's; its
//   folder's testing.js, and index.cjs and cli.js when present, are used with it): nothing is built.
// - `internals`: bench/internals.ts (the hand-written references and the stages of decide()), bundled
//   with the options of tsup.config.ts into node_modules/.cache/yuqing-bench/ when older than src/ or
//   than those bench files (never into a folder a build cleans).
// Both paths are passed on to child processes (BENCH_LIB, BENCH_INTERNALS), so that a change to src/
// during a run rebuilds nothing halfway.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of the files under some paths, ms. */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const path of paths) visit(path);
  return latest;
}

/** What the build of the package is made from. */
const SOURCES = ['src', 'rules', 'tsup.config.ts', 'package.json'].map((p) => join(root, p));
const DIST_FILES = ['index.js', 'index.cjs', 'testing.js', 'testing.cjs', 'cli.js'].map((f) => join(root, 'dist', f));

/** Builds dist/ (npm run build) when it is missing or older than its sources, or when BENCH_BUILD=1; true when it built. */
export function ensureBuilt(): boolean {
  const missing = DIST_FILES.some((f) => !existsSync(f));
  const stale = !missing && Math.min(...DIST_FILES.map((f) => statSync(f).mtimeMs)) < newest(SOURCES);
  if (!missing && !stale && process.env.BENCH_BUILD !== '1') return false;
  console.log(`bench: building dist/ (${missing ? 'missing' : stale ? 'older than src/' : 'BENCH_BUILD=1'}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error('npm run build failed');
  return true;
}

/** Bundles bench/internals.ts as dist is built, when the bundle is older than what it is made of. */
async function ensureInternals(): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', 'yuqing-bench');
  const file = join(dir, 'internals.js');
  const stamp = join(dir, 'built');
  const here = join(root, 'bench');
  const made = newest([...SOURCES, ...['internals.ts', 'hrss-fast.ts', 'hrss-handwritten.ts', 'lib.ts'].map((f) => join(here, f))]);
  if (existsSync(stamp) && existsSync(file) && statSync(stamp).mtimeMs >= made && process.env.BENCH_BUILD !== '1') return file;
  const { build } = await import('tsup');
  const config = (await import('../tsup.config.js')).default as unknown as Record<string, unknown>[];
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({ ...config[0], config: false, entry: { internals: join(here, 'internals.ts') }, format: ['esm'], dts: false, sourcemap: false, clean: false, outDir: tmp, silent: true });
  writeFileSync(join(tmp, 'built'), '');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return file;
}

let built = false;
if (!process.env.BENCH_LIB) {
  built = ensureBuilt();
  process.env.BENCH_LIB = join(root, 'dist', 'index.js');
}
/** The timed build's index.js and its folder. */
export const libPath = resolve(process.env.BENCH_LIB);
export const libDir = dirname(libPath);
/** True when this process built dist/ first. */
export const builtNow = built;

/** The timed build of the package's main entry. */
export const lib = (await import(pathToFileURL(libPath).href)) as typeof import('../src/index.js');
export type { Plan } from '../src/index.js';

/** The timed build of yuqing-playbook/testing (imported on demand: a fresh process that needs only `lib` stays as hosts have it). */
export async function loadTesting(): Promise<typeof import('../src/testing/index.js')> {
  return (await import(pathToFileURL(join(libDir, 'testing.js')).href)) as typeof import('../src/testing/index.js');
}

/** bench/internals.ts, bundled (built first when needed); its hand-written references load the hrss plan on import. */
export async function loadInternals(): Promise<typeof import('./internals.js')> {
  process.env.BENCH_INTERNALS ??= await ensureInternals();
  return (await import(pathToFileURL(process.env.BENCH_INTERNALS).href)) as typeof import('./internals.js');
}
