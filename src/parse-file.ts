// The library's one-call entry for a file on disk: reads it (regular files only, up to the input limit), detects
// its format and parses it. The name in `source.name` is the path as given, never made absolute.
import type { BytesResult } from "./pipeline/parse-plan.js";
import { parseInput, type InputOptions } from "./input/index.js";
import { InputError, readInputBytes } from "./input/read-file.js";

/** Parses the plan in a file: `{ ok: true, document }`, or `{ ok: false, problem }` saying in words what is wrong
 *  with the file (missing, not a regular file, too large, not a plan …). Never throws for a bad file. */
export async function parseFile(path: string, options: InputOptions = {}): Promise<BytesResult> {
  let bytes: Uint8Array;
  try {
    bytes = readInputBytes(path);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problem: e.message };
    throw e;
  }
  return parseInput(bytes, { name: path, ...options });
}
