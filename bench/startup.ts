// Whole-process timers (issue 15): each figure is the median over fresh `node` processes, so module
// loading, zod's schema building and the first JIT are all counted as a host meets them.
// - import: the wall time of a process that imports the built package (dist/index.js, dist/index.cjs),
//   minus that of a process that does nothing (`node -e 0`); also the time of the import itself, read
//   inside the process;
// - first loadPlan('hrss') in a fresh process, read inside it (the package already imported);
// - the CLI's start: `node dist/cli.js --version`, minus `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { medianOf } from './harness.js';

export interface Startup {
  runs: number;
  baselineMs: number;
  esm: { processMs: number; importMs: number; inProcessMs: number };
  cjs: { processMs: number; importMs: number; inProcessMs: number };
  firstLoadPlanMs: number;
  cli: { processMs: number; startMs: number };
  built: boolean;
}

/** Wall time of one child process, ms, and what it printed. */
function run(args: string[]): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return { ms, out: child.stdout.trim() };
}

/** Builds dist/ when it is missing (or when BENCH_BUILD=1). */
export function ensureBuilt(root: string): boolean {
  if (existsSync(join(root, 'dist', 'index.js')) && existsSync(join(root, 'dist', 'index.cjs')) && existsSync(join(root, 'dist', 'cli.js')) && process.env.BENCH_BUILD !== '1') return false;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (child.status !== 0) throw new Error('npm run build failed');
  return true;
}

/** The start-up figures, `runs` fresh processes each (runs interleaved, so that load falls on all alike). */
export function measureStartup(root: string, runs: number): Startup {
  const built = ensureBuilt(root);
  const esmUrl = pathToFileURL(join(root, 'dist', 'index.js')).href;
  const cjsPath = join(root, 'dist', 'index.cjs');
  const cli = join(root, 'dist', 'cli.js');
  const timeImport = `const t = process.hrtime.bigint(); await import(${JSON.stringify(esmUrl)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const timeRequire = `const t = process.hrtime.bigint(); require(${JSON.stringify(cjsPath)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const timeLoad = `const m = await import(${JSON.stringify(esmUrl)}); const t = process.hrtime.bigint(); m.loadPlan('hrss'); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const s = { base: [] as number[], esm: [] as number[], esmIn: [] as number[], cjs: [] as number[], cjsIn: [] as number[], load: [] as number[], cli: [] as number[] };
  // One unmeasured round first: the file system cache.
  for (let i = 0; i <= runs; i++) {
    const base = run(['-e', '0']);
    const esm = run(['--input-type=module', '-e', timeImport]);
    const cjs = run(['-e', timeRequire]);
    const load = run(['--input-type=module', '-e', timeLoad]);
    const version = run([cli, '--version']);
    if (i === 0) continue;
    s.base.push(base.ms);
    s.esm.push(esm.ms);
    s.esmIn.push(Number(esm.out));
    s.cjs.push(cjs.ms);
    s.cjsIn.push(Number(cjs.out));
    s.load.push(Number(load.out));
    s.cli.push(version.ms);
  }
  const baselineMs = medianOf(s.base);
  const esmMs = medianOf(s.esm);
  const cjsMs = medianOf(s.cjs);
  const cliMs = medianOf(s.cli);
  return {
    runs,
    baselineMs,
    esm: { processMs: esmMs, importMs: esmMs - baselineMs, inProcessMs: medianOf(s.esmIn) },
    cjs: { processMs: cjsMs, importMs: cjsMs - baselineMs, inProcessMs: medianOf(s.cjsIn) },
    firstLoadPlanMs: medianOf(s.load),
    cli: { processMs: cliMs, startMs: cliMs - baselineMs },
    built,
  };
}
