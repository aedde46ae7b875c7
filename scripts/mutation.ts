// Mutation testing of src/ one folder at a time (npm run mutation:folders [folder ...]), so a long run
// keeps what it has measured: each folder's report and incremental file stay in reports/mutation/,
// and a later run retests only what changed. `--score` prints the total over the kept reports.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['time', 'engine', 'model', 'plans', 'render', 'testing', 'decide'];
const root = join(import.meta.dirname, '..');
const out = join(root, 'reports', 'mutation');

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Mutants by status per file, over every folder report kept. */
function tally(): Map<string, Record<string, number>> {
  const files = new Map<string, Record<string, number>>();
  if (!existsSync(out)) return files;
  for (const name of readdirSync(out).filter((f) => /^folder-[a-z]+\.json$/.test(f)).sort()) {
    const report = JSON.parse(readFileSync(join(out, name), 'utf8')) as Report;
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const counts: Record<string, number> = {};
      for (const { status } of mutants) counts[status] = (counts[status] ?? 0) + 1;
      files.set(file, counts);
    }
  }
  return files;
}

/** Stryker's score: killed and timed-out mutants over all mutants that ran or had no test. */
function score(c: Record<string, number>): { detected: number; valid: number } {
  const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
  return { detected, valid: detected + (c.Survived ?? 0) + (c.NoCoverage ?? 0) };
}

function printScore(): void {
  const files = tally();
  const total: Record<string, number> = {};
  const rows: string[] = [];
  for (const [file, counts] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [status, n] of Object.entries(counts)) total[status] = (total[status] ?? 0) + n;
    const { detected, valid } = score(counts);
    rows.push(`${valid === 0 ? '   -  ' : `${((100 * detected) / valid).toFixed(1).padStart(5)}%`}  ${String(detected).padStart(4)}/${String(valid).padEnd(4)}  ${file}`);
  }
  const { detected, valid } = score(total);
  console.log(rows.join('\n'));
  console.log(`\n${files.size} files; ${Object.entries(total).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`mutation score: ${valid === 0 ? '-' : ((100 * detected) / valid).toFixed(2)}% (${detected} of ${valid} detected)`);
}

if (process.argv.includes('--score')) {
  printScore();
} else {
  const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = chosen.filter((f) => !FOLDERS.includes(f));
  if (unknown.length > 0) {
    console.error(`unknown folder(s) ${unknown.join(', ')}; choose among ${FOLDERS.join(', ')}`);
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  for (const folder of chosen.length > 0 ? chosen : FOLDERS) {
    console.error(`\n=== src/${folder} ===`);
    const args = ['stryker', 'run', '--mutate', `src/${folder}/**/*.ts,!src/**/*.test.ts`, '--incremental', '--incrementalFile', `reports/mutation/folder-${folder}.incremental.json`];
    const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    copyFileSync(join(out, 'mutation.json'), join(out, `folder-${folder}.json`));
  }
  printScore();
}
