// Writing an output file without ever writing where it should not: through a temporary file that is created
// exclusively (O_CREAT|O_EXCL, a random name, mode 0600, in the target's own directory, so a symbolic link
// planted at the temporary name is never followed) and renamed over the target once complete, so a failure
// never leaves half a file. The temporary files are named `.{name}.plan-parse-{12 hex digits}.tmp`: removed
// on SIGINT, SIGTERM and SIGHUP (the process then exits 130, 143, 129), and a later run writing to the same
// directory removes the ones of ours older than an hour (left by a kill -9 or a power cut).
//
// What the target may be:
// - missing or a regular file: written through a temporary file and a rename (an existing file keeps its mode);
// - a character device or a FIFO (/dev/null, /dev/stdout on a pipe, a named pipe): written in place, never
//   replaced;
// - a directory, a block device or a socket: refused;
// - a symbolic link: followed, and what it points to is treated as above (the link stays a link and the real
//   file is replaced) — unless the link sits in a directory that others may write to and belongs neither to
//   you nor to the directory's owner: such a link may have been planted, and is refused (the rule Linux's
//   fs.protected_symlinks applies to opening files). A link to nothing is refused.
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../input/read-file.js";
import { errorWords } from "../input/system-errors.js";

export { errorWords };
import { terminalLine } from "../outputs/terminal-text.js";

/** A write that failed, in one line naming the file; `code` is the system's error code (ENOSPC, EROFS, …). */
export class OutputError extends InputError {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Codes after which writing anything more to the same file system is pointless. */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

const fail = (path: string, e: unknown, what = "cannot write"): OutputError =>
  new OutputError(`${what} ${terminalLine(path)}: ${errorWords(e)}`, (e as NodeJS.ErrnoException)?.code);

// ---------------------------------------------------------------------------------------------------------
// Temporary files: naming, removal on signals, removal of stale ones

/** Our temporary files, and only ours: `.{name}.plan-parse-{12 hex}.tmp`. */
export const TEMP_NAME = /^\..*\.plan-parse-[0-9a-f]{12}\.tmp$/s;
/** A temporary file of ours older than this was left by a process that is gone. */
export const STALE_MS = 60 * 60 * 1000;

function tempName(target: string): string {
  // Room for the suffix within the usual 255-byte name limit.
  const base = Buffer.from(basename(target)).subarray(0, 150).toString("utf8").replace(/\uFFFD+$/, "");
  // node:crypto loads here, not at start-up: it costs a cold start about 7 ms, and most runs write to stdout.
  const { randomBytes } = process.getBuiltinModule("node:crypto");
  return join(dirname(target), `.${base}.plan-parse-${randomBytes(6).toString("hex")}.tmp`);
}

const live = new Set<string>();
let handlersInstalled = false;

function removeLive(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  live.clear();
}

/** Before the first temporary file exists: a signal then removes it before the process ends. */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const signals: Array<[NodeJS.Signals, number]> = [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ];
  for (const [signal, status] of signals) {
    process.on(signal, () => {
      removeLive();
      process.exit(status);
    });
  }
  process.on("exit", removeLive);
  // A signal that came during a synchronous write waits in the event loop, which may have no more work by
  // then (signal handlers do not keep it alive): one more turn delivers it, so the exit status still says
  // the run was interrupted.
  process.once("beforeExit", () => setImmediate(() => undefined));
}

const cleaned = new Set<string>();

/** Removes our temporary files older than STALE_MS in `dir` (once per directory per run); never follows links. */
export function removeStaleTemporaries(dir: string, now = Date.now()): void {
  const key = resolve(dir);
  if (cleaned.has(key)) return;
  cleaned.add(key);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const uid = process.geteuid?.();
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    if (live.has(path)) continue;
    try {
      const st = lstatSync(path);
      if (!st.isFile() || (uid !== undefined && st.uid !== uid) || now - st.mtimeMs < STALE_MS) continue;
      unlinkSync(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes all of `data`, waiting out a full pipe (EAGAIN). */
function writeAll(fd: number, data: string | Uint8Array): void {
  const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let off = 0;
  while (off < buf.byteLength) {
    try {
      off += writeSync(fd, buf, off, buf.byteLength - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      sleep(2);
    }
  }
}

/** An output being written: `write` as often as needed, then `commit` (or `abort`). */
export interface OutputFile {
  /** The name the output was asked for. */
  readonly target: string;
  write(data: string | Uint8Array): void;
  /** Makes the output visible under its name (renames the temporary file over it). */
  commit(): void;
  /** Leaves the target as it was and removes the temporary file. */
  abort(): void;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isBlockDevice()) return "a block device";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isFIFO()) return "a FIFO";
  if (st.isSocket()) return "a socket";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** Throws when `link` may have been planted: another user's link in a directory others may write to. */
function checkLinkOwner(link: string, st: Stats): void {
  const uid = process.geteuid?.();
  if (uid === undefined || st.uid === uid) return;
  let dir: Stats;
  try {
    dir = statSync(dirname(link));
  } catch {
    return;
  }
  if ((dir.mode & 0o022) === 0 || st.uid === dir.uid) return;
  throw new OutputError(
    `refusing to write ${terminalLine(link)}: a symbolic link owned by another user (uid ${st.uid}) in a directory others may write to`,
    "ELINKOWNER",
  );
}

/** What the target is; follows a symbolic link (see the rules at the top). */
function examine(target: string): { kind: "new" } | { kind: "file"; path: string; st: Stats } | { kind: "in-place"; st: Stats } {
  let st: Stats;
  try {
    st = lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "new" };
    throw fail(target, e);
  }
  let path = target;
  if (st.isSymbolicLink()) {
    checkLinkOwner(target, st);
    try {
      st = statSync(target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new OutputError(`refusing to write ${terminalLine(target)}: a symbolic link to nothing`, "ENOENT");
      throw fail(target, e);
    }
    if (st.isFile()) {
      try {
        path = realpathSync(target);
      } catch (e) {
        throw fail(target, e);
      }
    }
  }
  if (st.isFile()) return { kind: "file", path, st };
  if (st.isCharacterDevice() || st.isFIFO()) return { kind: "in-place", st };
  throw new OutputError(`refusing to write ${terminalLine(target)}: ${kindOf(st)}, not a regular file`, "ENOTREG");
}

function openInPlace(target: string, st: Stats): OutputFile {
  // A FIFO opens without waiting for a reader (ENXIO when there is none, instead of hanging).
  const flags = constants.O_WRONLY | (constants.O_NOCTTY ?? 0) | (st.isFIFO() ? (constants.O_NONBLOCK ?? 0) : 0);
  let fd: number;
  try {
    fd = openSync(target, flags);
  } catch (e) {
    throw fail(target, e);
  }
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    // Swapped for a regular file between the look and the open: writing would truncate nothing but is not
    // what was examined; refuse.
    if (fstatSync(fd).isFile()) throw new OutputError(`refusing to write ${terminalLine(target)}: it changed while being opened`, "ECHANGED");
  } catch (e) {
    close();
    throw e instanceof OutputError ? e : fail(target, e);
  }
  return {
    target,
    write(data) {
      try {
        writeAll(fd, data);
      } catch (e) {
        close();
        throw fail(target, e);
      }
    },
    commit() {
      try {
        close();
      } catch (e) {
        throw fail(target, e);
      }
    },
    abort() {
      try {
        close();
      } catch {
        // nothing more to do
      }
    },
  };
}

function currentUmask(): number {
  try {
    return process.umask();
  } catch {
    return 0o022;
  }
}

function openReplacing(target: string, path: string, existing: Stats | null): OutputFile & { readonly tempPath: string; readonly fd: number } {
  removeStaleTemporaries(dirname(path));
  installHandlers();
  let tmp = "";
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = tempName(path);
    try {
      // wx: O_CREAT|O_EXCL, which never follows a symbolic link at that name.
      fd = openSync(tmp, "wx", 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && attempt < 8) continue;
      throw fail(target, e);
    }
  }
  live.add(tmp);
  let done = false;
  const discard = (): void => {
    if (done) return;
    done = true;
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    try {
      unlinkSync(tmp);
    } catch {
      // gone already
    }
    live.delete(tmp);
  };
  return {
    target,
    tempPath: tmp,
    fd,
    write(data) {
      if (done) throw new OutputError(`cannot write ${terminalLine(target)}: already closed`);
      try {
        writeAll(fd, data);
      } catch (e) {
        discard();
        throw fail(target, e);
      }
    },
    commit() {
      if (done) throw new OutputError(`cannot write ${terminalLine(target)}: already closed`);
      try {
        fchmodSync(fd, existing ? existing.mode & 0o7777 : 0o666 & ~currentUmask());
        if (existing && process.geteuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) {
          try {
            fchownSync(fd, existing.uid, existing.gid);
          } catch {
            // keep root's ownership
          }
        }
        closeSync(fd);
        done = true;
        renameSync(tmp, path);
        live.delete(tmp);
      } catch (e) {
        done = false;
        discard();
        throw fail(target, e);
      }
    },
    abort: discard,
  };
}

/** Opens `target` for writing by the rules at the top of this file. Throws OutputError. */
export function openOutput(target: string): OutputFile {
  const what = examine(target);
  if (what.kind === "in-place") return openInPlace(target, what.st);
  if (what.kind === "file") return openReplacing(target, what.path, what.st);
  return openReplacing(target, target, null);
}

/**
 * A replacement for `target` that a library writes by its file name (an SQLite database): `path` names the
 * temporary file (created as for openOutput, in the target's directory), `commit` renames it over the target
 * once the library has closed it, `abort` removes it. With `copyExisting`, the temporary file starts as a copy
 * of the target's current contents (`existing` says whether there were any), so the library can add to them
 * and a failure still leaves the target as it was. Only a regular file (or a missing one) can be replaced so:
 * a device, a FIFO or a directory is refused. Throws OutputError.
 */
export interface OutputPath {
  readonly target: string;
  readonly path: string;
  readonly existing: boolean;
  commit(): void;
  abort(): void;
}

export function openOutputPath(target: string, options: { copyExisting?: boolean } = {}): OutputPath {
  const what = examine(target);
  if (what.kind === "in-place") {
    throw new OutputError(`refusing to write ${terminalLine(target)}: ${kindOf(what.st)}; this output must be a regular file`, "ENOTREG");
  }
  const out = what.kind === "file" ? openReplacing(target, what.path, what.st) : openReplacing(target, target, null);
  const existing = what.kind === "file" && what.st.size > 0;
  if (existing && options.copyExisting) {
    let src = -1;
    try {
      src = openSync(what.path, "r");
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n; (n = readSync(src, buf, 0, buf.length, null)) > 0; ) out.write(buf.subarray(0, n));
    } catch (e) {
      out.abort();
      throw e instanceof OutputError ? e : fail(target, e, "cannot read");
    } finally {
      if (src >= 0) closeSync(src);
    }
  }
  return { target, path: out.tempPath, existing, commit: () => out.commit(), abort: () => out.abort() };
}

/** Writes `data` (or its pieces, in order) to `target` whole or not at all. Throws OutputError. */
export function writeAtomic(target: string, data: string | Uint8Array | readonly string[]): void {
  const out = openOutput(target);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) out.write(data);
    else for (const piece of data) out.write(piece);
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Directories and identities

/**
 * mkdir -p that reports the real cause: a missing directory on a read-only file system is EROFS, not the
 * ENOENT Node's recursive mkdir reports. Throws OutputError.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let p = resolve(path);
  for (;;) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw fail(p, e, "cannot create a directory in");
      missing.unshift(p);
      const parent = dirname(p);
      if (parent === p) break;
      p = parent;
      continue;
    }
    if (!st.isDirectory()) throw new OutputError(`cannot create ${terminalLine(path)}: ${terminalLine(p)} is not a directory`, "ENOTDIR");
    break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && statSync(dir).isDirectory()) continue;
      throw fail(dir, e, "cannot create");
    }
  }
}

/** `dev:ino` of what `path` names (links followed; "-" is standard input), or undefined when there is none. */
export function fileIdentity(path: string): string | undefined {
  try {
    const st = path === "-" ? fstatSync(0, { bigint: true }) : statSync(path, { bigint: true });
    return st.isFile() ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The input an output at `target` would overwrite — the same file by device and inode, so a symbolic or
 * hard link, `./x` or `-` with `< x` count too — or undefined.
 */
export function inputAt(target: string, inputs: ReadonlyMap<string, string>): string | undefined {
  const id = fileIdentity(target);
  return id === undefined ? undefined : inputs.get(id);
}

/** Identity → name of each input that is a regular file. */
export function inputIdentities(inputs: ReadonlyArray<{ path: string; name: string }>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const input of inputs) {
    const id = fileIdentity(input.path);
    if (id !== undefined && !ids.has(id)) ids.set(id, input.name);
  }
  return ids;
}
