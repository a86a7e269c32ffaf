// Command-line inputs: files, directories (read recursively for files with a known extension, in sorted
// order) and `-` for standard input. Each input keeps the name the user gave, for messages and source.name.
//
// Directory links are followed, but each real directory (by device and inode) is read once: a link back to a
// directory being read, or a second link to one read already, is skipped with a notice, so `ln -s . d/a`
// neither loops nor parses every file twice. What cannot be read is never skipped silently: an unreadable
// directory, and a link to nothing with a plan's extension, are inputs that fail with a reason (exit 2); a
// link to nothing without one is a notice.
//
// Folder runs say what they left out: files of other formats (by extension), Office lock files (`~$…`),
// hidden files and a folder's notes (README.md, LICENSE.txt) are counted and listed per directory argument in
// one notice. A `.zip` of attachments becomes its members, each an input of its own named
// `archive.zip!/附件1.docx` (src/input/archive.ts).
import { lstatSync, readdirSync, statSync, type BigIntStats } from "node:fs";
import { join } from "node:path";
import { archiveMembers, notADocument, zipKind } from "../input/archive.js";
import { INPUT_EXTENSIONS } from "../input/index.js";
import { DIRECTORY, InputError, readInputBytes } from "../input/read-file.js";
import { errorWords } from "../input/system-errors.js";

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
const ZIP = /\.zip$/i;

/** What a directory walk left out, for one notice. */
interface Left {
  byExtension: Map<string, number>;
  lockFiles: string[];
  hidden: number;
  /** README.md, CHANGELOG.txt, LICENSE…: a folder's notes about its files, never a plan of its own. */
  notes: string[];
}

// Names of a folder's notes (any extension): a README.md beside the plans is Markdown, and would be read as a
// plan that fails ("no numbered headings"), failing a run of a folder of good plans.
const NOTES = /^(?:readme|changelog|changes|license|licence|contributing|authors|notice|copying)(?:\.[^.]*)?$/i;

function leftNotice(left: Left): string | null {
  const parts: string[] = [];
  const exts = [...left.byExtension].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const files = exts.reduce((n, [, c]) => n + c, 0);
  if (files > 0) parts.push(`${exts.map(([e, c]) => `${c} ${e}`).join(", ")} (not a plan format)`);
  if (left.lockFiles.length > 0) {
    const shown = left.lockFiles.slice(0, 3).join(", ") + (left.lockFiles.length > 3 ? ", …" : "");
    parts.push(`${left.lockFiles.length} Office lock file${left.lockFiles.length === 1 ? "" : "s"} (${shown})`);
  }
  if (left.notes.length > 0) parts.push(`${left.notes.length} folder note${left.notes.length === 1 ? "" : "s"} (${left.notes.slice(0, 3).join(", ")}${left.notes.length > 3 ? ", …" : ""})`);
  if (left.hidden > 0) parts.push(`${left.hidden} hidden file${left.hidden === 1 ? "" : "s"} or folder${left.hidden === 1 ? "" : "s"}`);
  return parts.length === 0 ? null : parts.join("; ");
}

const identity = (st: BigIntStats): string => `${st.dev}:${st.ino}`;

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Reads a directory argument into `out`; returns what it left out (a notice), or null. */
function walk(root: string, rootStat: BigIntStats, out: Input[], onSkip: OnSkip): string | null {
  const left: Left = { byExtension: new Map(), lockFiles: [], hidden: 0, notes: [] };
  // Real directories read so far (dev:ino → the path it was read under).
  const seen = new Map<string, string>([[identity(rootStat), root]]);
  const visitDir = (dir: string): string[] => {
    try {
      return readdirSync(dir).sort();
    } catch (e) {
      out.push({ path: dir, name: dir, problem: `cannot read the directory: ${codeOf(e) === "EACCES" ? "permission denied" : errorWords(e)}` });
      return [];
    }
  };
  // Iterative and depth-first in sorted order: a stack of the paths still to visit, each directory's entries
  // pushed in reverse.
  const pending: string[] = [];
  const expand = (dir: string): void => {
    const entries = visitDir(dir)
      .filter((e) => {
        if (e === "node_modules") return false;
        if (e.startsWith(".")) left.hidden++;
        else if (e.startsWith("~$")) left.lockFiles.push(e);
        else return true;
        return false;
      })
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
      const reason = link ? "a symbolic link to nothing" : `cannot read: ${errorWords(e)}`;
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
    } else if (ZIP.test(path)) addZip(path, out, onSkip);
    else if (KNOWN.test(path) && !NOTES.test(path.slice(path.lastIndexOf("/") + 1))) out.push({ path, name: path });
    else if (KNOWN.test(path)) left.notes.push(path.slice(path.lastIndexOf("/") + 1));
    else {
      const base = path.slice(path.lastIndexOf("/") + 1);
      const ext = /\.[^.]+$/.exec(base)?.[0]?.toLowerCase() ?? "without extension";
      left.byExtension.set(ext, (left.byExtension.get(ext) ?? 0) + 1);
    }
  }
  return leftNotice(left);
}

/**
 * A `.zip`: an archive of attachments becomes its members (each with its bytes, named `a.zip!/附件1.docx`);
 * a zip that is really a .docx, .xlsx or .odt stays one input, read by its content. A zip that cannot be read
 * is an input that fails with the reason.
 */
function addZip(path: string, out: Input[], onSkip: OnSkip): void {
  let bytes: Uint8Array;
  try {
    bytes = readInputBytes(path);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    out.push({ path, name: path, problem: e.message });
    return;
  }
  const kind = zipKind(bytes);
  if (kind !== null && kind !== "zip") {
    out.push({ path, name: path, bytes });
    return;
  }
  const read = archiveMembers(bytes, path, (base) => KNOWN.test(base) && notADocument(base) === null);
  if (!read.ok) {
    out.push({ path, name: path, problem: read.problem });
    return;
  }
  for (const s of read.skipped) onSkip(s.name, s.reason);
  if (read.members.length === 0) {
    out.push({ path, name: path, problem: `the zip archive holds no plan files${read.skipped.length > 0 ? ` (${read.skipped.length} other file${read.skipped.length === 1 ? "" : "s"})` : ""}` });
    return;
  }
  for (const m of read.members) out.push({ path: m.name, name: m.name, bytes: m.bytes });
}

/**
 * Expands directories; a missing path stays in the list, so that reading it reports the problem in order. A
 * directory with no plan files in it stays too, as an input whose reading says so. `onSkip` hears about each
 * directory link skipped (read already), each broken link without a plan's extension, what each directory
 * argument left out (one notice: other formats by extension, lock files, hidden files), and each member of a
 * zip archive that is not a plan format.
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
      const left = walk(arg, st, out, onSkip);
      // Nothing to read: the input fails, and says what the directory holds instead.
      if (out.length === before) out.push({ path: arg, name: arg, ...(left !== null ? { problem: `${DIRECTORY}; it holds ${left}` } : {}) });
      else if (left !== null) onSkip(arg, left);
    } else if (st?.isFile() && ZIP.test(arg)) addZip(arg, out, onSkip);
    else out.push({ path: arg, name: arg });
  }
  return out;
}
