// Whole-process timers (issue 15): each figure is the median over fresh `node` processes, so module
// loading, zod's schema building and the first JIT are all counted as a host meets them.
// - import: the wall time of a process that imports the built package (dist/index.js, dist/index.cjs),
//   minus that of a process that does nothing (`node -e 0`); also the time of the import itself, read
//   inside the process;
// - first loadPlan('hrss') in a fresh process, read inside it (the package already imported);
// - the CLI's start: `node dist/cli.js --version`, minus `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { medianOf } from './harness.js';

export interface Startup {
  runs: number;
  baselineMs: number;
  /** The timed build's index.js (dist/index.js unless BENCH_LIB names another). */
  lib: string;
  esm: { processMs: number; importMs: number; inProcessMs: number };
  /** null when the build has no index.cjs (a BENCH_LIB build of ESM only). */
  cjs: { processMs: number; importMs: number; inProcessMs: number } | null;
  firstLoadPlanMs: number;
  /** null when the build has no cli.js. */
  cli: { processMs: number; startMs: number } | null;
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

/**
 * The start-up figures of the build whose index.js is `libPath` (bench/lib.ts builds dist/ first when it
 * is stale), `runs` fresh processes each (runs interleaved, so that load falls on all alike); `built`
 * says whether this run built it.
 */
export function measureStartup(libPath: string, runs: number, built: boolean): Startup {
  const esmUrl = pathToFileURL(libPath).href;
  const cjsPath = join(dirname(libPath), 'index.cjs');
  const cli = join(dirname(libPath), 'cli.js');
  const hasCjs = existsSync(cjsPath);
  const hasCli = existsSync(cli);
  const timeImport = `const t = process.hrtime.bigint(); await import(${JSON.stringify(esmUrl)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const timeRequire = `const t = process.hrtime.bigint(); require(${JSON.stringify(cjsPath)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const timeLoad = `const m = await import(${JSON.stringify(esmUrl)}); const t = process.hrtime.bigint(); m.loadPlan('hrss'); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const s = { base: [] as number[], esm: [] as number[], esmIn: [] as number[], cjs: [] as number[], cjsIn: [] as number[], load: [] as number[], cli: [] as number[] };
  // One unmeasured round first: the file system cache.
  for (let i = 0; i <= runs; i++) {
    const base = run(['-e', '0']);
    const esm = run(['--input-type=module', '-e', timeImport]);
    const cjs = hasCjs ? run(['-e', timeRequire]) : null;
    const load = run(['--input-type=module', '-e', timeLoad]);
    const version = hasCli ? run([cli, '--version']) : null;
    if (i === 0) continue;
    s.base.push(base.ms);
    s.esm.push(esm.ms);
    s.esmIn.push(Number(esm.out));
    if (cjs) {
      s.cjs.push(cjs.ms);
      s.cjsIn.push(Number(cjs.out));
    }
    s.load.push(Number(load.out));
    if (version) s.cli.push(version.ms);
  }
  const baselineMs = medianOf(s.base);
  const esmMs = medianOf(s.esm);
  return {
    runs,
    baselineMs,
    lib: libPath,
    esm: { processMs: esmMs, importMs: esmMs - baselineMs, inProcessMs: medianOf(s.esmIn) },
    cjs: hasCjs ? { processMs: medianOf(s.cjs), importMs: medianOf(s.cjs) - baselineMs, inProcessMs: medianOf(s.cjsIn) } : null,
    firstLoadPlanMs: medianOf(s.load),
    cli: hasCli ? { processMs: medianOf(s.cli), startMs: medianOf(s.cli) - baselineMs } : null,
    built,
  };
}
