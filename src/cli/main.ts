// The `yuqing` program: the real file system, clock and terminal, handed to run().
import { closeSync, fstatSync, openSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBounded } from './io.js';
import { run } from './run.js';

// A reader that stops early (`yuqing schema | head`): the rest of the output is not wanted, and that is no error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path, maxBytes) => {
    const fd = openSync(path, 'r');
    try {
      if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      return readBounded(fd, maxBytes);
    } finally {
      closeSync(fd);
    }
  },
  readStdin: (maxBytes) => readBounded(0, maxBytes),
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
