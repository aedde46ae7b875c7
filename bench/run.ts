// npm run bench: the performance figures of issues 6 and 15, printed as tables and written to
// bench/results.json (docs/performance.md is regenerated from it by `npm run bench:doc`). Re-executes
// itself under --expose-gc for the memory figures.
//
// What is timed: the BUILT package, as hosts run it (bench/lib.ts): dist/index.js and dist/testing.js,
// built first (npm run build) when missing or older than src/, rules/ or tsup.config.ts; the
// hand-written references and the stages of decide() bundled the same way (bench/internals.ts). Never src
// through tsx, whose keepNames transform makes src about 25 % slower than the build; one informational
// line of section 3 shows decide() from src through tsx against the fast reference, so that nobody is
// fooled either way.
//
// Environment:
// - BENCH_ONLY=name,… runs only the named sections (the equality checks of section 0 always run; the
//   targets of sections not run print "n/a"): load (1), plans (2), hrss (3: decide against the
//   references, the stages), classify (4, json-rules-engine), events (5 and 8: growth in events, the
//   hostile shapes up to BENCH_EVENTS), rules (6, 6b), many (7: decideMany), tools (verify and mutate),
//   dag (9), plan-size (10), working-days (11), memory (12: one operation per fresh process), startup (13).
//   E.g. BENCH_ONLY=events,many npm run bench for target 4 of issue 15 at full scale.
// - BENCH_LIB=/abs/path/index.js times that build instead of dist/ (nothing is built; its folder's
//   testing.js, and index.cjs and cli.js when present, go with it); BENCH_BUILD=1 rebuilds dist/ and the
//   bundled internals even when they look fresh.
// - BENCH_SCALE (default 1) scales warm-up and sample durations; BENCH_MANY (default 1000000) is the
//   number of incidents decideMany decides; BENCH_EVENTS (default 12500,25000,50000,100000) the sizes of
//   the hostile incidents; BENCH_CASES (default 4000) the size of the incident set the fast hrss reference
//   is checked and timed on; BENCH_RUNS (default 7) the fresh processes per start-up figure.
// - BENCH_QUICK=1 is a quick run (BENCH_SCALE 0.05, BENCH_MANY 20000, BENCH_EVENTS 1000,2000 unless set);
//   BENCH_SMOKE=1 (npm run bench:smoke, run in CI) a smaller one still (fewer sizes, fewer processes).
//   Neither has thresholds: they fail only when something crashes or a reference differs from decide().
//   Both print their figures without writing bench/results.json unless BENCH_OUT names a file; so does a
//   run with BENCH_ONLY or BENCH_LIB.
import { spawnSync } from 'node:child_process';
import { deepStrictEqual } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const SMOKE = process.env.BENCH_SMOKE === '1';
const QUICK = SMOKE || process.env.BENCH_QUICK === '1';
if (SMOKE) {
  process.env.BENCH_SCALE ??= '0.02';
  process.env.BENCH_MANY ??= '4000';
  process.env.BENCH_EVENTS ??= '500,1000';
  process.env.BENCH_CASES ??= '1000';
  process.env.BENCH_RUNS ??= '3';
}
if (QUICK) {
  process.env.BENCH_SCALE ??= '0.05';
  process.env.BENCH_MANY ??= '20000';
  process.env.BENCH_EVENTS ??= '1000,2000';
  process.env.BENCH_RUNS ??= '5';
}
const SECTIONS = ['load', 'plans', 'hrss', 'classify', 'events', 'rules', 'many', 'tools', 'dag', 'plan-size', 'working-days', 'memory', 'startup'];
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter((s) => s !== '') : null;
const unknownSections = (ONLY ?? []).filter((s) => !SECTIONS.includes(s));
if (unknownSections.length > 0) throw new Error(`BENCH_ONLY: unknown section ${unknownSections.join(', ')}; the sections are ${SECTIONS.join(', ')}`);
/** Whether a section runs (all of them unless BENCH_ONLY names some). */
const runs = (name: string): boolean => ONLY === null || ONLY.includes(name);

if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && process.env.YUQING_BENCH_CHILD !== '1') {
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, YUQING_BENCH_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

const started = Date.now();
// The timed build (bench/lib.ts builds dist/ first when it is stale) and the bundled internals.
const { lib, libPath, builtNow, loadInternals, loadTesting } = await import('./lib.js');
const { audit, decide, decideMany, listPlans, loadPlan, IncidentSchema } = lib;
const internals = await loadInternals();
const { classify, criteriaFactsOf, parseIncident, replay, obligationsOf, buildTimeline, buildLedger, compiledOf, formatTimestamp, parseTimestamp, referenceEvaluator, decideHrss, decideHrssFast } = internals;
const { verifyPlan, mutatePlan, ScenarioFileSchema } = await loadTesting();
const { fastCases, invalidCases } = await import('./cases.js');
const { measureStartup } = await import('./startup.js');
const { classificationHrss, syntheticHrss } = await import('./synthetic.js');
const { at, hrssCases, TYPICAL, longIncident, longNow, hostileIncident, hostileNow } = await import('./fixtures.js');
const { sharedConditionDag, bigPlanFile, hostCalendar, workingDayPlan, WORKING_DAY_INCIDENT, WORKING_DAY_NOW } = await import('./hostile.js');
const { bench, benchAsync, benchInterleaved, consume, fmtBytes, fmtOps, fmtUs } = await import('./harness.js');
type Result = import('./harness.js').Result;
type Plan = import('./lib.js').Plan;
const preparedSeconds = (Date.now() - started) / 1000;

const here = dirname(fileURLToPath(import.meta.url));
const rulesDir = join(here, '..', 'rules');
const gc = (globalThis as unknown as { gc?: () => void }).gc ?? ((): void => undefined);
const IDEOLOGY_PARAMETERS = { phoneReportMinutes: 30, writtenReportHours: 2, verifyHours: 1, officeDepartment: '宣传部' };
const parametersOf = (id: string): Record<string, string | number> | undefined => (id === 'ideology-emergency' ? IDEOLOGY_PARAMETERS : undefined);
// BENCH_EVENTS (default 12500,25000,50000,100000) lists the sizes of the hostile incidents; e.g. BENCH_EVENTS=1000,2000 for a quick run.
const HOSTILE_SIZES = (process.env.BENCH_EVENTS ?? '12500,25000,50000,100000').split(',').map(Number);
const DAG_DEPTHS = SMOKE ? [10, 20] : [10, 20, 30, 40, 63];
const PLAN_SIZES = SMOKE ? [125, 250] : [125, 250, 500, 1000];
const WORKING_DAYS = SMOKE ? [10, 100] : [10, 100, 1000, 3000];
const RULE_COUNTS = [10, 100, 1000];
const MANY = Number(process.env.BENCH_MANY ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const rows: { section: string; name: string; result: Result; note?: string }[] = [];
function record(section: string, result: Result, note?: string): Result {
  rows.push({ section, name: result.name, result, ...(note ? { note } : {}) });
  console.log(`| ${result.name.padEnd(58)} | ${fmtUs(result.medianUs).padStart(10)} | ${fmtOps(result.opsPerSec).padStart(10)} | ${fmtUs(result.wallUs).padStart(10)} | ${fmtUs(result.minUs)} … ${fmtUs(result.maxUs)}, ${result.samples}×${result.batch} |${note ? ` ${note}` : ''}`);
  return result;
}
/** Seconds each section took (wall), to see where a run's time goes. */
const sectionSeconds: Record<string, number> = {};
let sectionTitle = 'setup';
let sectionStart = Date.now();
const section = (title: string, table = true): void => {
  sectionSeconds[sectionTitle] = (sectionSeconds[sectionTitle] ?? 0) + (Date.now() - sectionStart) / 1000;
  if (sectionTitle !== 'setup') console.log(`  (${((Date.now() - sectionStart) / 1000).toFixed(1)} s)`);
  sectionTitle = /^\d+b?\./.test(title) ? title.slice(0, title.indexOf('.')) : title.replace(/ \(.*$|:.*$/, '');
  sectionStart = Date.now();
  console.log(`\n## ${title}`);
  if (table) console.log(`| ${'operation'.padEnd(58)} | ${'CPU/op'.padStart(10)} | ${'ops/s'.padStart(10)} | ${'wall/op'.padStart(10)} | CPU min … max, samples×batch |\n|${'-'.repeat(60)}|${'-'.repeat(12)}:|${'-'.repeat(12)}:|${'-'.repeat(12)}:|---|`);
};

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memory: fmtBytes(os.totalmem()),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  date: new Date().toISOString(),
};
console.log('# yuqing-playbook benchmark');
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; node ${machine.node} (V8 ${machine.v8}); ${machine.platform}; ${machine.date}`);
console.log(`timed: ${libPath}${builtNow ? ' (built first: it was missing or older than src/)' : ''}, the references and stages bundled likewise; ${ONLY ? `sections ${ONLY.join(', ')} only` : 'every section'}; ready in ${preparedSeconds.toFixed(1)} s`);

// ---------------------------------------------------------------------------------------------
section('0. The hrss references give the same Decision as decide() (checked before any timing)', false);
const hrss = loadPlan('hrss');
const cases = [TYPICAL, ...hrssCases()];
// The slower reference (bench/hrss-handwritten.ts) covers the shapes of bench/fixtures.ts: deep equality.
for (const c of cases) {
  const expected = decide(hrss, c.incident, { now: c.now });
  const actual = decideHrss(c.incident, c.now);
  try {
    deepStrictEqual(actual, expected);
  } catch (error) {
    console.error(`hand-written decision differs from decide() for ${String(c.incident.id)} at ${c.now}`);
    throw error;
  }
}
const levelsSeen = new Set(cases.map((c) => decide(hrss, c.incident, { now: c.now }).level.id));
const statusesSeen = new Set(cases.flatMap((c) => decide(hrss, c.incident, { now: c.now }).obligations.map((o) => o.status)));
console.log(`  slower reference (bench/hrss-handwritten.ts): deep-equal on ${cases.length} incidents (levels ${[...levelsSeen].join(', ')}; statuses ${[...statusesSeen].join(', ')})`);
// The fast reference (bench/hrss-fast.ts): JSON-identical on the varied set, and on the slower reference's set.
const FAST_COUNT = Number(process.env.BENCH_CASES ?? 4000);
const fastSet = [...cases, ...fastCases(FAST_COUNT)];
const fastShapes: Record<string, number> = {};
for (const c of fastSet) {
  const expected = decide(hrss, c.incident, { now: c.now });
  const a = JSON.stringify(expected);
  const b = JSON.stringify(decideHrssFast(c.incident, c.now));
  if (a !== b) throw new Error(`bench/hrss-fast.ts differs from decide() for ${JSON.stringify(c)} (npx tsx bench/check-fast.ts shows where)`);
  fastShapes[`level ${expected.level.id} (${expected.level.source})`] = (fastShapes[`level ${expected.level.id} (${expected.level.source})`] ?? 0) + 1;
  for (const w of expected.warnings) fastShapes[w.code] = (fastShapes[w.code] ?? 0) + 1;
  for (const o of expected.obligations) fastShapes[o.status] = (fastShapes[o.status] ?? 0) + 1;
}
const invalidSet = invalidCases(fastSet);
for (const c of invalidSet) {
  const rejects = (fn: () => unknown): boolean => {
    try {
      fn();
      return false;
    } catch {
      return true;
    }
  };
  const byDecide = rejects(() => decide(hrss, c.incident, { now: c.now }));
  const byFast = rejects(() => decideHrssFast(c.incident, c.now));
  if (!byDecide || !byFast) throw new Error(`an invalid incident is accepted by ${byDecide ? 'bench/hrss-fast.ts' : 'decide()'}: ${JSON.stringify(c)}`);
}
console.log(`  fast reference (bench/hrss-fast.ts): JSON-identical on ${fastSet.length} incidents (${Object.entries(fastShapes).map(([k, v]) => `${k} ${v}`).join(', ')}); ${invalidSet.length} invalid incidents rejected by both`);
const plans = listPlans();
const compiledHrss = compiledOf(hrss);
const nowMs = parseTimestamp(TYPICAL.now) as number;
const typicalDecision = decide(hrss, TYPICAL.incident, { now: TYPICAL.now });
/** The criteria facts of the slower reference's incidents, at discovery (sections 4 and 6). */
const factSets = cases.map((c) => criteriaFactsOf(buildTimeline(parseIncident(compiledHrss, c.incident), nowMs, () => 0).states[0]!));

// ---------------------------------------------------------------------------------------------
const loadCold: Record<string, number> = {};
if (runs('load')) {
  section('1. loadPlan per bundled plan (resolve, fill blanks, validate, compile)');
  // Cold: the first loadPlan in a fresh process (the library imported, nothing loaded yet): zod builds its
  // parsers on first use, and nothing is JIT-compiled.
  // The smoke run starts one such process (hrss), not one per plan.
  for (const { id } of SMOKE ? plans.filter((p) => p.id === 'hrss') : plans) {
    const child = spawnSync(process.execPath, [...process.execArgv, join(here, 'cold-load.ts'), id], { encoding: 'utf8' });
    const us = Number(/cold-load-us=([\d.]+)/.exec(child.stdout)?.[1]);
    if (!Number.isFinite(us)) throw new Error(`cold loadPlan('${id}') failed: ${child.stderr}`);
    loadCold[id] = us;
  }
  for (const { id } of plans) record('loadPlan', bench(`loadPlan('${id}')`, () => loadPlan(id, { parameters: parametersOf(id) }), { warmupMs: 200, sampleMs: 80 }), loadCold[id] === undefined ? undefined : `cold (fresh process) ${fmtUs(loadCold[id])}`);
}

// ---------------------------------------------------------------------------------------------
const scenarioCount: Record<string, number> = {};
if (runs('plans')) {
  section('2. decide() per bundled plan, cycling through the plan\'s own scenarios');
  const loaded = new Map<string, Plan>(plans.map(({ id }) => [id, loadPlan(id, { parameters: parametersOf(id) })]));
  for (const { id } of plans) {
    const plan = loaded.get(id) as Plan;
    const file = JSON.parse(readFileSync(join(rulesDir, `${id}.scenarios.json`), 'utf8')) as { scenarios: { incident: unknown; now: string }[] };
    const ok = file.scenarios.filter((s) => {
      try {
        decide(plan, s.incident, { now: s.now });
        return true;
      } catch {
        return false;
      }
    });
    scenarioCount[id] = ok.length;
    let i = 0;
    record('decide', bench(`decide(${id}) over ${ok.length} scenarios`, () => {
      const s = ok[i++ % ok.length]!;
      return decide(plan, s.incident, { now: s.now });
    }));
  }
}

// ---------------------------------------------------------------------------------------------
/** Section 3's figures (null when it did not run). */
let fast: { ratioTypical: number; ratioSet: number; ratioTypicalSlow: number; ratioCases: number; ratioSetSrc: number; decideTypical: Result; fastTypical: Result; handTypical: Result; decideSet: Result; fastSetResult: Result; decideCases: Result; decideSetSrc: Result } | null = null;
let breakdownUs: Record<string, number> | null = null;
let timestampsWritten = 0;
if (runs('hrss')) {
  section('3. hrss: decide() against the fast reference and the slower reference (same Decision)');
  // Samples interleaved (decide, fast, slower, decide, …) so that other load falls on all alike; ratios are
  // the medians of the sample-by-sample ratios of CPU time.
  const typicalRun = benchInterleaved([
    { name: 'decide(hrss, typical incident)', fn: () => decide(hrss, TYPICAL.incident, { now: TYPICAL.now }) },
    { name: 'fast reference, typical incident', fn: () => decideHrssFast(TYPICAL.incident, TYPICAL.now) },
    { name: 'slower reference, typical incident', fn: () => decideHrss(TYPICAL.incident, TYPICAL.now) },
  ]);
  const [decideTypical, fastTypical, handTypical] = typicalRun.results as [Result, Result, Result];
  const [, ratioTypical, ratioTypicalSlow] = typicalRun.ratios as [number, number, number];
  for (const r of typicalRun.results) record('hrss', r);
  let di = 0;
  let fi0 = 0;
  const setRun = benchInterleaved([
    { name: `decide(hrss) over ${fastSet.length} incidents`, fn: () => { const c = fastSet[di++ % fastSet.length]!; return decide(hrss, c.incident, { now: c.now }); } },
    { name: `fast reference over ${fastSet.length} incidents`, fn: () => { const c = fastSet[fi0++ % fastSet.length]!; return decideHrssFast(c.incident, c.now); } },
  ]);
  const [decideSet, fastSetResult] = setRun.results as [Result, Result];
  const ratioSet = setRun.ratios[1] as number;
  for (const r of setRun.results) record('hrss', r);
  let ci = 0;
  let hi = 0;
  let fi1 = 0;
  const oldRun = benchInterleaved([
    { name: `decide(hrss) over the ${cases.length} incidents of the slower reference`, fn: () => { const c = cases[ci++ % cases.length]!; return decide(hrss, c.incident, { now: c.now }); } },
    { name: `fast reference over those ${cases.length} incidents`, fn: () => { const c = cases[fi1++ % cases.length]!; return decideHrssFast(c.incident, c.now); } },
    { name: `slower reference over those ${cases.length} incidents`, fn: () => { const c = cases[hi++ % cases.length]!; return decideHrss(c.incident, c.now); } },
  ]);
  const [decideCases] = oldRun.results as [Result, Result, Result];
  const ratioCases = oldRun.ratios[2] as number;
  for (const r of oldRun.results) record('hrss', r);
  // For information only (no target): decide() from src through tsx, as the tests run it, against the same
  // fast reference; tsx's keepNames transform wraps each named closure in __name(…) when it is created.
  const src = await import('../src/index.js');
  const srcHrss = src.loadPlan('hrss');
  for (const c of fastSet) {
    if (JSON.stringify(src.decide(srcHrss, c.incident, { now: c.now })) !== JSON.stringify(decide(hrss, c.incident, { now: c.now }))) throw new Error(`decide() from src differs from the timed build for ${JSON.stringify(c)}: is ${libPath} older than src/?`);
  }
  let si = 0;
  let fi2 = 0;
  const srcRun = benchInterleaved([
    { name: `src through tsx: decide(hrss) over ${fastSet.length} incidents`, fn: () => { const c = fastSet[si++ % fastSet.length]!; return src.decide(srcHrss, c.incident, { now: c.now }); } },
    { name: `fast reference over ${fastSet.length} incidents`, fn: () => { const c = fastSet[fi2++ % fastSet.length]!; return decideHrssFast(c.incident, c.now); } },
  ]);
  const decideSetSrc = record('hrss-src', srcRun.results[0] as Result, 'src through tsx: information only');
  const ratioSetSrc = srcRun.ratios[1] as number;
  console.log(`  decide / fast reference: ${ratioTypical.toFixed(1)}× (typical), ${ratioSet.toFixed(1)}× (set of ${fastSet.length}), ${(oldRun.ratios[1] as number).toFixed(1)}× (the slower reference's ${cases.length})`);
  console.log(`  decide / slower reference: ${ratioTypicalSlow.toFixed(1)}× (typical), ${ratioCases.toFixed(1)}× (its ${cases.length} incidents)`);
  console.log(`  information only, no target: decide() from src through tsx / fast reference ${ratioSetSrc.toFixed(1)}× over the set (${fmtUs(decideSetSrc.medianUs)}; the build: ${fmtUs(decideSet.medianUs)})`);
  fast = { ratioTypical, ratioSet, ratioTypicalSlow, ratioCases, ratioSetSrc, decideTypical, fastTypical, handTypical, decideSet, fastSetResult, decideCases, decideSetSrc };

  // Where decide's time goes (each stage measured on its own; the stages are exported by src/decide).
  const parsedTypical = parseIncident(compiledHrss, TYPICAL.incident);
  const timelineTypical = buildTimeline(parsedTypical, nowMs, (level) => compiledHrss.levels.get(level)?.rank ?? Number.MAX_SAFE_INTEGER);
  const replayTypical = replay(hrss, TYPICAL.incident, { now: TYPICAL.now });
  const stage = (name: string, fn: () => unknown): Result => record('breakdown', bench(name, fn, { warmupMs: 100, sampleMs: 40 }));
  const sValidate = stage('  stage: parseIncident (scan + zod + checks)', () => parseIncident(compiledHrss, TYPICAL.incident));
  const sZod = stage('    of which IncidentSchema.safeParse', () => IncidentSchema.safeParse(TYPICAL.incident));
  const sTimeline = stage('  stage: buildTimeline', () => buildTimeline(parsedTypical, nowMs, (level) => compiledHrss.levels.get(level)?.rank ?? 99));
  const sLedger = stage('  stage: buildLedger', () => buildLedger(compiledHrss, timelineTypical, nowMs, hrss.timeZone));
  const sReplay = stage('  stage: replay (all of the above + now)', () => replay(hrss, TYPICAL.incident, { now: TYPICAL.now }));
  const sObligations = stage('  stage: obligationsOf (statuses, reminders, ISO text)', () => obligationsOf(replayTypical));
  const sFormat = stage('  one formatTimestamp(ms, "Asia/Shanghai")', () => formatTimestamp(nowMs + (ci++ % 1000) * 60_000, 'Asia/Shanghai'));
  const sParse = stage('  one parseTimestamp(iso)', () => parseTimestamp(TYPICAL.now));
  timestampsWritten = JSON.stringify(typicalDecision).match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00/g)?.length ?? 0;
  console.log(`  the typical decision writes ${timestampsWritten} timestamps and has ${typicalDecision.obligations.length} obligations, ${typicalDecision.explanation.length} explanations`);
  console.log(`  ${timestampsWritten} × formatTimestamp ≈ ${fmtUs(timestampsWritten * sFormat.medianUs)} ≈ ${((100 * timestampsWritten * sFormat.medianUs) / decideTypical.medianUs).toFixed(0)}% of decide(); obligationsOf is ${((100 * sObligations.medianUs) / decideTypical.medianUs).toFixed(0)}%, replay ${((100 * sReplay.medianUs) / decideTypical.medianUs).toFixed(0)}%, validation ${((100 * sValidate.medianUs) / decideTypical.medianUs).toFixed(0)}%`);
  breakdownUs = { parseIncident: sValidate.medianUs, zod: sZod.medianUs, buildTimeline: sTimeline.medianUs, buildLedger: sLedger.medianUs, replay: sReplay.medianUs, obligationsOf: sObligations.medianUs, formatTimestamp: sFormat.medianUs, parseTimestamp: sParse.medianUs, decide: decideTypical.medianUs };
}

// ---------------------------------------------------------------------------------------------
let classification: { compiledUs: number; jsonRulesEngineUs: number; ratio: number } | null = null;
if (runs('classify')) {
  section('4. Classification of one incident: compiled evaluators against json-rules-engine (hrss rules)');
  const classificationOnly = { ...hrss.definition, obligations: [] } as typeof hrss.definition;
  const engineClassify = await referenceEvaluator(classificationOnly);
  const engineAll = await referenceEvaluator(hrss.definition);
  const priorities = new Map(compiledHrss.classification.map((c) => [c.rule.id, c]));
  /** What a json-rules-engine user does: run, then take the fired rule of highest priority (ties: most severe level). */
  const engineLevel = async (run: typeof engineClassify, facts: Record<string, unknown>): Promise<string> => {
    const fired = await run(facts as never);
    let best: (typeof compiledHrss.classification)[number] | undefined;
    for (const name of fired) {
      const c = priorities.get(name);
      if (c && (!best || c.rule.priority > best.rule.priority || (c.rule.priority === best.rule.priority && c.level.rank < best.level.rank))) best = c;
    }
    return best?.level.id ?? (compiledHrss.levelsBySeverity[compiledHrss.levelsBySeverity.length - 1]!.id);
  };
  for (const facts of factSets) {
    const a = classify(compiledHrss, facts).level.id;
    const b = await engineLevel(engineClassify, facts);
    if (a !== b) throw new Error(`classification differs: compiled ${a}, json-rules-engine ${b} on ${JSON.stringify(facts)}`);
  }
  console.log(`  same level from both on ${factSets.length} fact sets`);
  let fi = 0;
  const compiledClassify = record('classify', bench('compiled classify(hrss, facts)', () => classify(compiledHrss, factSets[fi++ % factSets.length]!).level.id));
  let ei = 0;
  const engineRun = record('classify', await benchAsync('json-rules-engine: one Engine, await run(facts) → level', () => engineLevel(engineClassify, factSets[ei++ % factSets.length]!), { warmupMs: 300, sampleMs: 100 }));
  let ai = 0;
  record('classify', await benchAsync('json-rules-engine, all hrss rules (classification + duties)', () => engineAll(factSets[ai++ % factSets.length]!), { warmupMs: 200, sampleMs: 100 }), 'for reference');
  const engineRatio = engineRun.medianUs / compiledClassify.medianUs;
  console.log(`  json-rules-engine / compiled: ${engineRatio.toFixed(0)}×${fast ? `; json-rules-engine classification alone vs the whole decide(): ${(engineRun.medianUs / fast.decideCases.medianUs).toFixed(2)}×` : ''}`);
  classification = { compiledUs: compiledClassify.medianUs, jsonRulesEngineUs: engineRun.medianUs, ratio: engineRatio };
}

// ---------------------------------------------------------------------------------------------
const eventGrowth: { n: number; decideUs: number; auditUs: number; obligations: number; levels: number }[] = [];
if (runs('events')) {
  section('5. Growth in events: decide() and audit() on one hrss incident with n events');
  for (const n of [10, 100, 1000]) {
    const incident = longIncident(n);
    const now = longNow(n);
    const opts = n >= 1000 ? { warmupMs: 300, sampleMs: 300, samples: 5 } : { warmupMs: 150, sampleMs: 80 };
    const d = record('events', bench(`decide(hrss), ${n} events`, () => decide(hrss, incident, { now }), opts));
    const a = record('events', bench(`audit(hrss), ${n} events`, () => audit(hrss, incident, { now }), opts));
    const result = audit(hrss, incident, { now });
    eventGrowth.push({ n, decideUs: d.medianUs, auditUs: a.medianUs, obligations: result.obligations.length, levels: result.levels.length });
  }
  for (let i = 1; i < eventGrowth.length; i++) {
    const a = eventGrowth[i - 1]!;
    const b = eventGrowth[i]!;
    console.log(`  ${a.n}→${b.n} events (×${b.n / a.n}): decide ×${(b.decideUs / a.decideUs).toFixed(1)}, audit ×${(b.auditUs / a.auditUs).toFixed(1)}; obligations ${a.obligations}→${b.obligations}, level spans ${a.levels}→${b.levels}`);
  }
}

// ---------------------------------------------------------------------------------------------
const ruleGrowth: { variant: string; rules: number; obligations: number; loadUs: number; decideUs: number; classifyUs: number; decisionObligations: number }[] = [];
const classifyGrowth: { rules: number; classifyUs: number; decideUs: number; level: string }[] = [];
if (runs('rules')) {
  section('6. Growth in rules: hrss with 10× and 100× the classification rules and obligations');
  const variants: [string, () => Plan][] = [
    ['hrss (×1)', () => hrss],
    ['×10 rules, ×10 duties (dormant)', () => syntheticHrss(10, 'dormant', 10)],
    ['×100 rules, ×43 duties (dormant)', () => syntheticHrss(100, 'dormant', 43)],
    ['×10 rules, ×10 duties (active)', () => syntheticHrss(10, 'active', 10)],
  ];
  for (const [name, make] of variants) {
    const t0 = process.hrtime.bigint();
    const plan = make();
    const loadUs = Number(process.hrtime.bigint() - t0) / 1000;
    const compiled = compiledOf(plan);
    const d = record('rules', bench(`decide, ${name}`, () => decide(plan, TYPICAL.incident, { now: TYPICAL.now })));
    let k = 0;
    const c = record('rules', bench(`classify, ${name}`, () => classify(compiled, factSets[k++ % factSets.length]!).level.id, { warmupMs: 100, sampleMs: 40 }));
    ruleGrowth.push({ variant: name, rules: plan.definition.classification.length, obligations: plan.definition.obligations.length, loadUs, decideUs: d.medianUs, classifyUs: c.medianUs, decisionObligations: decide(plan, TYPICAL.incident, { now: TYPICAL.now }).obligations.length });
  }
  for (const g of ruleGrowth) {
    console.log(`  ${g.variant.padEnd(34)} ${String(g.rules).padStart(4)} rules ${String(g.obligations).padStart(4)} duties: load ${fmtUs(g.loadUs)}, decide ×${(g.decideUs / ruleGrowth[0]!.decideUs).toFixed(2)}, classify ×${(g.classifyUs / ruleGrowth[0]!.classifyUs).toFixed(1)}; ${g.decisionObligations} obligations in the decision`);
  }

  section('6b. Classification against the number of rules (issue 15): hrss with 10, 100 and 1 000 classification rules, an incident matching one');
  for (const n of RULE_COUNTS) {
    const plan = classificationHrss(n);
    const compiled = compiledOf(plan);
    let k = 0;
    const c = record('rules-15', bench(`classify, ${n} rules (one fires)`, () => classify(compiled, factSets[k++ % factSets.length]!).level.id, { warmupMs: 100, sampleMs: 40 }));
    const d = record('rules-15', bench(`decide, ${n} rules (typical incident)`, () => decide(plan, TYPICAL.incident, { now: TYPICAL.now }), { warmupMs: 100, sampleMs: 60 }));
    classifyGrowth.push({ rules: n, classifyUs: c.medianUs, decideUs: d.medianUs, level: decide(plan, TYPICAL.incident, { now: TYPICAL.now }).level.id });
  }
  for (let i = 1; i < classifyGrowth.length; i++) {
    const a = classifyGrowth[i - 1]!;
    const b = classifyGrowth[i]!;
    console.log(`  ${a.rules}→${b.rules} rules (×${b.rules / a.rules}): classify ×${(b.classifyUs / a.classifyUs).toFixed(1)}, decide ×${(b.decideUs / a.decideUs).toFixed(2)} (level ${b.level})`);
  }
}

// ---------------------------------------------------------------------------------------------
/** Section 7's figures (null when it did not run). */
let many: { incidents: number; heapCheckpoints: { incidents: number; heapUsed: number }[]; [key: string]: unknown } | null = null;
let count = 0;
const heapCheckpoints: { incidents: number; heapUsed: number }[] = [];
if (runs('many')) {
  section(`7. decideMany over ${MANY.toLocaleString('en')} hrss incidents (lazy: generated and consumed one at a time)`, false);
  const incidents = function* (n: number): Generator<unknown> {
    for (let i = 0; i < n; i++) {
      const c = cases[i % cases.length]!;
      yield { ...c.incident, id: `batch-${i}` };
    }
  };
  gc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = heapBefore;
  let peakRss = rssBefore;
  let peakFirstTenth = heapBefore;
  // Heap in use at each tenth of the run (after a full collection): flat means the decisions are not kept.
  const levelCounts: Record<string, number> = {};
  let errors = 0;
  const cpuMany = process.cpuUsage();
  const tMany = process.hrtime.bigint();
  for (const result of decideMany(hrss, incidents(MANY), { now: TYPICAL.now })) {
    if (result.decision) levelCounts[result.decision.level.id] = (levelCounts[result.decision.level.id] ?? 0) + 1;
    else errors++;
    if (++count % 500 === 0) {
      const m = process.memoryUsage();
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
      if (m.rss > peakRss) peakRss = m.rss;
      if (count === Math.floor(MANY / 10)) peakFirstTenth = peakHeap;
    }
    if (count % Math.max(1, Math.floor(MANY / 10)) === 0) {
      gc();
      heapCheckpoints.push({ incidents: count, heapUsed: process.memoryUsage().heapUsed });
    }
  }
  const manyUs = Number(process.hrtime.bigint() - tMany) / 1000;
  const manyCpu = process.cpuUsage(cpuMany);
  const manyCpuUs = manyCpu.user + manyCpu.system;
  gc();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const oneDecisionBytes = Buffer.byteLength(JSON.stringify(typicalDecision));
  const summary = {
    incidents: count,
    errors,
    levels: levelCounts,
    totalMs: manyUs / 1000,
    cpuMs: manyCpuUs / 1000,
    perIncidentUs: manyUs / count,
    perIncidentCpuUs: manyCpuUs / count,
    perSecond: count / (manyUs / 1e6),
    heapBefore,
    heapAfter,
    peakHeap,
    peakHeapAboveBefore: peakHeap - heapBefore,
    peakHeapFirstTenthAboveBefore: peakFirstTenth - heapBefore,
    peakRssAboveBefore: peakRss - rssBefore,
    decisionJsonBytes: oneDecisionBytes,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    heapCheckpoints,
  };
  console.log(`  ${count} decisions in ${(summary.totalMs / 1000).toFixed(1)} s wall, ${(summary.cpuMs / 1000).toFixed(1)} s CPU: ${fmtUs(summary.perIncidentUs)} wall (${fmtUs(summary.perIncidentCpuUs)} CPU) each, ${fmtOps(summary.perSecond)}; levels ${JSON.stringify(levelCounts)}; errors ${errors}`);
  console.log(`  heap before ${fmtBytes(heapBefore)}, peak ${fmtBytes(peakHeap)} (+${fmtBytes(summary.peakHeapAboveBefore)}; +${fmtBytes(summary.peakHeapFirstTenthAboveBefore)} over the first tenth), after ${fmtBytes(heapAfter)} (${fmtBytes(heapAfter - heapBefore)}); rss peak +${fmtBytes(summary.peakRssAboveBefore)}`);
  console.log(`  heap in use after a collection, by incidents decided: ${heapCheckpoints.map((c) => `${c.incidents.toLocaleString('en')}: ${fmtBytes(c.heapUsed)}`).join(', ')}`);
  many = summary;
  console.log(`  holding every decision would take ≥ ${fmtBytes(oneDecisionBytes * count)} (one typical decision is ${fmtBytes(oneDecisionBytes)} as JSON)`);
}

// ---------------------------------------------------------------------------------------------
const planTools: { id: string; verifyMs: number; mutateMs: number; mutants: number; score: number }[] = [];
if (runs('tools')) {
  section('verify and mutate of every bundled plan (yuqing verify / yuqing mutate)', false);
  // The smoke run mutates one plan (hrss), not every plan.
  for (const { id } of plans) {
    if (SMOKE && id !== 'hrss') continue;
    const plan = loadPlan(id, { parameters: parametersOf(id) });
    const file = ScenarioFileSchema.parse(JSON.parse(readFileSync(join(here, '..', 'rules', `${id}.scenarios.json`), 'utf8')));
    let t = performance.now();
    verifyPlan(plan);
    const verifyMs = performance.now() - t;
    t = performance.now();
    const report = mutatePlan(plan, [file]);
    const mutateMs = performance.now() - t;
    planTools.push({ id, verifyMs, mutateMs, mutants: report.total, score: report.score });
    console.log(`  ${id.padEnd(20)} verify ${verifyMs.toFixed(0).padStart(5)} ms · mutate ${(mutateMs / 1000).toFixed(1).padStart(5)} s (${report.total} mutants, score ${Math.floor(report.score * 100)}%)`);
  }
}

// ---------------------------------------------------------------------------------------------
/** The exponent k of time ∝ events^k fitted by least squares on log–log over every size (1 linear, 2 quadratic): one noisy size moves it far less than it moves a doubling. */
function growthExponent(points: { n: number; us: number }[]): number {
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.us));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let cov = 0;
  let vx = 0;
  for (let i = 0; i < xs.length; i++) {
    cov += (xs[i]! - mx) * (ys[i]! - my);
    vx += (xs[i]! - mx) ** 2;
  }
  return vx === 0 ? Number.NaN : cov / vx;
}
/** Linear with noise and the collector's share, short of n·log n's 1.1 over this range plus noise; quadratic is 2. */
const MAX_GROWTH_EXPONENT = 1.25;
const hostile: { plan: string; shape: string; n: number; decideUs: number; auditUs: number; obligations: number }[] = [];
if (runs('events')) {
  section(`8. Hostile shapes (issue 12): ${HOSTILE_SIZES.join(', ')} events, varied and level flip-flop, on hrss and county-bureau`);
  // Each figure is the median CPU time of 5 single calls, without a warm-up call (a call at these sizes runs
  // long enough to be compiled as it goes). The sizes of a shape are interleaved, largest first (100 000,
  // 50 000, …, then again): load from other processes falls on all sizes alike, and every size meets the
  // heap as the largest grew it. Most of the time is garbage collection, whose cost depends on how far the
  // heap has grown: smallest first, the first size met the heap the previous shape left and looked cheap.
  const descending = [...HOSTILE_SIZES].sort((a, b) => b - a);
  /** One call's CPU time and wall time, µs. */
  const sample = (fn: () => unknown, cpu: number[], wall: number[]): void => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    consume(fn());
    wall.push(Number(process.hrtime.bigint() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push(c.user + c.system);
  };
  const HOSTILE_SAMPLES = 5;
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1] as number;
  for (const id of ['hrss', 'county-bureau'] as const) {
    const plan = loadPlan(id);
    for (const shape of ['varied', 'flip-flop'] as const) {
      const inputs = descending.map((n) => ({ n, incident: hostileIncident(n, id, shape), now: hostileNow(n), decideUs: [] as number[], auditUs: [] as number[], decideWall: [] as number[], auditWall: [] as number[], obligations: 0 }));
      for (let k = 0; k < HOSTILE_SAMPLES; k++) {
        for (const x of inputs) {
          sample(() => {
            const decision = decide(plan, x.incident, { now: x.now });
            x.obligations = decision.obligations.length;
            return decision;
          }, x.decideUs, x.decideWall);
          sample(() => audit(plan, x.incident, { now: x.now }), x.auditUs, x.auditWall);
        }
      }
      for (const x of [...inputs].reverse()) {
        const row = { plan: id, shape, n: x.n, decideUs: median(x.decideUs), auditUs: median(x.auditUs), obligations: x.obligations };
        hostile.push(row);
        for (const [op, v, w] of [['decide', x.decideUs, x.decideWall], ['audit', x.auditUs, x.auditWall]] as const) {
          record('hostile', { name: `${op}(${id}), ${shape}, ${x.n} events`, medianUs: median(v), wallUs: median(w), minUs: Math.min(...v), maxUs: Math.max(...v), opsPerSec: 1e6 / median(v), samples: v.length, batch: 1 });
        }
      }
    }
  }
  for (let i = 1; i < hostile.length; i++) {
    const a = hostile[i - 1]!;
    const b = hostile[i]!;
    if (a.plan !== b.plan || a.shape !== b.shape) continue;
    console.log(`  ${b.plan} ${b.shape}: ${a.n}→${b.n} events (×${(b.n / a.n).toFixed(1)}): decide ×${(b.decideUs / a.decideUs).toFixed(1)}, audit ×${(b.auditUs / a.auditUs).toFixed(1)}; obligations ${a.obligations}→${b.obligations}`);
  }
  console.log('\n| plan | shape | events | decide | growth | audit | growth | obligations |\n|---|---|---:|---:|---:|---:|---:|---:|');
  for (const [i, h] of hostile.entries()) {
    const p = hostile[i - 1];
    const same = p && p.plan === h.plan && p.shape === h.shape;
    console.log(`| ${h.plan} | ${h.shape} | ${h.n} | ${fmtUs(h.decideUs)} | ${same ? `×${(h.decideUs / p.decideUs).toFixed(1)}` : ''} | ${fmtUs(h.auditUs)} | ${same ? `×${(h.auditUs / p.auditUs).toFixed(1)}` : ''} | ${h.obligations} |`);
  }
}

// ---------------------------------------------------------------------------------------------
// Each row below reads its sizes from the list and prints a scaling table: for work linear in the input,
// doubling the input doubles the time (×2.0); "flat" rows must not grow at all.
const ratio = (a: number, b: number): string => `×${(b / a).toFixed(1)}`;

const dagIncident = { id: 'dag', occurredAt: at(0), discoveredAt: at(60), indicators: { attention: 'high' } };
const dag: { depth: number; conditions: number; loadUs: number; decideUs: number; verifyUs: number; level: string; explanation: number }[] = [];
if (runs('dag')) {
  section('9. Hostile shapes: shared conditions as a DAG (c0 → c1 twice → … → c<depth>; 2^depth paths)');
  for (const depth of DAG_DEPTHS) {
    const definition = sharedConditionDag(depth);
    const plan = loadPlan(definition);
    const l = record('dag', bench(`loadPlan, DAG depth ${depth}`, () => loadPlan(definition), { warmupMs: 50, sampleMs: 50, samples: 5 }));
    const d = record('dag', bench(`decide, DAG depth ${depth} (with explanation)`, () => decide(plan, dagIncident, { now: at(120) }), { warmupMs: 50, sampleMs: 30, samples: 5 }));
    const v = record('dag', bench(`verifyPlan, DAG depth ${depth}`, () => verifyPlan(plan), { warmupMs: 50, sampleMs: 50, samples: 5 }));
    const decision = decide(plan, dagIncident, { now: at(120) });
    dag.push({ depth, conditions: Object.keys(definition.conditions).length, loadUs: l.medianUs, decideUs: d.medianUs, verifyUs: v.medianUs, level: decision.level.id, explanation: decision.explanation.length });
  }
  console.log('\n| depth | shared conditions | paths | loadPlan | decide | verifyPlan | level, explanations |\n|---:|---:|---:|---:|---:|---:|---|');
  for (const g of dag) console.log(`| ${g.depth} | ${g.conditions} | 2^${g.depth} | ${fmtUs(g.loadUs)} | ${fmtUs(g.decideUs)} | ${fmtUs(g.verifyUs)} | ${g.level}, ${g.explanation} |`);
  for (let i = 1; i < dag.length; i++) console.log(`  depth ${dag[i - 1]!.depth}→${dag[i]!.depth}: loadPlan ${ratio(dag[i - 1]!.loadUs, dag[i]!.loadUs)}, decide ${ratio(dag[i - 1]!.decideUs, dag[i]!.decideUs)}, verifyPlan ${ratio(dag[i - 1]!.verifyUs, dag[i]!.verifyUs)}`);
}

const planSize: { n: number; kb: number; obligations: number; recipients: number; loadUs: number; verifyUs: number; decideUs: number; decisionObligations: number }[] = [];
if (runs('plan-size')) {
  section('10. Hostile shapes: plan size (hrss as written, extends the template, with n own duties, their overrides and n/4 removed duties)');
  for (const n of PLAN_SIZES) {
    const file = bigPlanFile(n);
    const kb = Buffer.byteLength(JSON.stringify(file)) / 1024;
    const plan = loadPlan(file);
    const opts = { warmupMs: 100, sampleMs: 100, samples: 5 };
    const l = record('plan-size', bench(`loadPlan, ${n} duties (${kb.toFixed(0)} KB)`, () => loadPlan(file), opts));
    const v = record('plan-size', bench(`verifyPlan, ${n} duties`, () => verifyPlan(plan), opts));
    const d = record('plan-size', bench(`decide, ${n} duties (typical incident)`, () => decide(plan, TYPICAL.incident, { now: TYPICAL.now }), opts));
    planSize.push({ n, kb, obligations: plan.definition.obligations.length, recipients: plan.definition.recipients.length, loadUs: l.medianUs, verifyUs: v.medianUs, decideUs: d.medianUs, decisionObligations: decide(plan, TYPICAL.incident, { now: TYPICAL.now }).obligations.length });
  }
  console.log('\n| own duties | file | duties, recipients loaded | loadPlan | per KB | verifyPlan | per KB | decide | duties decided |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const g of planSize) console.log(`| ${g.n} | ${g.kb.toFixed(0)} KB | ${g.obligations}, ${g.recipients} | ${fmtUs(g.loadUs)} | ${fmtUs(g.loadUs / g.kb)} | ${fmtUs(g.verifyUs)} | ${fmtUs(g.verifyUs / g.kb)} | ${fmtUs(g.decideUs)} | ${g.decisionObligations} |`);
  for (let i = 1; i < planSize.length; i++) {
    const a = planSize[i - 1]!;
    const b = planSize[i]!;
    console.log(`  ${a.kb.toFixed(0)}→${b.kb.toFixed(0)} KB (${ratio(a.kb, b.kb)}): loadPlan ${ratio(a.loadUs, b.loadUs)}, verifyPlan ${ratio(a.verifyUs, b.verifyUs)}, decide ${ratio(a.decideUs, b.decideUs)}`);
  }
}

const workingDays: { days: number; loadUs: number; decideUs: number; dueAt: string | null }[] = [];
if (runs('working-days')) {
  section('11. Hostile shapes: working-day offsets across a host calendar (2027–2040)');
  const calendar = hostCalendar();
  for (const days of WORKING_DAYS) {
    const definition = workingDayPlan(days);
    const plan = loadPlan(definition, { calendar });
    const l = record('working-days', bench(`loadPlan with the host calendar, P${days}D`, () => loadPlan(definition, { calendar }), { warmupMs: 50, sampleMs: 50, samples: 5 }));
    const d = record('working-days', bench(`decide, a duty due in ${days} working days`, () => decide(plan, WORKING_DAY_INCIDENT, { now: WORKING_DAY_NOW }), { warmupMs: 50, sampleMs: 30, samples: 7 }));
    const duty = decide(plan, WORKING_DAY_INCIDENT, { now: WORKING_DAY_NOW }).obligations.find((o) => o.id === 'long-working-deadline');
    workingDays.push({ days, loadUs: l.medianUs, decideUs: d.medianUs, dueAt: duty?.dueAt ?? null });
  }
  console.log('\n| working days | dueAt | loadPlan (+calendar) | decide | decide vs P10D |\n|---:|---|---:|---:|---:|');
  for (const g of workingDays) console.log(`| P${g.days}D | ${g.dueAt} | ${fmtUs(g.loadUs)} | ${fmtUs(g.decideUs)} | ${ratio(workingDays[0]!.decideUs, g.decideUs)} |`);
}

const hostileShapes = ['decide-varied', 'audit-varied', 'decide-flip-flop', 'audit-flip-flop'];
const memory: { shape: string; size: number; cpuMs: number; peakHeapAbove: number; collections: number; peakRssAbove: number; heapRetained: number; maxRss: number }[] = [];
if (runs('memory')) {
  section('12. Hostile shapes: memory of one operation in a fresh process (bench/peak.ts: resident set sampled every ms)', false);
  const measureMemory = (shape: string, size: number): void => {
    // A 1 MiB young generation: garbage is collected early, so the peak heap is close to the data the operation keeps alive.
    const child = spawnSync(process.execPath, [...process.execArgv, '--max-semi-space-size=1', join(here, 'peak.ts'), shape, String(size)], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) throw new Error(`bench/peak.ts ${shape} ${size} failed: ${child.stderr}`);
    const m = JSON.parse(line) as (typeof memory)[number];
    memory.push({ shape, size, cpuMs: m.cpuMs, peakHeapAbove: m.peakHeapAbove, collections: m.collections, peakRssAbove: m.peakRssAbove, heapRetained: m.heapRetained, maxRss: m.maxRss });
  };
  // The smoke run starts one process per kind of shape (its largest size), not one per shape and size.
  const sizes = (list: number[]): number[] => (SMOKE ? list.slice(-1) : list);
  for (const shape of SMOKE ? ['decide-varied', 'audit-flip-flop'] : hostileShapes) for (const n of sizes(HOSTILE_SIZES)) measureMemory(shape, n);
  for (const shape of SMOKE ? ['dag-verify'] : ['dag-load', 'dag-verify']) for (const depth of sizes(DAG_DEPTHS)) measureMemory(shape, depth);
  for (const shape of SMOKE ? ['plan-load'] : ['plan-load', 'plan-verify']) for (const n of sizes(PLAN_SIZES)) measureMemory(shape, n);
  for (const days of sizes(WORKING_DAYS)) measureMemory('working-days', days);
  console.log('  peak heap: the most heap in use at any collection during the operation, above the start (with a 1 MiB young generation,');
  console.log('  so it counts little garbage); peak RSS: resident set sampled every ms; kept: heap the result holds after collection.');
  console.log('| operation (hrss) | size | peak heap above start | GCs | peak RSS above start | heap kept by the result | process max RSS | CPU (cold) |\n|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of memory) console.log(`| ${m.shape} | ${m.size} | ${fmtBytes(m.peakHeapAbove)} | ${m.collections} | ${fmtBytes(m.peakRssAbove)} | ${fmtBytes(m.heapRetained)} | ${fmtBytes(m.maxRss)} | ${m.cpuMs.toFixed(0)} ms |`);
  for (const shape of hostileShapes) {
    const rows = memory.filter((m) => m.shape === shape);
    console.log(`  ${shape}: ${rows.map((m) => m.size).join('→')} events: peak heap ${rows.map((m) => fmtBytes(m.peakHeapAbove)).join(' → ')}; kept ${rows.map((m) => fmtBytes(m.heapRetained)).join(' → ')}`);
  }
}

// ---------------------------------------------------------------------------------------------
/** A target whose section did not run (BENCH_ONLY): neither met nor missed. */
const notRun = (name: string): { met: null; figure: string } => ({ met: null, figure: `not run (section ${name} left out by BENCH_ONLY=${ONLY?.join(',') ?? ''})` });
section('Targets of issue 6', false);
const loadWorst = Math.max(...rows.filter((r) => r.section === 'loadPlan').map((r) => r.result.medianUs));
const loadWorstCold = Math.max(...Object.values(loadCold));
const targets = [
  {
    target: 'decide() on hrss within 3× of the hand-written function',
    ...(fast ? { met: fast.ratioCases <= 3 && fast.ratioTypicalSlow <= 3, figure: `${fast.ratioTypicalSlow.toFixed(1)}× (typical incident: ${fmtUs(fast.decideTypical.medianUs)} vs ${fmtUs(fast.handTypical.medianUs)}); ${fast.ratioCases.toFixed(1)}× over ${cases.length} incidents` } : notRun('hrss')),
  },
  {
    target: '≥ 100× faster than json-rules-engine on the same rules (classification of one incident)',
    ...(classification ? { met: classification.ratio >= 100, figure: `${classification.ratio.toFixed(0)}× (${fmtUs(classification.compiledUs)} vs ${fmtUs(classification.jsonRulesEngineUs)})` } : notRun('classify')),
  },
  {
    target: 'cost at most linear in events',
    ...(eventGrowth.length === 3
      ? { met: eventGrowth[2]!.decideUs / eventGrowth[0]!.decideUs <= 100 * 1.25 && eventGrowth[2]!.auditUs / eventGrowth[0]!.auditUs <= 100 * 1.25, figure: `×100 events: decide ×${(eventGrowth[2]!.decideUs / eventGrowth[0]!.decideUs).toFixed(1)}, audit ×${(eventGrowth[2]!.auditUs / eventGrowth[0]!.auditUs).toFixed(1)}` }
      : notRun('events')),
  },
  {
    target: `hostile shapes (issue 12): cost near-linear in events (decide: time ∝ events^k fitted over every size, k ≤ ${MAX_GROWTH_EXPONENT})`,
    ...(hostile.length > 0
      ? {
          // The fitted exponent of issue 15 (one noisy size moved the former per-doubling test across its line).
          met: [...new Set(hostile.map((r) => `${r.plan}|${r.shape}`))].every(
            (key) => growthExponent(hostile.filter((r) => `${r.plan}|${r.shape}` === key).map((r) => ({ n: r.n, us: r.decideUs }))) <= MAX_GROWTH_EXPONENT,
          ),
          figure: hostile.filter((h) => h.n === Math.max(...HOSTILE_SIZES)).map((h) => `${h.plan} ${h.shape} ${h.n} events: decide ${fmtUs(h.decideUs)}, audit ${fmtUs(h.auditUs)}`).join('; '),
        }
      : notRun('events')),
  },
  {
    target: 'shared conditions as a DAG (issue 12): cost does not follow the 2^depth paths (depth 10 → 63 within ×4)',
    ...(dag.length > 0
      ? {
          met: dag[dag.length - 1]!.loadUs / dag[0]!.loadUs <= 4 && dag[dag.length - 1]!.decideUs / dag[0]!.decideUs <= 4 && dag[dag.length - 1]!.verifyUs / dag[0]!.verifyUs <= 4,
          figure: `depth ${dag[0]!.depth} → ${dag[dag.length - 1]!.depth}: loadPlan ${fmtUs(dag[0]!.loadUs)} → ${fmtUs(dag[dag.length - 1]!.loadUs)}, decide ${fmtUs(dag[0]!.decideUs)} → ${fmtUs(dag[dag.length - 1]!.decideUs)}, verifyPlan ${fmtUs(dag[0]!.verifyUs)} → ${fmtUs(dag[dag.length - 1]!.verifyUs)}`,
        }
      : notRun('dag')),
  },
  {
    target: 'plan size (issue 12): loadPlan and verifyPlan near-linear in the file size',
    ...(planSize.length > 0
      ? {
          met: planSize.every((b, i) => {
            const a = planSize[i - 1];
            return !a || (b.loadUs / a.loadUs <= (b.kb / a.kb) * 1.5 && b.verifyUs / a.verifyUs <= (b.kb / a.kb) * 1.5);
          }),
          figure: planSize.map((g) => `${g.kb.toFixed(0)} KB: load ${fmtUs(g.loadUs)}, verify ${fmtUs(g.verifyUs)}`).join('; '),
        }
      : notRun('plan-size')),
  },
  {
    target: 'working-day offsets (issue 12): decide does not grow with the offset (P3000D within ×2 of P10D)',
    ...(workingDays.length > 0 ? { met: workingDays[workingDays.length - 1]!.decideUs / workingDays[0]!.decideUs <= 2, figure: workingDays.map((g) => `P${g.days}D ${fmtUs(g.decideUs)}`).join(', ') } : notRun('working-days')),
  },
  {
    target: 'memory (issue 12): peak heap near-linear in events (largest within 1.5× of linear from the smallest, counted from at least 4 MiB)',
    ...(memory.length > 0
      ? {
          met: hostileShapes.every((shape) => {
            const rows = memory.filter((m) => m.shape === shape);
            const a = rows[0];
            const b = rows[rows.length - 1];
            return !a || !b || b.peakHeapAbove <= Math.max(a.peakHeapAbove, 4 << 20) * (b.size / a.size) * 1.5;
          }),
          figure: hostileShapes.map((shape) => `${shape} ${memory.filter((m) => m.shape === shape).map((m) => fmtBytes(m.peakHeapAbove)).join(' → ')}`).join('; '),
        }
      : notRun('memory')),
  },
  {
    target: 'cost sub-linear in rule count',
    ...(ruleGrowth.length > 0
      ? { met: ruleGrowth[2]!.decideUs / ruleGrowth[0]!.decideUs < ruleGrowth[2]!.rules / ruleGrowth[0]!.rules, figure: `×${ruleGrowth[2]!.rules / ruleGrowth[0]!.rules} classification rules and ×${(ruleGrowth[2]!.obligations / ruleGrowth[0]!.obligations).toFixed(0)} duties (dormant): decide ×${(ruleGrowth[2]!.decideUs / ruleGrowth[0]!.decideUs).toFixed(2)}; classification alone ×${(ruleGrowth[2]!.classifyUs / ruleGrowth[0]!.classifyUs).toFixed(1)}` }
      : notRun('rules')),
  },
  {
    target: 'loadPlan of a bundled plan < 20 ms',
    ...(Object.keys(loadCold).length > 0 ? { met: loadWorst < 20_000, figure: `worst median ${fmtUs(loadWorst)}; the first call in a fresh process also pays the process's one-time start-up of zod and of the ICU time-zone data: ${fmtUs(loadWorstCold)}` } : notRun('load')),
  },
  {
    target: 'verify over a plan\'s whole indicator space < 1 s',
    ...(planTools.length > 0 ? { met: Math.max(...planTools.map((p) => p.verifyMs)) < 1000, figure: `worst ${Math.max(...planTools.map((p) => p.verifyMs)).toFixed(0)} ms` } : notRun('tools')),
  },
  {
    target: 'mutate of a bundled plan < 30 s',
    ...(planTools.length > 0 ? { met: Math.max(...planTools.map((p) => p.mutateMs)) < 30_000, figure: `worst ${(Math.max(...planTools.map((p) => p.mutateMs)) / 1000).toFixed(1)} s; scores ${planTools.map((p) => `${p.id} ${Math.floor(p.score * 100)}%`).join(', ')}` } : notRun('tools')),
  },
];
for (const t of targets) console.log(`  [${t.met === null ? ' n/a ' : t.met ? ' met ' : 'NOT met'}] ${t.target}: ${t.figure}`);

// ---------------------------------------------------------------------------------------------
let startup: import('./startup.js').Startup | null = null;
if (runs('startup')) {
  section('13. Start-up in fresh processes (issue 15): import of the built package, first loadPlan, CLI', false);
  const s = measureStartup(libPath, RUNS, builtNow);
  startup = s;
  console.log(`  ${s.runs} fresh processes each (median wall time; "node -e 0" takes ${s.baselineMs.toFixed(1)} ms)${s.built ? '; dist/ was built first' : ''}; ${s.lib}`);
  console.log('| what | whole process | minus node -e 0 | inside the process |\n|---|---:|---:|---:|');
  console.log(`| import index.js (ESM) | ${s.esm.processMs.toFixed(1)} ms | ${s.esm.importMs.toFixed(1)} ms | ${s.esm.inProcessMs.toFixed(1)} ms |`);
  if (s.cjs) console.log(`| require index.cjs | ${s.cjs.processMs.toFixed(1)} ms | ${s.cjs.importMs.toFixed(1)} ms | ${s.cjs.inProcessMs.toFixed(1)} ms |`);
  console.log(`| first loadPlan('hrss') after the import | | | ${s.firstLoadPlanMs.toFixed(1)} ms |`);
  if (s.cli) console.log(`| node cli.js --version | ${s.cli.processMs.toFixed(1)} ms | ${s.cli.startMs.toFixed(1)} ms | |`);
}

// ---------------------------------------------------------------------------------------------
section('Targets of issue 15', false);
const largestEvents = Math.max(...HOSTILE_SIZES);
const doublings = hostile.flatMap((b, i) => {
  const a = hostile[i - 1];
  return a && a.plan === b.plan && a.shape === b.shape ? [{ plan: b.plan, shape: b.shape, n: b.n, decide: (b.decideUs / a.decideUs) / (b.n / a.n), audit: (b.auditUs / a.auditUs) / (b.n / a.n) }] : [];
});
const worstDoubling = doublings.reduce((w, d) => Math.max(w, d.decide, d.audit), 0);
const worstAt = doublings.find((d) => d.decide === worstDoubling || d.audit === worstDoubling);
const growth = [...new Set(hostile.map((r) => `${r.plan}|${r.shape}`))].flatMap((key) => {
  const rows = hostile.filter((r) => `${r.plan}|${r.shape}` === key);
  const [plan, shape] = key.split('|') as [string, string];
  return [
    { plan, shape, op: 'decide', k: growthExponent(rows.map((r) => ({ n: r.n, us: r.decideUs }))) },
    { plan, shape, op: 'audit', k: growthExponent(rows.map((r) => ({ n: r.n, us: r.auditUs }))) },
  ];
});
const worstGrowth = growth.reduce<(typeof growth)[number] | undefined>((w, g) => (w === undefined || g.k > w.k ? g : w), undefined);
const flatCheck = heapCheckpoints.length >= 2 ? heapCheckpoints[heapCheckpoints.length - 1]!.heapUsed - heapCheckpoints[0]!.heapUsed : 0;
/** A target judged only at the full scale: null (n/a) when this run is too small to tell. */
const atScale = (enough: boolean, met: boolean): boolean | null => (enough ? met : null);
const targets15 = [
  {
    target: 'decide() on hrss ≤ 3× the fast hand-written reference (bench/hrss-fast.ts), over the incident set and on the typical incident',
    ...(fast
      ? { met: fast.ratioSet <= 3 && fast.ratioTypical <= 3, figure: `${fast.ratioSet.toFixed(1)}× over ${fastSet.length} incidents (${fmtUs(fast.decideSet.medianUs)} vs ${fmtUs(fast.fastSetResult.medianUs)}); ${fast.ratioTypical.toFixed(1)}× typical (${fmtUs(fast.decideTypical.medianUs)} vs ${fmtUs(fast.fastTypical.medianUs)}); the slower reference: ${fast.ratioTypicalSlow.toFixed(1)}× typical, ${fast.ratioCases.toFixed(1)}× over its ${cases.length}; for information, src through tsx: ${fast.ratioSetSrc.toFixed(1)}× over the set` }
      : notRun('hrss')),
  },
  {
    target: 'import of the package ≤ 100 ms (fresh process, ESM and CJS, minus an empty node process)',
    ...(startup
      ? { met: Math.max(startup.esm.importMs, startup.cjs?.importMs ?? 0) <= 100, figure: `ESM ${startup.esm.importMs.toFixed(0)} ms, CJS ${startup.cjs ? `${startup.cjs.importMs.toFixed(0)} ms` : 'not built'} (inside the process ${startup.esm.inProcessMs.toFixed(0)} / ${startup.cjs ? startup.cjs.inProcessMs.toFixed(0) : '–'} ms); CLI --version ${startup.cli ? `${startup.cli.startMs.toFixed(0)} ms` : 'not built'}` }
      : notRun('startup')),
  },
  {
    target: "first loadPlan('hrss') in a fresh process ≤ 20 ms",
    ...(startup ? { met: startup.firstLoadPlanMs <= 20, figure: `${startup.firstLoadPlanMs.toFixed(1)} ms (median of ${startup.runs} processes)` } : notRun('startup')),
  },
  {
    target: `decide and audit linear in events up to 100 000 (hostile shapes: time ∝ events^k fitted over every size, k ≤ ${MAX_GROWTH_EXPONENT} for each plan, shape and operation)`,
    ...(hostile.length > 0 && worstGrowth
      ? { met: atScale(largestEvents >= 100_000, worstGrowth.k <= MAX_GROWTH_EXPONENT), figure: `worst k ${worstGrowth.k.toFixed(2)} (${worstGrowth.plan} ${worstGrowth.shape}, ${worstGrowth.op}); all: ${growth.map((g) => `${g.plan} ${g.shape} ${g.op} ${g.k.toFixed(2)}`).join(', ')}; for information, worst single doubling ×${(2 * worstDoubling).toFixed(1)}${worstAt ? ` (${worstAt.plan} ${worstAt.shape}, ${worstAt.decide === worstDoubling ? 'decide' : 'audit'} to ${worstAt.n.toLocaleString('en')} events)` : ''}; sizes up to ${largestEvents.toLocaleString('en')} events${largestEvents >= 100_000 ? '' : '; judged only with 100 000 events'}` }
      : notRun('events')),
  },
  {
    target: 'decideMany memory flat over 1 000 000 incidents (heap after a collection grows by < 4 MiB from the first tenth to the end)',
    ...(many
      ? { met: atScale(count >= 1_000_000, flatCheck < 4 << 20), figure: `${count.toLocaleString('en')} incidents: heap ${heapCheckpoints.map((c) => fmtBytes(c.heapUsed)).join(' → ')} (${flatCheck >= 0 ? '+' : ''}${fmtBytes(flatCheck)})${count >= 1_000_000 ? '' : '; judged only with 1 000 000 incidents'}` }
      : notRun('many')),
  },
  {
    target: 'classification sub-linear in rules (10 → 1 000 rules, one fires: at most ×10 the time)',
    ...(classifyGrowth.length > 0
      ? { met: classifyGrowth[classifyGrowth.length - 1]!.classifyUs / classifyGrowth[0]!.classifyUs <= 10, figure: `classify ${RULE_COUNTS.map((n, i) => `${n} rules ${fmtUs(classifyGrowth[i]!.classifyUs)}`).join(', ')} (×${(classifyGrowth[classifyGrowth.length - 1]!.classifyUs / classifyGrowth[0]!.classifyUs).toFixed(1)}); decide ×${(classifyGrowth[classifyGrowth.length - 1]!.decideUs / classifyGrowth[0]!.decideUs).toFixed(2)}` }
      : notRun('rules')),
  },
];
for (const t of targets15) console.log(`  [${t.met === null ? '  n/a  ' : t.met ? '  met  ' : 'NOT met'}] ${t.target}: ${t.figure}`);
sectionSeconds[sectionTitle] = (Date.now() - sectionStart) / 1000;
console.log(`\n  seconds per section: ${Object.entries(sectionSeconds).map(([k, v]) => `${k.replace(/^(\d+b?)\..*$/, '$1')} ${v.toFixed(0)}`).join(', ')}`);

const results = {
  machine,
  durationSeconds: (Date.now() - started) / 1000,
  timed: libPath,
  settings: { scale: Number(process.env.BENCH_SCALE ?? 1), many: MANY, events: HOSTILE_SIZES, quick: QUICK, smoke: SMOKE, cases: fastSet.length, runs: RUNS, only: ONLY },
  sectionSeconds,
  targets,
  targets15,
  fast: fast && { cases: fastSet.length, invalid: invalidSet.length, ratioTypical: fast.ratioTypical, ratioSet: fast.ratioSet, ratioTypicalSlow: fast.ratioTypicalSlow, ratioCasesSlow: fast.ratioCases, ratioSetSrc: fast.ratioSetSrc, decideTypicalUs: fast.decideTypical.medianUs, fastTypicalUs: fast.fastTypical.medianUs, slowTypicalUs: fast.handTypical.medianUs, decideSetUs: fast.decideSet.medianUs, fastSetUs: fast.fastSetResult.medianUs, decideSetSrcUs: fast.decideSetSrc.medianUs },
  startup,
  classifyGrowth,
  eventDoublings: doublings,
  eventGrowthExponents: growth,
  planTools,
  rows: rows.map(({ section, name, result, note }) => ({ section, name: name.trim(), medianUs: result.medianUs, wallUs: result.wallUs, minUs: result.minUs, maxUs: result.maxUs, opsPerSec: result.opsPerSec, samples: result.samples, batch: result.batch, ...(note ? { note } : {}) })),
  loadPlanFirstCallUs: loadCold,
  scenarios: scenarioCount,
  hrss: fast && { ratioTypical: fast.ratioTypical, ratioCases: fast.ratioCases, timestampsWritten, obligations: typicalDecision.obligations.length },
  breakdownUs,
  classification,
  eventGrowth,
  hostile,
  dag,
  planSize,
  workingDays,
  memory,
  ruleGrowth,
  decideMany: many,
};
consume(results);
// Only a whole run of dist/ at full scale replaces bench/results.json (unless BENCH_OUT names a file).
const partial = QUICK ? (SMOKE ? 'smoke' : 'quick') : ONLY ? 'BENCH_ONLY' : process.env.BENCH_LIB && libPath !== join(here, '..', 'dist', 'index.js') ? 'BENCH_LIB' : null;
const out = process.env.BENCH_OUT ?? (partial ? null : join(here, 'results.json'));
if (out === null) {
  console.log(`\n${partial} run: bench/results.json left as it was (${results.durationSeconds.toFixed(0)} s)`);
} else {
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out} (${results.durationSeconds.toFixed(0)} s)`);
}
