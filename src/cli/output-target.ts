// What `-o` means, for every command that writes (see README, "-o"):
// - `-o -` is standard output;
// - a name ending in a separator (`out/`; on Windows also `out\`), or an existing directory, is a directory;
// - otherwise a file, and its extension says the format (.json .yaml/.yml .ndjson/.jsonl .csv .tsv .xlsx, and
//   .txt for a command's text form: the parse command's tree, the agencies table); `--format` given as well
//   must agree, and a format the command does not write is refused with the command that does. A name with
//   no known extension takes --format (or the command's default).
// - a directory gets one file per input, the inputs' folders mirrored under it (mirroredNames): plans/ with
//   a/2021年工作要点.txt and b/2021年工作要点.txt gives out/a/2021年工作要点.json and out/b/2021年工作要点.json.
import { statSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";

/** Format names by extension; `text` is the command's text form. The longest match wins (.tree.txt over .txt). */
const EXTENSIONS: ReadonlyArray<[RegExp, string]> = [
  [/\.tree\.txt$/i, "tree"],
  [/\.json$/i, "json"],
  [/\.ya?ml$/i, "yaml"],
  [/\.(?:ndjson|jsonl)$/i, "ndjson"],
  [/\.csv$/i, "csv"],
  [/\.tsv$/i, "tsv"],
  [/\.xlsx$/i, "xlsx"],
  [/\.(?:sqlite3?|db)$/i, "sqlite"],
  [/\.parquet$/i, "parquet"],
  [/\.txt$/i, "text"],
];

/** Which command writes a format, for the message when another is asked to. */
const WRITER: Record<string, string> = {
  json: "plan-parse or plan-parse agencies",
  yaml: "plan-parse",
  ndjson: "plan-parse or plan-parse table",
  tree: "plan-parse",
  csv: "plan-parse table or plan-parse agencies",
  tsv: "plan-parse table",
  xlsx: "plan-parse table or plan-parse agencies",
  sqlite: "plan-parse export",
  parquet: "plan-parse export",
};

/** The format a file name's extension names (`text` for .txt), or undefined. */
export function formatOfName(path: string): string | undefined {
  return EXTENSIONS.find(([re]) => re.test(path))?.[1];
}

/** A name that ends in a path separator: `/` everywhere, and `\` on Windows. */
export function endsWithSeparator(path: string, platform: NodeJS.Platform = process.platform): boolean {
  return path.endsWith("/") || (platform === "win32" && path.endsWith("\\"));
}

/** -o names a directory: it ends with a separator, or it is an existing directory. */
export function isDirectoryTarget(path: string, platform: NodeJS.Platform = process.platform): boolean {
  if (endsWithSeparator(path, platform)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface FormatChoice<F extends string> {
  /** The format to write. */
  format: F;
  /** Where: undefined for standard output. */
  output: string | undefined;
  /** -o names a directory. */
  directory: boolean;
}

/**
 * The format and target for a command's -o and --format, or the one-line reason to refuse them.
 * `formats`: what the command writes; `text`: its text form, for .txt (none: .txt says nothing);
 * `explicit`: --format was given on the command line.
 */
export function chooseFormat<F extends string>(
  command: string,
  output: string | undefined,
  format: F,
  explicit: boolean,
  formats: readonly F[],
  text?: F,
): FormatChoice<F> | { problem: string } {
  if (output === undefined || output === "-") return { format, output: undefined, directory: false };
  if (isDirectoryTarget(output)) return { format, output, directory: true };
  const named = formatOfName(output);
  const implied = named === "text" ? text : named;
  if (implied === undefined) return { format, output, directory: false };
  const who = command === "plan-parse" ? "plan-parse" : `plan-parse ${command}`;
  if (!(formats as readonly string[]).includes(implied)) {
    const writer = WRITER[implied];
    return { problem: `-o ${output}: ${who} writes ${formats.join(", ")}, not ${implied}${writer ? ` (${writer} does)` : ""}` };
  }
  if (explicit && implied !== format) {
    return { problem: `-o ${output}: the name says ${implied}, --format says ${format} (leave one out, or make them agree)` };
  }
  return { format: implied as F, output, directory: false };
}

/** The input's path relative to the deepest folder holding all the inputs (the names when two would collide). */
function underCommonFolder(inputs: ReadonlyArray<{ path: string }>, extension: string): string[] {
  const dirs = inputs.filter((i) => i.path !== "-").map((i) => dirname(resolve(i.path)));
  let base = dirs[0] ?? resolve(".");
  for (const d of dirs.slice(1)) {
    while (base !== dirname(base) && d !== base && !d.startsWith(base.endsWith(sep) ? base : base + sep)) base = dirname(base);
  }
  return inputs.map((i) => {
    if (i.path === "-") return `stdin${extension}`;
    const full = resolve(i.path);
    const name = basename(full, extname(full)) + extension;
    const folder = dirname(relative(base, full));
    return folder === "." ? name : join(folder, name);
  });
}

/**
 * The output paths under -o dir/ for each input, relative to dir, the input's extension replaced by
 * `extension` (standard input is `stdin` + extension): a plan found in a directory argument (one of `roots`)
 * keeps its folders below that directory (plans/马村区/2021年工作要点.txt → 马村区/2021年工作要点.json); a file
 * argument is its name. When two inputs would still get one name (a/x.txt and b/x.txt given as files), every
 * input keeps its folders below the deepest folder holding them all (a/x.json, b/x.json).
 */
export function mirroredNames(inputs: ReadonlyArray<{ path: string }>, extension: string, roots: readonly string[] = []): string[] {
  const dirs = roots.map((r) => resolve(r));
  const names = inputs.map((i) => {
    if (i.path === "-") return `stdin${extension}`;
    const full = resolve(i.path);
    const name = basename(full, extname(full)) + extension;
    const root = dirs.find((d) => full.startsWith(d.endsWith(sep) ? d : d + sep));
    if (root === undefined) return name;
    const folder = dirname(relative(root, full));
    return folder === "." ? name : join(folder, name);
  });
  const seen = new Set<string>();
  for (const n of names) {
    const k = n.toLowerCase();
    if (seen.has(k)) return underCommonFolder(inputs, extension);
    seen.add(k);
  }
  return names;
}
