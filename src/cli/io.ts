import { readSync } from 'node:fs';

/** Everything the CLI touches outside itself, injected so that tests run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Reads a UTF-8 text file; throws (ENOENT, EISDIR, ENOTREG for a FIFO, a device or a socket, …) when it cannot. Given `maxBytes`, it may stop
   * reading past that many bytes and throw an error whose code is 'EFBIG' (the CLI checks the size again).
   */
  readFile: (path: string, maxBytes?: number) => string;
  /** Reads standard input as UTF-8 text (for `--incident -`), with the same `maxBytes` contract; absent where there is none. */
  readStdin?: (maxBytes?: number) => string;
  /** The entries of a directory; throws when it is not one. */
  readDir: (path: string) => { name: string; directory: boolean }[];
  /**
   * Writes a UTF-8 text file, making its directory first; with `exclusive`, throws an error whose code is
   * 'EEXIST' when the file exists. Absent where the CLI may not write (then `migrate --write` and `init` refuse).
   */
  writeFile?: (path: string, text: string, options?: { exclusive?: boolean }) => void;
  /** Whether a path is a directory (false when it does not exist). */
  isDirectory: (path: string) => boolean;
  /** The clock, read only by `decide` when no `--now` is given. */
  now: () => Date;
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** The package's own rules/ directory: what `test` and `mutate` run when not told a directory and the working directory has no rules/. */
  bundledRules?: string;
  /** Whether stderr is a terminal: progress is then redrawn in place. */
  interactive?: boolean;
}

/** Display width of a text in a terminal: CJK and full-width characters take two columns. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    w += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ? 2 : 1;
  }
  return w;
}

const pad = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - width(text)));

/** A plain-text table: a header row, a rule, then the rows, columns aligned (the last one is not padded). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const columns = header.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
  const line = (row: readonly string[]): string => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, columns[i] as number))).join('  ').trimEnd();
  return [line(header), columns.map((c) => '─'.repeat(c)).join('  '), ...rows.map(line)].join('\n');
}

/** Something to wait on: Atomics.wait on it sleeps this thread without spinning. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps the thread for `ms` milliseconds. */
const sleep = (ms: number): void => void Atomics.wait(pause, 0, 0, ms);

/**
 * Reads a file descriptor to its end as UTF-8, but never more than maxBytes + 1 bytes (/dev/zero, a huge
 * file, a pipe that never ends): past that, an error whose code is 'EFBIG'. A non-blocking descriptor
 * with nothing to read yet (EAGAIN: a pipe or socket its writer made so) is waited on 10 ms at a time,
 * asleep, never spinning. `read` and `wait` are the system's, replaceable in tests.
 */
export function readBounded(fd: number, maxBytes = Infinity, read: typeof readSync = readSync, wait: (ms: number) => void = sleep): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    let n: number;
    try {
      n = read(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as { code?: string }).code === 'EAGAIN') {
        wait(10);
        continue;
      }
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
  }
  return Buffer.concat(chunks).toString('utf8');
}
