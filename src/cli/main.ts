// The `yuqing` program: the real file system, clock and terminal, handed to run().
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

/** Reads a file descriptor to its end as UTF-8, but never more than maxBytes + 1 bytes (/dev/zero, a huge file, a pipe that never ends). */
function readBounded(fd: number, maxBytes = Infinity): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking standard input with nothing yet: wait for it.
      if ((error as { code?: string }).code === 'EAGAIN') continue;
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
  }
  return Buffer.concat(chunks).toString('utf8');
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
