// Reading one input's bytes, with the problems a user can act on as one line each. Only regular files are
// read by name: a FIFO would wait forever for a writer, /dev/zero never ends, a device is not a document. They
// are opened without blocking and refused by what fstat says they are. Files and standard input are read up
// to MAX_BYTES and no further, so an endless stream cannot fill the memory.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { errorWords } from "./system-errors.js";

/** Bigger inputs are refused rather than parsed for minutes. */
export const MAX_BYTES = 256 * 1024 * 1024;

export class InputError extends Error {}

// Only a directory with no plan files in it is read as a file: directories are otherwise expanded.
export const DIRECTORY = "is a directory with no plan files in it (.txt .md .html .docx .pdf .doc .wps .xlsx .xls .et .odt .rtf .mht .zip)";

const MIB = 1024 * 1024;
const tooLarge = (size?: number): InputError =>
  new InputError(
    size === undefined
      ? `too large (more than ${MAX_BYTES / MIB} MiB; the limit is ${MAX_BYTES / MIB} MiB)`
      : `too large (${(size / MIB).toFixed(0)} MiB; the limit is ${MAX_BYTES / MIB} MiB)`,
  );

/** What a file that is not a regular file is, for a message: `a FIFO`, `a character device`. */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Reads `fd` to its end, or throws "too large" as soon as more than `limit` bytes have come (what was read is
 * dropped). `expected` sizes the first buffer. A non-blocking descriptor (EAGAIN) is waited for.
 */
export function readBounded(fd: number, limit = MAX_BYTES, expected = 64 * 1024): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  let buf = Buffer.allocUnsafe(Math.min(Math.max(expected + 1, 64 * 1024), limit + 1));
  let used = 0;
  for (;;) {
    if (used === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(Math.min(Math.max(buf.length, 1024 * 1024), limit + 1 - total));
      used = 0;
    }
    let n: number;
    try {
      n = readSync(fd, buf, used, buf.length - used, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        sleep(5);
        continue;
      }
      if (code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    used += n;
    total += n;
    if (total > limit) throw tooLarge();
  }
  if (chunks.length === 0) return buf.subarray(0, used);
  chunks.push(buf.subarray(0, used));
  return Buffer.concat(chunks, total);
}

function isDevNull(st: Stats): boolean {
  if (!st.isCharacterDevice()) return false;
  try {
    const null_ = statSync("/dev/null");
    return null_.rdev === st.rdev;
  } catch {
    return false;
  }
}

let stdinResult: { bytes: Uint8Array } | { error: InputError } | undefined;

/**
 * Standard input, read once per process (it cannot be read twice: a second call gets the first one's bytes or
 * error). Closed standard input (Node opens /dev/null in its place) and an empty one say so.
 */
function readStdin(): Uint8Array {
  if (!stdinResult) {
    try {
      let st: Stats;
      try {
        st = fstatSync(0);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(code === "EBADF" ? "standard input is closed" : `cannot read standard input: ${errorWords(e)}`);
      }
      if (isDevNull(st)) throw new InputError("standard input is closed (it is /dev/null)");
      if (st.isDirectory()) throw new InputError("standard input is a directory");
      if (st.isFile() && st.size > MAX_BYTES) throw tooLarge(st.size);
      let bytes: Uint8Array;
      try {
        bytes = readBounded(0, MAX_BYTES, st.isFile() ? st.size : undefined);
      } catch (e) {
        if (e instanceof InputError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(code === "EBADF" ? "standard input is closed" : `cannot read standard input: ${errorWords(e)}`);
      }
      if (bytes.byteLength === 0) throw new InputError("standard input is empty");
      stdinResult = { bytes };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      stdinResult = { error: e };
    }
  }
  if ("error" in stdinResult) throw stdinResult.error;
  return stdinResult.bytes;
}

/** Why `path` cannot be opened, for a path whose open failed with `code`. */
function openProblem(path: string, code: string | undefined, e: unknown): InputError {
  if (code === "ENOENT") {
    try {
      if (lstatSync(path).isSymbolicLink()) return new InputError("no such file (a symbolic link to nothing)");
    } catch {
      // not there at all
    }
    return new InputError("no such file");
  }
  if (code === "EACCES" || code === "EPERM") return new InputError("permission denied");
  if (code === "EISDIR") return new InputError(DIRECTORY);
  if (code === "ELOOP") return new InputError("a loop of symbolic links");
  if (code === "ENXIO") return new InputError("not a regular file (a socket)");
  if (code === "ENOTDIR") return new InputError("no such file (a part of the path is not a directory)");
  return new InputError(`cannot open: ${errorWords(e)}`);
}

export function readInputBytes(path: string): Uint8Array {
  if (path === "-") return readStdin();
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw openProblem(path, (e as NodeJS.ErrnoException).code, e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(DIRECTORY);
    if (!stat.isFile()) throw new InputError(`not a regular file (${fileKind(stat)})${path.startsWith("/dev/std") || path.startsWith("/proc/self/fd/") || path.startsWith("/dev/fd/") ? "; use - for standard input" : ""}`);
    if (stat.size > MAX_BYTES) throw tooLarge(stat.size);
    return readBounded(fd, MAX_BYTES, stat.size);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new InputError(DIRECTORY);
    throw new InputError(`cannot read: ${errorWords(e)}`);
  } finally {
    closeSync(fd);
  }
}
