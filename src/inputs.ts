// Command-line inputs: files, directories (read recursively for files with a known extension, in sorted
// order) and `-` for standard input. Each input keeps the name the user gave, for messages and source.name.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { INPUT_EXTENSIONS } from "./input/index.js";

export interface Input {
  /** Path to read, or "-" for standard input. */
  path: string;
  /** The name shown in messages and in source.name. */
  name: string;
  /** The input's bytes, when the caller has read them already. */
  bytes?: Uint8Array;
}

const KNOWN = new RegExp(`\\.(${INPUT_EXTENSIONS.join("|")})$`, "i");

function walk(dir: string, out: Input[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(".") || entry === "node_modules") continue;
    const path = join(dir, entry);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) walk(path, out);
    else if (KNOWN.test(entry)) out.push({ path, name: path });
  }
}

/**
 * Expands directories; a missing path stays in the list, so that reading it reports the problem in order. A
 * directory with no plan files in it stays too, as an input whose reading says so.
 */
export function expandInputs(args: readonly string[]): Input[] {
  const out: Input[] = [];
  for (const arg of args) {
    if (arg === "-") {
      out.push({ path: "-", name: "<stdin>" });
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // reported when read
    }
    if (isDir) {
      const before = out.length;
      walk(arg, out);
      if (out.length === before) out.push({ path: arg, name: arg });
    } else out.push({ path: arg, name: arg });
  }
  return out;
}
