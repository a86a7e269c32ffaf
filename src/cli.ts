// The command line: the only place that reads files, prints, colours and chooses exit codes.
// Exit codes: 0 ok · 1 findings under --strict, or an invalid file under `validate` · 2 usage or input error.
import { Chalk, supportsColor, supportsColorStderr, type ChalkInstance } from "chalk";
import { Command, CommanderError, Option } from "commander";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { renderOutline } from "./outline-text.js";
import { parsePlanBytes } from "./parse-plan.js";
import type { Diagnostic, PlanDocument } from "./schema.js";

declare const PLAN_PARSE_VERSION: string;
const VERSION = typeof PLAN_PARSE_VERSION === "string" ? PLAN_PARSE_VERSION : "0.0.0-dev";

/** Bigger inputs are refused rather than parsed for minutes. */
const MAX_BYTES = 256 * 1024 * 1024;

type Format = "json" | "yaml" | "tree";

class InputError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colours for standard output and for standard error: each follows its own stream's terminal. */
  color: ChalkInstance;
  errColor: ChalkInstance;
}

function readInput(file: string): Uint8Array {
  if (file === "-") {
    try {
      return readFileSync(0);
    } catch (e) {
      throw new InputError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("no such file");
    if (code === "EACCES" || code === "EPERM") throw new InputError("permission denied");
    if (code === "EISDIR") throw new InputError("is a directory, not a file");
    throw new InputError(`cannot open (${code ?? (e as Error).message})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError("is a directory, not a file");
    if (stat.size > MAX_BYTES) {
      throw new InputError(`too large (${(stat.size / 1048576).toFixed(0)} MiB; the limit is ${MAX_BYTES / 1048576} MiB)`);
    }
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new InputError("is a directory, not a file");
    throw new InputError(`cannot read (${code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/** Writes through a temporary file and a rename, so a failure never leaves half a file behind. */
function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new InputError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function formatDiagnostic(file: string, d: Diagnostic, c: ChalkInstance): string {
  const sev = d.severity === "error" ? c.red.bold("error") : d.severity === "warning" ? c.yellow.bold("warning") : c.blue("info");
  return `${file}:${d.span.start.line}:${d.span.start.column}: ${sev} ${d.code}: ${d.message}`;
}

async function serialize(docs: PlanDocument[], format: Format, c: ChalkInstance): Promise<string> {
  if (format === "tree") return docs.map((d) => renderOutline(d, c)).join("\n");
  if (format === "yaml") {
    const { stringify } = await import("yaml");
    return docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
  }
  return JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2) + "\n";
}

// `.tree.txt`, not `.txt`: an outline must never land on the plan it was made from.
const EXTENSION: Record<Format, string> = { json: ".json", yaml: ".yaml", tree: ".tree.txt" };

interface ParseCommandOptions {
  format: Format;
  output?: string;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  year?: number;
}

async function runParse(files: string[], opts: ParseCommandOptions, io: Io): Promise<number> {
  const c = io.errColor;
  let status = 0;
  const docs: { file: string; doc: PlanDocument }[] = [];
  let outputIsDir = false;
  if (opts.output) {
    try {
      outputIsDir = statSync(opts.output).isDirectory();
    } catch {
      outputIsDir = opts.output.endsWith("/");
    }
    if (!outputIsDir && files.length > 1) {
      io.err(`plan-parse: -o ${opts.output}: with several inputs, -o must name a directory (end it with /)`);
      return 2;
    }
    // Decided before anything is parsed: an output that would overwrite an input or another output.
    const inputs = new Set(files.filter((f) => f !== "-").map((f) => resolve(f)));
    const targets = new Map<string, string>();
    for (const file of outputIsDir ? files : [files[0]!]) {
      const target = resolve(outputIsDir ? join(opts.output, outputName(file, opts.format)) : opts.output);
      if (inputs.has(target)) {
        io.err(`plan-parse: -o ${opts.output}: the output for ${file} would overwrite an input`);
        return 2;
      }
      const other = targets.get(target);
      if (other !== undefined) {
        io.err(`plan-parse: -o ${opts.output}: ${other} and ${file} would both be written to ${target}`);
        return 2;
      }
      targets.set(target, file);
    }
    if (outputIsDir) {
      try {
        mkdirSync(opts.output, { recursive: true });
      } catch (e) {
        io.err(`plan-parse: -o ${opts.output}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        return 2;
      }
    }
  }
  for (const file of files) {
    const shown = file === "-" ? "<stdin>" : file;
    let bytes: Uint8Array;
    try {
      bytes = readInput(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`${c.red.bold("error")} ${shown}: ${e.message}`);
      status = 2;
      continue;
    }
    const result = parsePlanBytes(bytes, { name: shown, ...(opts.year ? { year: opts.year } : {}) });
    if (!result.ok) {
      io.err(`${c.red.bold("error")} ${shown}: ${result.problem}`);
      status = 2;
      continue;
    }
    const doc = result.document;
    const noPlan = doc.diagnostics.find((d) => d.code === "no-plan");
    if (noPlan) {
      io.err(`${c.red.bold("error")} ${shown}: not a plan: ${noPlan.message.replace(/: this does not look like a plan$/, "")}`);
      status = 2;
      continue;
    }
    for (const d of doc.diagnostics) {
      if (d.severity === "info" && !opts.verbose) continue;
      if (d.severity !== "error" && opts.quiet) continue;
      io.err(formatDiagnostic(shown, d, c));
    }
    if (opts.strict && doc.diagnostics.some((d) => d.severity !== "info")) status = Math.max(status, 1);
    docs.push({ file, doc });
  }

  const plain = new Chalk({ level: 0 });
  const write = async (target: string, list: PlanDocument[]): Promise<void> => {
    try {
      writeAtomic(target, await serialize(list, opts.format, plain));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`${c.red.bold("error")} ${e.message}`);
      status = 2;
    }
  };
  if (opts.output && outputIsDir) {
    for (const { file, doc } of docs) await write(join(opts.output, outputName(file, opts.format)), [doc]);
  } else if (opts.output) {
    if (docs.length > 0) await write(opts.output, docs.map((d) => d.doc));
  } else if (docs.length > 0) {
    io.out(await serialize(docs.map((d) => d.doc), opts.format, opts.format === "tree" ? io.color : plain));
  }
  return status;
}

function outputName(file: string, format: Format): string {
  return (file === "-" ? "stdin" : basename(file, extname(file))) + EXTENSION[format];
}

async function runValidate(files: string[], io: Io): Promise<number> {
  const c = io.errColor;
  const { PlanDocument } = await import("./schema.js");
  let status = 0;
  for (const file of files) {
    let value: unknown;
    try {
      const text = Buffer.from(readInput(file)).toString("utf8");
      if (/\.ya?ml$/i.test(file) || !/^\s*[[{]/.test(text)) {
        const { parse } = await import("yaml");
        value = parse(text);
      } else value = JSON.parse(text);
    } catch (e) {
      io.err(`${c.red.bold("error")} ${file}: ${e instanceof InputError ? e.message : `not JSON or YAML: ${(e as Error).message.split("\n")[0]}`}`);
      status = 2;
      continue;
    }
    const docs = Array.isArray(value) ? value : [value];
    let bad = 0;
    docs.forEach((doc, i) => {
      const result = PlanDocument.safeParse(doc);
      if (result.success) return;
      for (const issue of result.error.issues) {
        const path = [...(Array.isArray(value) ? [i] : []), ...issue.path];
        const jsonPath = "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
        io.err(`${file}: ${c.yellow(jsonPath)}: ${issue.message}`);
        bad++;
      }
    });
    if (bad > 0) status = Math.max(status, 1);
    else io.out(`${file}: ${io.color.green("valid")} ${docs.length === 1 ? "plan-parse/v1 document" : `${docs.length} plan-parse/v1 documents`}\n`);
  }
  return status;
}

export async function main(argv: string[], io?: Partial<Io>): Promise<number> {
  const useColor = !process.env.NO_COLOR && !argv.includes("--no-color");
  const level = (support: typeof supportsColor): 0 | 1 | 2 | 3 => (useColor && support ? support.level : 0);
  const sink: Io = {
    out: io?.out ?? ((s) => process.stdout.write(s)),
    err: io?.err ?? ((s) => process.stderr.write(s + "\n")),
    color: new Chalk({ level: level(supportsColor) }),
    errColor: new Chalk({ level: level(supportsColorStderr) }),
  };
  let status = 0;
  const program = new Command()
    .name("plan-parse")
    .description("Turn a Chinese government work plan (工作要点, 重点工作安排, 监管计划) into a plan-parse/v1 task tree.")
    .version(VERSION, "-V, --version")
    .argument("[files...]", "plan text files (UTF-8, UTF-16 or GB18030); - reads standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(["json", "yaml", "tree"]).default("json"))
    .option("-o, --output <file|dir>", "write here instead of standard output (a directory: one file per input)")
    .option("--strict", "exit 1 when the document has any warning")
    .option("-q, --quiet", "do not print warnings to standard error")
    .option("--verbose", "also print informational diagnostics")
    .option("--no-color", "no colours (NO_COLOR works too)")
    .addOption(new Option("--year <year>", "the plan's year, when the document does not say").argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1900 || n > 2200) throw new CommanderError(2, "plan-parse.year", `--year: not a year: ${v}`);
      return n;
    }))
    .addHelpText(
      "after",
      `
Examples:
  plan-parse plan.txt                       the task tree as JSON
  plan-parse plan.txt --format tree         an outline with owners and deadlines
  plan-parse plans/*.txt -o out/            one JSON file per plan into out/
  cat plan.txt | plan-parse - --format yaml
  plan-parse plan.txt --strict > plan.json  fail (exit 1) on a duplicate number or unreadable bracket
  plan-parse schema > plan-parse-v1.schema.json
  plan-parse validate plan.json

Exit codes: 0 ok, 1 warnings under --strict (or invalid under validate), 2 usage or input error.`,
    )
    .showHelpAfterError("(plan-parse --help for usage)")
    .configureOutput({ writeOut: (s) => sink.out(s), writeErr: (s) => sink.err(s.replace(/\n$/, "")) })
    .exitOverride()
    .action(async (files: string[], opts: ParseCommandOptions) => {
      if (files.length === 0) {
        program.outputHelp({ error: true });
        status = 2;
        return;
      }
      status = await runParse(files, opts, sink);
    });

  program
    .command("schema")
    .description("print the JSON Schema of the plan-parse/v1 output")
    .action(async () => {
      const { planJsonSchema } = await import("./schema.js");
      sink.out(JSON.stringify(planJsonSchema(), null, 2) + "\n");
    });

  program
    .command("validate")
    .description("check plan-parse/v1 JSON or YAML files against the schema; prints each problem with its JSON path")
    .argument("<files...>", "JSON or YAML files")
    .action(async (files: string[]) => {
      status = await runValidate(files, sink);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (e.code === "plan-parse.year") sink.err(`plan-parse: ${e.message}`);
      return 2;
    }
    throw e;
  }
  return status;
}

export async function run(): Promise<void> {
  // A closed pipe (`plan-parse plan.txt | head`) is not an error worth a trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`plan-parse: internal error: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
