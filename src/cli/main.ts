// The command line: the only place that reads files, prints, colours and chooses exit codes.
// Exit codes: 0 ok · 1 findings (--strict warnings, `diff` differences, an invalid file under `validate`) ·
// 2 usage or input error (for many inputs: some input failed; the others' outputs are complete).
import { Chalk, supportsColor, supportsColorStderr, type ChalkInstance } from "chalk";
import { Command, CommanderError, Option } from "commander";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { INPUT_FORMATS, type InputFormat } from "../input/index.js";
import { expandInputs, type Input } from "./inputs.js";
import { processInput, type Emit, type Outcome } from "./process-input.js";
import { progressBar, type Progress } from "./progress.js";
import { InputError, readInputBytes } from "../input/read-file.js";
import { nestedTooDeeply, NestingError, nestsDeeperThan } from "../input/nesting.js";
import { runMany } from "./run-many.js";
import { errorWords, inputAt, inputIdentities, isDiskFull, makeDirectory, openOutput, OutputError, writeAtomic, type OutputFile } from "./safe-write.js";
import { terminalLine, terminalText } from "../outputs/terminal-text.js";
import { chooseFormat, isDirectoryTarget, mirroredNames } from "./output-target.js";
import type { Diagnostic, PlanDocument } from "../schema.js";

declare const PLAN_PARSE_VERSION: string;
const VERSION = typeof PLAN_PARSE_VERSION === "string" ? PLAN_PARSE_VERSION : "0.0.0-dev";

type Format = "json" | "yaml" | "tree" | "ndjson";

interface Io {
  /** Writes to standard output; resolves when the stream can take more (back-pressure for big corpora). */
  out: (s: string) => void | Promise<void>;
  err: (s: string) => void;
  /** Colours for standard output and for standard error: each follows its own stream's terminal. */
  color: ChalkInstance;
  errColor: ChalkInstance;
  /** Shows a progress bar on standard error (only when it is a terminal). */
  progress: (total: number) => Progress;
}

function formatDiagnostic(file: string, d: Diagnostic, c: ChalkInstance): string {
  const sev = d.severity === "error" ? c.red.bold("error") : d.severity === "warning" ? c.yellow.bold("warning") : c.blue("info");
  return `${terminalLine(file)}:${d.span.start.line}:${d.span.start.column}: ${sev} ${terminalLine(d.code)}: ${terminalLine(d.message)}`;
}

/** Says on standard error what reading directories left out (a link to a directory read already, …). */
const skipNotice = (io: Io) => (path: string, reason: string): void => io.err(`plan-parse: skipped ${terminalLine(path)}: ${terminalLine(reason)}`);

/** Refuses (with one line) an output that is one of the inputs, by device and inode: `table plan.txt -o plan.txt`. */
function overwritesInput(output: string | undefined, inputs: readonly Input[], io: Io): boolean {
  if (!output) return false;
  const clash = inputAt(output, inputIdentities(inputs));
  if (clash !== undefined) io.err(`plan-parse: -o ${terminalLine(output)}: would overwrite the input ${terminalLine(clash)}`);
  return clash !== undefined;
}

// `.tree.txt`, not `.txt`: an outline must never land on the plan it was made from.
const EXTENSION: Record<Format, string> = { json: ".json", yaml: ".yaml", tree: ".tree.txt", ndjson: ".ndjson" };

/** Refuses (with one line) an -o and --format that disagree; else the format and target to write. */
function outputChoice<F extends string>(command: string, opts: { output?: string; format: F; formatExplicit?: boolean }, formats: readonly F[], io: Io, text?: F) {
  const choice = chooseFormat(command, opts.output, opts.format, opts.formatExplicit === true, formats, text);
  if ("problem" in choice) io.err(`plan-parse: ${terminalLine(choice.problem)}`);
  return "problem" in choice ? null : choice;
}

/** Bytes to standard output (an .xlsx into a pipe); refused on a terminal, where they would be noise. */
async function outBytes(bytes: Uint8Array, io: Io, what: string): Promise<boolean> {
  if (process.stdout.isTTY) {
    io.err(`plan-parse: ${what} is a binary file: name one with -o (-o tasks.xlsx), or send standard output to a file`);
    return false;
  }
  if (!process.stdout.write(bytes)) await once(process.stdout, "drain");
  return true;
}

/** The built-in agency table extended by --aliases FILE; null (after one line) when the file is bad. */
async function readAgencyTable(path: string | undefined, io: Io) {
  const { agencyTableWith, loadAliases } = await import("../outputs/agencies.js");
  if (!path) return { table: agencyTableWith(), aliases: undefined };
  try {
    const aliases = loadAliases(Buffer.from(readInputBytes(path)).toString("utf8").replace(/^\uFEFF/, ""));
    return { table: agencyTableWith(aliases), aliases };
  } catch (e) {
    io.err(`${io.errColor.red.bold("error")} ${terminalLine(path)}: ${terminalLine((e as Error).message.split("\n")[0] ?? "")}`);
    return null;
  }
}

interface CommonOptions {
  inputFormat?: InputFormat;
  year?: number;
  jobs: number;
  quiet?: boolean;
  verbose?: boolean;
  progress: boolean;
}

interface ParseCommandOptions extends CommonOptions {
  format: Format;
  /** --format was given on the command line (not the default). */
  formatExplicit?: boolean;
  output?: string;
  strict?: boolean;
}

/** The bundled worker next to the CLI bundle; null when running from source (tests run everything in process). */
function workerFile(): string | null {
  return typeof __dirname === "string" && /[\\/]dist[\\/]?$/.test(__dirname) ? join(__dirname, "worker.cjs") : null;
}

/**
 * Standard input is read once, by the main thread, and handed to whoever parses it. When it cannot be read
 * (closed, empty, too large), the bytes are empty (nothing else reads it) and `problem` says why.
 */
function stdinBytes(inputs: readonly Input[]): { bytes?: Uint8Array; problem?: string } {
  if (!inputs.some((i) => i.path === "-")) return {};
  try {
    return { bytes: readInputBytes("-") };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { bytes: new Uint8Array(), problem: e.message };
  }
}

interface Failure {
  name: string;
  problem: string;
}

/**
 * Runs every input through `emit`, calls `use` in input order for each success, prints diagnostics, and
 * reports failures: one line for a single input, a summary at the end for many.
 */
async function eachInput(
  inputs: readonly Input[],
  opts: CommonOptions & { strict?: boolean },
  emit: Emit,
  io: Io,
  use: (outcome: Extract<Outcome, { ok: true }>, input: Input, index: number) => void | Promise<void>,
  colorLevel: 0 | 1 | 2 | 3 = 0,
): Promise<{ failures: Failure[]; warned: boolean; total: number }> {
  const c = io.errColor;
  const failures: Failure[] = [];
  let warned = false;
  const bar = io.progress(inputs.length);
  const { bytes: stdin, problem: stdinProblem } = stdinBytes(inputs);
  const options = {
    emit,
    colorLevel,
    ...(opts.inputFormat ? { format: opts.inputFormat } : {}),
    ...(opts.year ? { year: opts.year } : {}),
    ...(stdin ? { stdin } : {}),
  };
  await runMany(inputs, options, { jobs: opts.jobs, workerFile: workerFile(), onProgress: (d) => bar.update(d) }, async (index, outcome) => {
    // Known to fail before it was read (an unreadable directory, standard input that is closed): that reason.
    const known = inputs[index]!.problem ?? (inputs[index]!.path === "-" ? stdinProblem : undefined);
    if (known !== undefined) outcome = { ok: false, name: inputs[index]!.name, problem: known };
    if (!outcome.ok) {
      failures.push({ name: outcome.name, problem: outcome.problem });
      return;
    }
    for (const d of outcome.diagnostics) {
      if (d.severity === "info" && !opts.verbose) continue;
      if (d.severity !== "info") warned = true;
      if (d.severity !== "error" && opts.quiet) continue;
      bar.above(formatDiagnostic(outcome.name, d, c));
    }
    if (opts.verbose && outcome.stats) {
      const s = outcome.stats;
      bar.above(
        `${terminalLine(outcome.name)}: ${s.nodes} nodes, ${s.tasks} tasks, ${s.withProgress} with progress, ` +
          `${s.unreadableAttributions} unreadable attributions, ${s.warnings} warnings`,
      );
    }
    await use(outcome, inputs[index]!, index);
  });
  bar.finish();
  for (const f of failures) io.err(`${c.red.bold("error")} ${terminalLine(f.name)}: ${terminalLine(f.problem)}`);
  if (inputs.length > 1 && failures.length > 0) io.err(`plan-parse: ${failures.length} of ${inputs.length} inputs failed`);
  return { failures, warned, total: inputs.length };
}

async function runParse(args: string[], options: ParseCommandOptions, io: Io): Promise<number> {
  const c = io.errColor;
  const choice = outputChoice("plan-parse", options, ["json", "yaml", "tree", "ndjson"], io, "tree");
  if (!choice) return 2;
  const opts: ParseCommandOptions = { ...options, format: choice.format, output: choice.output };
  const inputs = expandInputs(args, skipNotice(io));
  const outputIsDir = choice.directory;
  // Under -o dir/, each input's output mirrors its folder (two 2021年工作要点.txt in two folders do not collide).
  const names = outputIsDir ? mirroredNames(inputs, EXTENSION[opts.format], args.filter((a) => a !== "-" && isDirectoryTarget(a))) : [];
  if (opts.output) {
    if (!outputIsDir && inputs.length > 1) {
      io.err(`plan-parse: -o ${terminalLine(opts.output)}: with several inputs, -o must name a directory (end it with /)`);
      return 2;
    }
    // Decided before anything is parsed: an output that would overwrite an input (by name, or by device and
    // inode: a link, `-` from a file) or another output.
    const sources = new Set(inputs.filter((i) => i.path !== "-").map((i) => resolve(i.path)));
    const identities = inputIdentities(inputs);
    const targets = new Map<string, string>();
    for (const [i, input] of (outputIsDir ? inputs : inputs.slice(0, 1)).entries()) {
      const target = resolve(outputIsDir ? join(opts.output, names[i]!) : opts.output);
      if (sources.has(target) || inputAt(target, identities) !== undefined) {
        io.err(`plan-parse: -o ${terminalLine(opts.output)}: the output for ${terminalLine(input.name)} would overwrite an input`);
        return 2;
      }
      const other = targets.get(target);
      if (other !== undefined) {
        io.err(`plan-parse: -o ${terminalLine(opts.output)}: ${terminalLine(other)} and ${terminalLine(input.name)} would both be written to ${terminalLine(target)}`);
        return 2;
      }
      targets.set(target, input.name);
    }
    if (outputIsDir) {
      try {
        makeDirectory(opts.output);
      } catch (e) {
        io.err(`plan-parse: -o ${terminalLine(opts.output)}: cannot create the directory (${e instanceof OutputError ? e.message : errorWords(e)})`);
        return 2;
      }
    }
  }

  // Several documents on one stream: a JSON array, YAML documents, outlines one after another, NDJSON lines.
  const many = inputs.length > 1;
  let count = 0;
  // A document comes in pieces (its JSON may be longer than one string can be), and is written piece by piece.
  const piece = (chunks: readonly string[]): string[] => {
    const first = count++ === 0;
    if (opts.format === "ndjson") return [...chunks, "\n"];
    if (opts.format === "json") return many ? [first ? "[\n  " : ",\n  ", ...chunks.map((c) => c.replace(/\n/g, "\n  "))] : [...chunks, "\n"];
    if (opts.format === "yaml") return [first ? "" : "---\n", ...chunks];
    return [first ? "" : "\n", ...chunks];
  };
  const closing = (): string => (opts.format === "json" && many ? (count > 0 ? "\n]\n" : "[]\n") : "");

  const treeLevel = opts.format === "tree" && !opts.output ? (io.color.level as 0 | 1 | 2 | 3) : 0;
  let writeFailed = false;
  // -o file: the documents go into the temporary file as they come, and it is renamed into place at the end.
  let file = null as OutputFile | null;
  // After a failed write to -o file, or a full disk under -o dir/, nothing more is attempted: one line says
  // why, and the summary counts the outputs not written.
  let stopped = false;
  let notWritten = 0;
  const writeError = (e: unknown): void => {
    if (!(e instanceof InputError)) throw e;
    writeFailed = true;
    if (isDiskFull(e)) stopped = true;
    io.err(`${c.red.bold("error")} ${e.message}${stopped && outputIsDir ? "; nothing more is written" : ""}`);
  };
  const result = await eachInput(inputs, opts, opts.format, io, async (outcome, _input, index) => {
    const chunks = outcome.chunks!;
    if (opts.output && stopped) notWritten++;
    else if (opts.output && outputIsDir) {
      try {
        const target = join(opts.output, names[index]!);
        if (names[index]!.includes("/") || names[index]!.includes("\\")) makeDirectory(dirname(target));
        writeAtomic(target, opts.format === "json" || opts.format === "ndjson" ? [...chunks, "\n"] : chunks);
      } catch (e) {
        writeError(e);
        if (stopped) notWritten++;
      }
    } else if (opts.output) {
      try {
        file ??= openOutput(opts.output);
        for (const p of piece(chunks)) file.write(p);
      } catch (e) {
        file = null;
        stopped = true;
        writeError(e);
      }
    } else for (const p of piece(chunks)) await io.out(p);
  }, treeLevel);
  if (file) {
    try {
      file.write(closing());
      file.commit();
    } catch (e) {
      writeError(e);
    }
  } else if (!opts.output && (count > 0 || (many && opts.format === "json"))) {
    const end = closing();
    if (end) await io.out(end);
  }
  if (notWritten > 0 && outputIsDir) io.err(`plan-parse: ${notWritten} of ${inputs.length} outputs not written: the disk is full`);
  if (result.failures.length > 0 || result.total === 0 || writeFailed) return 2;
  return opts.strict && result.warned ? 1 : 0;
}

/** JSON or YAML, by the name's extension, else by whether the text starts like JSON. Throws on bad syntax. */
async function parseDataFile(name: string, raw: string): Promise<unknown> {
  const text = raw.replace(/^\uFEFF/, ""); // a byte order mark, as Windows editors write
  if (/\.ya?ml$/i.test(name) || (!/\.json$/i.test(name) && !/^\s*[[{]/.test(text))) return (await import("../input/yaml-data.js")).parseYaml(text);
  return JSON.parse(text);
}

/** A plan file, or a plan-parse/v1 document written as JSON or YAML (for `diff`). */
async function loadDocument(name: string, opts: CommonOptions): Promise<{ ok: true; doc: PlanDocument } | { ok: false; problem: string }> {
  let bytes: Uint8Array;
  try {
    bytes = readInputBytes(name);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problem: e.message };
    throw e;
  }
  if (/\.(json|ya?ml)$/i.test(name)) {
    let value: unknown;
    try {
      value = await parseDataFile(name, Buffer.from(bytes).toString("utf8"));
    } catch (e) {
      if (e instanceof NestingError) return { ok: false, problem: `not a plan-parse/v1 document (${e.message})` };
      return { ok: false, problem: `not JSON or YAML: ${(e as Error).message.split("\n")[0]}` };
    }
    if (nestsDeeperThan(value)) return { ok: false, problem: `not a plan-parse/v1 document (${nestedTooDeeply()})` };
    const { PlanDocument } = await import("../schema.js");
    const parsed = PlanDocument.safeParse(value);
    if (!parsed.success) return { ok: false, problem: `not a plan-parse/v1 document (${parsed.error.issues[0]?.message ?? "invalid"})` };
    return { ok: true, doc: parsed.data };
  }
  // The bytes already read go along: standard input cannot be read twice.
  const outcome = await processInput(
    { path: name, name: name === "-" ? "<stdin>" : name, bytes },
    { emit: "document", ...(opts.inputFormat ? { format: opts.inputFormat } : {}), ...(opts.year ? { year: opts.year } : {}) },
  );
  return outcome.ok ? { ok: true, doc: outcome.document! } : { ok: false, problem: outcome.problem };
}

interface DiffCommandOptions extends CommonOptions {
  format?: "text" | "json";
  ignore?: string[];
  aliases?: string;
}

const IGNORABLE = ["text", "title", "owners", "deadlines", "progress", "structure"] as const;

async function runDiff(a: string, b: string, opts: DiffCommandOptions, io: Io): Promise<number> {
  const c = io.errColor;
  const [left, right] = [await loadDocument(a, opts), await loadDocument(b, opts)];
  let bad = false;
  for (const [name, r] of [[a, left], [b, right]] as const) {
    if (!r.ok) {
      io.err(`${c.red.bold("error")} ${terminalLine(name)}: ${terminalLine(r.problem)}`);
      bad = true;
    }
  }
  if (!left.ok || !right.ok || bad) return 2;
  const ignore = (opts.ignore ?? []).flatMap((s) => s.split(",")).filter(Boolean);
  const unknown = ignore.find((k) => !(IGNORABLE as readonly string[]).includes(k));
  if (unknown) {
    io.err(`plan-parse: --ignore ${unknown}: one of ${IGNORABLE.join(", ")}`);
    return 2;
  }
  const agencies = await readAgencyTable(opts.aliases, io);
  if (!agencies) return 2;
  const { diffPlans } = await import("../diff/diff.js");
  const report = diffPlans(left.doc, right.doc, { ignore: ignore as (typeof IGNORABLE)[number][], agencies: agencies.table });
  const format = opts.format ?? (process.stdout.isTTY ? "text" : "json");
  if (format === "json") await io.out(JSON.stringify(report, null, 2) + "\n");
  else {
    const { renderDiffText } = await import("../diff/render.js");
    await io.out(renderDiffText(report, io.color));
  }
  return report.equal ? 0 : 1;
}

interface TableCommandOptions extends CommonOptions {
  format: "csv" | "tsv" | "ndjson" | "xlsx";
  formatExplicit?: boolean;
  output?: string;
  aliases?: string;
}

/** A command that writes one file: -o naming a directory is refused (one line). */
function oneFile(command: string, output: string, io: Io): false {
  io.err(`plan-parse: -o ${terminalLine(output)}: a directory, not a regular file: ${command} writes one file (name it, e.g. -o ${command === "table" ? "tasks" : "agencies"}.xlsx)`);
  return false;
}

async function runTable(args: string[], options: TableCommandOptions, io: Io): Promise<number> {
  const { tableRows, formatRows, partyRows, tableWorkbook } = await import("../outputs/table.js");
  const inputs = expandInputs(args, skipNotice(io));
  if (overwritesInput(options.output, inputs, io)) return 2;
  const choice = outputChoice("table", options, ["csv", "tsv", "ndjson", "xlsx"], io);
  if (!choice) return 2;
  if (choice.directory) return oneFile("table", choice.output!, io), 2;
  const opts = { ...options, format: choice.format, output: choice.output };
  const agencies = opts.format === "xlsx" ? await readAgencyTable(opts.aliases, io) : { table: undefined };
  if (!agencies) return 2;
  const chunks: string[] = [];
  const rows: ReturnType<typeof tableRows> = [];
  const parties: ReturnType<typeof partyRows> = [];
  let first = true;
  const result = await eachInput(inputs, opts, "document", io, async (outcome) => {
    if (opts.format === "xlsx") {
      rows.push(...tableRows(outcome.document!));
      parties.push(...partyRows(outcome.document!, agencies.table));
      return;
    }
    const text = formatRows(tableRows(outcome.document!), opts.format, { header: first, bom: first && opts.format === "csv" });
    first = false;
    if (opts.output) chunks.push(text);
    else await io.out(process.stdout.isTTY ? terminalText(text) : text);
  });
  const failed = result.failures.length > 0 || result.total === 0;
  if (opts.format === "xlsx" && !(failed && rows.length === 0)) {
    const bytes = await tableWorkbook(rows, parties);
    if (!opts.output) return (await outBytes(bytes, io, "xlsx")) && !failed ? 0 : 2;
    if (!writeOrSay(opts.output, bytes, io)) return 2;
  } else if (opts.output && opts.format !== "xlsx" && !writeOrSay(opts.output, chunks.join(""), io)) return 2;
  return failed ? 2 : 0;
}

/** writeAtomic, saying why in one line when it fails. */
function writeOrSay(target: string, data: string | Uint8Array, io: Io): boolean {
  try {
    writeAtomic(target, data);
    return true;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(`${io.errColor.red.bold("error")} ${e.message}`);
    return false;
  }
}

interface AgenciesCommandOptions extends CommonOptions {
  format: "table" | "csv" | "json" | "xlsx";
  formatExplicit?: boolean;
  aliases?: string;
  output?: string;
  followRenamings?: boolean;
}

async function runAgencies(args: string[], options: AgenciesCommandOptions, io: Io): Promise<number> {
  const { agencyMatrix, renderAgencies, agenciesWorkbook } = await import("../outputs/agencies.js");
  const agencies = await readAgencyTable(options.aliases, io);
  if (!agencies) return 2;
  // Only what the matrix needs is kept, so memory grows with the parties, not with the documents' text.
  const docs: PlanDocument[] = [];
  const slim = (nodes: PlanDocument["outline"]): PlanDocument["outline"] =>
    nodes.map((n) => ({ ...n, text: "", title: "", progress: null, tasks: n.tasks.map((t) => ({ ...t, text: "" })), children: slim(n.children) }));
  const inputs = expandInputs(args, skipNotice(io));
  if (overwritesInput(options.output, inputs, io)) return 2;
  const choice = outputChoice("agencies", options, ["table", "csv", "json", "xlsx"], io, "table");
  if (!choice) return 2;
  if (choice.directory) return oneFile("agencies", choice.output!, io), 2;
  const opts = { ...options, format: choice.format, output: choice.output };
  const result = await eachInput(inputs, opts, "document", io, (outcome) => {
    const d = outcome.document!;
    docs.push({ ...d, preamble: "", diagnostics: [], outline: slim(d.outline) });
  });
  const failed = result.failures.length > 0 || result.total === 0;
  const matrix = agencyMatrix(docs, agencies.aliases, { table: agencies.table, followRenamings: opts.followRenamings === true });
  if (opts.format === "xlsx") {
    if (docs.length === 0) return 2;
    const bytes = await agenciesWorkbook(matrix);
    if (!opts.output) return (await outBytes(bytes, io, "xlsx")) && !failed ? 0 : 2;
    return writeOrSay(opts.output, bytes, io) && !failed ? 0 : 2;
  }
  // Colours only for a terminal: a file gets the plain table.
  const text = renderAgencies(matrix, opts.format, opts.output ? undefined : io.color);
  if (opts.output) {
    if (!writeOrSay(opts.output, text, io)) return 2;
  } else if (docs.length > 0) await io.out(opts.format === "csv" && process.stdout.isTTY ? terminalText(text) : text);
  return failed ? 2 : 0;
}

interface ExportCommandOptions extends CommonOptions {
  format?: "sqlite" | "parquet";
  output: string;
}

/** `export`: the documents into an SQLite file or Parquet files (src/export/), one at a time as they come. */
async function runExport(args: string[], opts: ExportCommandOptions, io: Io): Promise<number> {
  const c = io.errColor;
  const { exportFormatFor, openExport } = await import("../export/index.js");
  const chosen = exportFormatFor(opts.output, opts.format);
  if ("problem" in chosen) {
    io.err(`plan-parse: ${chosen.problem}`);
    return 2;
  }
  const inputs = expandInputs(args, skipNotice(io));
  if (overwritesInput(opts.output, inputs, io)) return 2;
  let exporter;
  try {
    exporter = await openExport({ output: opts.output, format: chosen.format, version: VERSION });
  } catch (e) {
    io.err(`${c.red.bold("error")} ${terminalLine((e as Error).message)}`);
    return 2;
  }
  let failed: unknown = null;
  // Inputs whose bytes are there already (by sha256) are not parsed again.
  const fresh = inputs.filter((i) => i.problem !== undefined || !exporter.hasInput(i.path));
  const result = await eachInput(fresh, opts, "document", io, (outcome) => {
    if (failed === null) {
      try {
        exporter.add(outcome.document!);
      } catch (e) {
        failed = e;
      }
    }
  });
  try {
    if (failed !== null) throw failed;
    exporter.finish();
  } catch (e) {
    exporter.abort();
    io.err(`${c.red.bold("error")} ${terminalLine(opts.output)}: ${terminalLine((e as Error).message)}; nothing was written`);
    return 2;
  }
  // What was added, even under --quiet (it says no warning): a second export of the same files adds nothing.
  const s = exporter.summary();
  io.err(
    `plan-parse: ${terminalLine(opts.output)}: ${s.added} ${s.added === 1 ? "document" : "documents"} added` +
      (s.skipped > 0 ? `, ${s.skipped} already there` : "") +
      `; now ${s.rows.documents} documents, ${s.rows.tasks} tasks, ${s.rows.task_parties} task parties, ${s.rows.deadlines} deadlines`,
  );
  return result.failures.length > 0 || inputs.length === 0 ? 2 : 0;
}

async function runValidate(files: string[], io: Io): Promise<number> {
  const c = io.errColor;
  const { PlanDocument } = await import("../schema.js");
  let status = 0;
  for (const file of files) {
    let value: unknown;
    try {
      value = await parseDataFile(file, Buffer.from(readInputBytes(file)).toString("utf8"));
    } catch (e) {
      if (e instanceof NestingError) {
        io.err(`${terminalLine(file)}: ${c.yellow("$")}: ${terminalLine(e.message)}`);
        status = Math.max(status, 1);
        continue;
      }
      io.err(`${c.red.bold("error")} ${terminalLine(file)}: ${terminalLine(e instanceof InputError ? e.message : `not JSON or YAML: ${(e as Error).message.split("\n")[0]}`)}`);
      status = 2;
      continue;
    }
    const docs = Array.isArray(value) ? value : [value];
    let bad = 0;
    docs.forEach((doc, i) => {
      if (nestsDeeperThan(doc)) {
        io.err(`${file}: ${c.yellow(Array.isArray(value) ? `$[${i}]` : "$")}: ${nestedTooDeeply()}`);
        bad++;
        return;
      }
      const result = PlanDocument.safeParse(doc);
      if (result.success) return;
      for (const issue of result.error.issues) {
        const path = [...(Array.isArray(value) ? [i] : []), ...issue.path];
        const jsonPath = "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
        io.err(`${terminalLine(file)}: ${c.yellow(terminalLine(jsonPath))}: ${terminalLine(issue.message)}`);
        bad++;
      }
    });
    if (bad > 0) status = Math.max(status, 1);
    else await io.out(`${terminalLine(file)}: ${io.color.green("valid")} ${docs.length === 1 ? "plan-parse/v1 document" : `${docs.length} plan-parse/v1 documents`}\n`);
  }
  return status;
}

function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new CommanderError(2, "plan-parse.option", `${name}: not a whole number from ${min} to ${max}: ${v}`);
    return n;
  };
}

/** Options every command that reads plans takes. */
function withInputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--input-format <format>", "read every input as this format instead of detecting it").choices([...INPUT_FORMATS]))
    .addOption(new Option("--year <year>", "the plan's year, when the document does not say").argParser(intOption("--year", 1900, 2200)))
    .addOption(new Option("-j, --jobs <n>", "parse on this many worker threads").argParser(intOption("--jobs", 1, 64)).default(availableParallelism(), "the number of cores"))
    .option("-q, --quiet", "do not print warnings to standard error")
    .option("--verbose", "also print informational diagnostics")
    .option("--no-progress", "no progress bar (it only shows on a terminal anyway)");
}

export async function main(argv: string[], io?: Partial<Io>): Promise<number> {
  const useColor = !process.env.NO_COLOR && !argv.includes("--no-color");
  const level = (support: typeof supportsColor): 0 | 1 | 2 | 3 => (useColor && support ? support.level : 0);
  const writeStdout = async (s: string): Promise<void> => {
    if (!process.stdout.write(s)) await once(process.stdout, "drain");
  };
  const sink: Io = {
    out: io?.out ?? writeStdout,
    // Without colours no escape sequence of ours is in a message: any that is came from a document or a name.
    err: io?.err ?? ((s) => process.stderr.write((level(supportsColorStderr) === 0 ? terminalText(s) : s) + "\n")),
    color: new Chalk({ level: level(supportsColor) }),
    errColor: new Chalk({ level: level(supportsColorStderr) }),
    progress: io?.progress ?? ((total) => progressBar(process.stderr, total, !argv.includes("--no-progress"))),
  };
  let status = 0;
  const program = withInputOptions(
    new Command()
      .name("plan-parse")
      .description("Turn Chinese government work plans (工作要点, 重点工作安排, 监管计划) into plan-parse/v1 task trees, and compare them.")
      .version(VERSION, "-V, --version")
      .argument("[inputs...]", "plan files (.txt .md .html .docx .pdf), directories, or - for standard input")
      .addOption(new Option("-f, --format <format>", "output format").choices(["json", "yaml", "tree", "ndjson"]).default("json"))
      .option("-o, --output <file|dir>", "write here instead of standard output; the extension says the format (.json .yaml .ndjson .tree.txt); - is standard output; a directory (out/) gets one file per input, their folders mirrored")
      .option("--strict", "exit 1 when a document has any warning")
      .option("--no-color", "no colours (NO_COLOR works too)"),
  )
    .addHelpText(
      "after",
      `
Examples:
  plan-parse plan.txt                         the task tree as JSON
  plan-parse plan.docx --format tree          an outline with owners and deadlines (also .md .html .pdf)
  plan-parse plans/ -o out/                   every plan in plans/ (recursively), one JSON file each in out/
  plan-parse plans/ --format ndjson > all.ndjson
  cat plan.txt | plan-parse - --format yaml
  plan-parse plan.txt --strict > plan.json    fail (exit 1) on a duplicate number or unreadable bracket
  plan-parse diff 2021.txt 2022.txt           what changed between two plans (exit 1 when they differ)
  plan-parse table plans/ -o tasks.xlsx         one row per task, for Excel and WPS (tasks.csv: CSV)
  plan-parse agencies plans/ --aliases aliases.yaml
  plan-parse export plans/ -o plans.sqlite    a database of plans (again later: adds only new ones)
  plan-parse schema > plan-parse-v1.schema.json
  plan-parse validate plan.json

Exit codes: 0 ok; 1 warnings under --strict, plans that differ under diff, invalid under validate;
2 usage or input error (with many inputs: some failed, the others were written).`,
    )
    // Subcommands have a --format of their own: options after a subcommand belong to it.
    .enablePositionalOptions()
    .showHelpAfterError("(plan-parse --help for usage)")
    .configureOutput({ writeOut: (s) => void sink.out(s), writeErr: (s) => sink.err(s.replace(/\n$/, "")) })
    .exitOverride()
    .action(async (inputs: string[], opts: ParseCommandOptions, cmd: Command) => {
      if (inputs.length === 0) {
        program.outputHelp({ error: true });
        status = 2;
        return;
      }
      status = await runParse(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, sink);
    });

  program
    .command("schema")
    .description("print the JSON Schema of the plan-parse/v1 output (--diff: of plan-parse-diff/v1)")
    .option("--diff", "the schema of `plan-parse diff --format json`")
    .action(async (opts: { diff?: boolean }) => {
      if (opts.diff) {
        const { diffJsonSchema } = await import("../diff/schema.js");
        await sink.out(JSON.stringify(diffJsonSchema(), null, 2) + "\n");
      } else {
        const { planJsonSchema } = await import("../schema.js");
        await sink.out(JSON.stringify(planJsonSchema(), null, 2) + "\n");
      }
    });

  program
    .command("validate")
    .description("check plan-parse/v1 JSON or YAML files against the schema; prints each problem with its JSON path")
    .argument("<files...>", "JSON or YAML files")
    .action(async (files: string[]) => {
      status = await runValidate(files, sink);
    });

  withInputOptions(
    program
      .command("diff")
      .description("compare two plans (plan files, or plan-parse/v1 JSON/YAML): added, removed, moved, changed items, owners, deadlines")
      .argument("<a>", "the older plan")
      .argument("<b>", "the newer plan")
      .addOption(new Option("-f, --format <format>", "text (coloured, like a code review) or json (plan-parse-diff/v1); default: text on a terminal, else json").choices(["text", "json"]))
      .option("--ignore <kinds...>", `leave out these kinds of change: ${IGNORABLE.join(", ")} (comma-separated or repeated)`)
      .option("--aliases <file>", "YAML: more names for the agency table (canonical name → list of variants)"),
  ).action(async (a: string, b: string, opts: DiffCommandOptions) => {
    status = await runDiff(a, b, opts, sink);
  });

  withInputOptions(
    program
      .command("table")
      .description("one row per task (and per item without tasks): document, year, node, numbering, titles, owners by role, deadlines")
      .argument("<inputs...>", "plan files, directories, or -")
      .addOption(new Option("-f, --format <format>", "csv (UTF-8 with BOM), tsv, ndjson or xlsx (for Excel and WPS: typed cells, a sheet of parties); default: by -o's extension, else csv").choices(["csv", "tsv", "ndjson", "xlsx"]).default("csv"))
      .option("-o, --output <file>", "write here instead of standard output; the extension says the format (.csv .tsv .ndjson .xlsx); - is standard output")
      .option("--aliases <file>", "YAML: more names for the agency table (the xlsx parties sheet's keys)"),
  ).action(async (inputs: string[], opts: TableCommandOptions, cmd: Command) => {
    status = await runTable(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, sink);
  });

  withInputOptions(
    program
      .command("agencies")
      .description("the agency × document matrix: how many tasks each party leads, is responsible for, supports and guides")
      .argument("<inputs...>", "plan files, directories, or -")
      .addOption(new Option("-f, --format <format>", "output format (default: by -o's extension, else table)").choices(["table", "csv", "json", "xlsx"]).default("table"))
      .option("--aliases <file>", "YAML: more names for the agency table (区政府食品安全委相关成员单位: [区食安委相关成员单位])")
      .option("--follow-renamings", "count a body renamed by a reform under its successor (区食药监分局 with 区市场监管局)")
      .option("-o, --output <file>", "write here instead of standard output; the extension says the format (.txt .csv .json .xlsx); - is standard output"),
  ).action(async (inputs: string[], opts: AgenciesCommandOptions, cmd: Command) => {
    status = await runAgencies(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, sink);
  });

  withInputOptions(
    program
      .command("export")
      .description("plans into a database: an SQLite file, or Parquet files (one per table) in a directory; adds to an existing one without duplicating a plan")
      .argument("<inputs...>", "plan files, directories, or -")
      .requiredOption("-o, --output <file|dir>", "plans.sqlite (.sqlite .sqlite3 .db), or a directory for Parquet (end it with /)")
      .addOption(new Option("-f, --format <format>", "sqlite or parquet; default: by -o").choices(["sqlite", "parquet"])),
  ).action(async (inputs: string[], opts: ExportCommandOptions) => {
    status = await runExport(inputs, opts, sink);
  });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (e.code === "plan-parse.option") sink.err(`plan-parse: ${e.message}`);
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
