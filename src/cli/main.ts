// The `yuqing` program: the real file system, clock and terminal, handed to run().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  readDir: (path) => readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, directory: d.isDirectory() })),
  isDirectory: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  now: () => new Date(),
  cwd: process.cwd(),
  // dist/cli.js → the package's rules/ (shipped in "files").
  bundledRules: fileURLToPath(new URL('../rules', import.meta.url)),
  interactive: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
