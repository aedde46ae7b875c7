// A small timing harness: warm-up, calibrated batches, several samples, median.
import { performance } from 'node:perf_hooks';

export interface Result {
  name: string;
  /**
   * Median CPU time (user + system, process.cpuUsage) of one operation, in microseconds: the figure the
   * tables use. On a shared machine the wall clock also counts the time other processes had the core.
   */
  medianUs: number;
  /** Median wall-clock time of one operation, µs. */
  wallUs: number;
  minUs: number;
  maxUs: number;
  opsPerSec: number;
  samples: number;
  /** Operations per sample. */
  batch: number;
}

export interface Options {
  /** Time spent warming up (JIT) before measuring, ms. */
  warmupMs?: number;
  /** Target duration of one sample, ms. */
  sampleMs?: number;
  samples?: number;
}

/** The defaults, overridable with BENCH_SCALE (e.g. 0.3 for a quicker, noisier run). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

let sink: unknown;
/** Keeps results alive so the optimiser cannot drop the work. */
export function consume(value: unknown): void {
  sink = value;
}
export function sinkValue(): unknown {
  return sink;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summarise(name: string, perOpUs: number[], wallUs: number[], batch: number): Result {
  const med = median(perOpUs);
  return { name, medianUs: med, wallUs: median(wallUs), minUs: Math.min(...perOpUs), maxUs: Math.max(...perOpUs), opsPerSec: 1e6 / med, samples: perOpUs.length, batch };
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Warm-up time, sample time and sample count of a measurement. */
function settingsOf(options: Options): { warmupMs: number; sampleMs: number; samples: number } {
  return { warmupMs: (options.warmupMs ?? 150) * SCALE, sampleMs: (options.sampleMs ?? 60) * SCALE, samples: options.samples ?? 7 };
}

/** Calls per sample, so that one sample lasts about `sampleMs`. */
function batchOf(perCallMs: number, sampleMs: number): number {
  return Math.max(1, Math.round(sampleMs / Math.max(perCallMs, 1e-6)));
}

/** Measures a synchronous operation (kept apart from benchAsync so that no await is timed). */
export function bench(name: string, fn: () => unknown, options: Options = {}): Result {
  const { warmupMs, sampleMs, samples } = settingsOf(options);
  // Warm up, and learn roughly how long one call takes.
  let calls = 0;
  const start = performance.now();
  do {
    consume(fn());
    calls++;
  } while (performance.now() - start < warmupMs);
  const perCall = (performance.now() - start) / calls;
  const batch = batchOf(perCall, sampleMs);
  const perOpUs: number[] = [];
  const wallUs: number[] = [];
  for (let s = 0; s < samples; s++) {
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) consume(fn());
    const t1 = process.hrtime.bigint();
    perOpUs.push((cpuNow() - c0) / batch);
    wallUs.push(Number(t1 - t0) / 1000 / batch);
  }
  return summarise(name, perOpUs, wallUs, batch);
}

/** Measures an asynchronous operation, awaited one at a time (as a caller deciding one incident would). */
export async function benchAsync(name: string, fn: () => Promise<unknown>, options: Options = {}): Promise<Result> {
  const { warmupMs, sampleMs, samples } = settingsOf(options);
  let calls = 0;
  const start = performance.now();
  do {
    consume(await fn());
    calls++;
  } while (performance.now() - start < warmupMs);
  const perCall = (performance.now() - start) / calls;
  const batch = batchOf(perCall, sampleMs);
  const perOpUs: number[] = [];
  const wallUs: number[] = [];
  for (let s = 0; s < samples; s++) {
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) consume(await fn());
    const t1 = process.hrtime.bigint();
    perOpUs.push((cpuNow() - c0) / batch);
    wallUs.push(Number(t1 - t0) / 1000 / batch);
  }
  return summarise(name, perOpUs, wallUs, batch);
}

/** Times single cold calls (no warm-up): each sample is one call, e.g. of a fresh loadPlan. */
export function benchOnce(name: string, fn: () => unknown, samples = 7): Result {
  const perOpUs: number[] = [];
  const wallUs: number[] = [];
  for (let s = 0; s < samples; s++) {
    const c0 = cpuNow();
    const t0 = process.hrtime.bigint();
    consume(fn());
    wallUs.push(Number(process.hrtime.bigint() - t0) / 1000);
    perOpUs.push(cpuNow() - c0);
  }
  return summarise(name, perOpUs, wallUs, 1);
}

/** A duration in µs, readable: 1.23 µs, 456 µs, 7.89 ms. */
export function fmtUs(us: number): string {
  if (us < 10) return `${us.toFixed(2)} µs`;
  if (us < 1000) return `${us.toFixed(1)} µs`;
  if (us < 1e6) return `${(us / 1000).toFixed(2)} ms`;
  return `${(us / 1e6).toFixed(2)} s`;
}

export function fmtOps(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)} M/s`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(1)} k/s`;
  return `${ops.toFixed(1)} /s`;
}

export function fmtBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  if (b >= 1 << 20) return `${sign}${(b / (1 << 20)).toFixed(1)} MiB`;
  if (b >= 1 << 10) return `${sign}${(b / (1 << 10)).toFixed(1)} KiB`;
  return `${sign}${b} B`;
}

/**
 * Measures two synchronous operations with their samples interleaved (A, B, A, B, …), so that load from
 * other processes on a shared machine falls on both alike: for ratios.
 */
export function benchPair(nameA: string, fnA: () => unknown, nameB: string, fnB: () => unknown, options: Options = {}): [Result, Result, number] {
  const { results, ratios } = benchInterleaved([{ name: nameA, fn: fnA }, { name: nameB, fn: fnB }], options);
  return [results[0] as Result, results[1] as Result, ratios[1] as number];
}

/**
 * Measures several synchronous operations with their samples interleaved (A, B, C, A, B, C, …), so that
 * load from other processes falls on all alike. Returns each result and, for each, the median of its
 * sample-by-sample CPU ratio to the first operation (1 for the first).
 */
export function benchInterleaved(ops: { name: string; fn: () => unknown }[], options: Options = {}): { results: Result[]; ratios: number[] } {
  const warmupMs = (options.warmupMs ?? 150) * SCALE;
  const sampleMs = (options.sampleMs ?? 60) * SCALE;
  const samples = options.samples ?? 9;
  const batches = ops.map(({ fn }) => {
    let calls = 0;
    const start = performance.now();
    do {
      consume(fn());
      calls++;
    } while (performance.now() - start < warmupMs);
    return Math.max(1, Math.round(sampleMs / Math.max((performance.now() - start) / calls, 1e-6)));
  });
  const cpu: number[][] = ops.map(() => []);
  const wall: number[][] = ops.map(() => []);
  for (let s = 0; s < samples; s++) {
    ops.forEach(({ fn }, k) => {
      const batch = batches[k] as number;
      const c0 = cpuNow();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) consume(fn());
      const t1 = process.hrtime.bigint();
      (cpu[k] as number[]).push((cpuNow() - c0) / batch);
      (wall[k] as number[]).push(Number(t1 - t0) / 1000 / batch);
    });
  }
  const first = cpu[0] as number[];
  return {
    results: ops.map(({ name }, k) => summarise(name, cpu[k] as number[], wall[k] as number[], batches[k] as number)),
    ratios: ops.map((_, k) => median(first.map((a, i) => a / ((cpu[k] as number[])[i] as number)))),
  };
}

/** The median of some numbers. */
export function medianOf(values: number[]): number {
  return median(values);
}
