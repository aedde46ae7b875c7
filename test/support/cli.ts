import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run, type CliIo } from '../../src/cli/run.js';

/** The repository's root: the CLI's working directory unless a test gives another. */
export const root = join(import.meta.dirname, '..', '..');

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with the real file system (unless `io` replaces a part), a fixed clock (or `now`) and captured output. */
export async function yuqing(args: string[], options: { cwd?: string; now?: Date; io?: Partial<CliIo> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (path) => readFileSync(path, 'utf8'),
    readDir: (path) => readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, directory: d.isDirectory() })),
    writeFile: (path, text, o) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { encoding: 'utf8', flag: o?.exclusive ? 'wx' : 'w' });
    },
    isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
    now: () => options.now ?? new Date('2026-03-02T01:10:00Z'),
    cwd: options.cwd ?? root,
    bundledRules: join(root, 'rules'),
    interactive: false,
    ...options.io,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** A writer of files under `dir`: JSON for anything but a text; returns the file's path. */
export const writerIn =
  (dir: string) =>
  (name: string, content: unknown): string => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
