// The `yuqing` program: the real file system, clock and terminal, handed to run().
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBounded } from './io.js';
import { run } from './run.js';

// A reader that stops early (`yuqing schema | head`): the rest of the output is not wanted, and that is no error.
// Any other write error (a full disk: ENOSPC) ends the program quietly with exit 1: there is nowhere to report it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
  });
}

const code = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path, maxBytes) => {
    // Non-blocking, so that a FIFO with no writer opens at once (and is then refused) instead of hanging.
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (!stat.isFile()) throw Object.assign(new Error('is not a regular file'), { code: 'ENOTREG' });
      return readBounded(fd, maxBytes);
    } finally {
      closeSync(fd);
    }
  },
  readStdin: (maxBytes) => readBounded(0, maxBytes),
  readDir: (path) => readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, directory: d.isDirectory() })),
  writeFile: (path, text, options) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { encoding: 'utf8', flag: options?.exclusive ? 'wx' : 'w' });
  },
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
