// The `yuqing` program: the real file system, clock and terminal, handed to run().
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  interactive: Boolean(process.stderr.isTTY),
});
process.exitCode = code;
