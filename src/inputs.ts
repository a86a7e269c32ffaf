// Command-line inputs: files, directories (read recursively for files with a known extension, in sorted
// order) and `-` for standard input. Each input keeps the name the user gave, for messages and source.name.
//
// Directory links are followed, but each real directory (by device and inode) is read once: a link back to a
// directory being read, or a second link to one read already, is skipped with a notice, so `ln -s . d/a`
// neither loops nor parses every file twice. What cannot be read is never skipped silently: an unreadable
// directory, and a link to nothing with a plan's extension, are inputs that fail with a reason (exit 2); a
// link to nothing without one is a notice.
import { lstatSync, readdirSync, statSync, type BigIntStats } from "node:fs";
import { join } from "node:path";
import { INPUT_EXTENSIONS } from "./input/index.js";

export interface Input {
  /** Path to read, or "-" for standard input. */
  path: string;
  /** The name shown in messages and in source.name. */
  name: string;
  /** The input's bytes, when the caller has read them already. */
  bytes?: Uint8Array;
  /** Set when the input is known to fail before it is read (an unreadable directory): the reason. */
  problem?: string;
}

/** Something left out while reading directories, and why (for a notice on standard error). */
export type OnSkip = (path: string, reason: string) => void;

const KNOWN = new RegExp(`\\.(${INPUT_EXTENSIONS.join("|")})$`, "i");

const identity = (st: BigIntStats): string => `${st.dev}:${st.ino}`;

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function walk(root: string, rootStat: BigIntStats, out: Input[], onSkip: OnSkip): void {
  // Real directories read so far (dev:ino → the path it was read under).
  const seen = new Map<string, string>([[identity(rootStat), root]]);
  const visitDir = (dir: string): string[] => {
    try {
      return readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: dir, name: dir, problem: `cannot read the directory (${codeOf(e) === "EACCES" ? "permission denied" : codeOf(e)})` });
      return [];
    }
  };
  // Iterative and depth-first in sorted order: a stack of the paths still to visit, each directory's entries
  // pushed in reverse.
  const pending: string[] = [];
  const expand = (dir: string): void => {
    const entries = visitDir(dir)
      .filter((e) => !e.startsWith(".") && e !== "node_modules")
      .map((e) => join(dir, e));
    for (let i = entries.length - 1; i >= 0; i--) pending.push(entries[i]!);
  };
  expand(root);
  while (pending.length > 0) {
    const path = pending.pop()!;
    let st: BigIntStats;
    try {
      st = statSync(path, { bigint: true });
    } catch (e) {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        // gone meanwhile
      }
      const reason = link ? "a symbolic link to nothing" : `cannot read (${codeOf(e)})`;
      if (KNOWN.test(path)) out.push({ path, name: path, problem: link ? "no such file (a symbolic link to nothing)" : reason });
      else onSkip(path, reason);
      continue;
    }
    if (st.isDirectory()) {
      const id = identity(st);
      const first = seen.get(id);
      if (first !== undefined) {
        onSkip(path, `the directory ${first} is read already (a link to it, or a loop)`);
        continue;
      }
      seen.set(id, path);
      expand(path);
    } else if (KNOWN.test(path)) out.push({ path, name: path });
  }
}

/**
 * Expands directories; a missing path stays in the list, so that reading it reports the problem in order. A
 * directory with no plan files in it stays too, as an input whose reading says so. `onSkip` hears about each
 * directory link skipped (read already) and each broken link without a plan's extension.
 */
export function expandInputs(args: readonly string[], onSkip: OnSkip = () => undefined): Input[] {
  const out: Input[] = [];
  for (const arg of args) {
    if (arg === "-") {
      out.push({ path: "-", name: "<stdin>" });
      continue;
    }
    let st: BigIntStats | undefined;
    try {
      st = statSync(arg, { bigint: true });
    } catch {
      // reported when read
    }
    if (st?.isDirectory()) {
      const before = out.length;
      walk(arg, st, out, onSkip);
      if (out.length === before) out.push({ path: arg, name: arg });
    } else out.push({ path: arg, name: arg });
  }
  return out;
}
