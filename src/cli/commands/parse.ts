// `plan-parse [inputs…]`: plans into plan-parse/v1 documents (JSON, YAML, NDJSON) or outlines.
import { Option, type Command } from "commander";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../../input/read-file.js";
import { eachInput } from "../each-input.js";
import { expandInputs } from "../inputs.js";
import { say, sayProblem, skipNotice, type CommandContext, type Io } from "../io.js";
import type { CommonOptions } from "../options.js";
import { outputChoice } from "../output.js";
import { isDirectoryTarget, mirroredNames } from "../output-target.js";
import { errorWords, inputAt, inputIdentities, isDiskFull, makeDirectory, openOutput, OutputError, writeAtomic, type OutputFile } from "../safe-write.js";

type Format = "json" | "yaml" | "tree" | "ndjson";

interface ParseCommandOptions extends CommonOptions {
  format: Format;
  /** --format was given on the command line (not the default). */
  formatExplicit?: boolean;
  output?: string;
  strict?: boolean;
}

// `.tree.txt`, not `.txt`: an outline must never land on the plan it was made from.
const EXTENSION: Record<Format, string> = { json: ".json", yaml: ".yaml", tree: ".tree.txt", ndjson: ".ndjson" };

/** Checks -o against the inputs before anything is parsed; false (after one line) when it must not be written. */
function outputIsSafe(output: string, outputIsDir: boolean, inputs: ReturnType<typeof expandInputs>, names: readonly string[], io: Io): boolean {
  if (!outputIsDir && inputs.length > 1) {
    sayProblem(io, `-o ${output}`, "with several inputs, -o must name a directory (end it with /)");
    return false;
  }
  // An output that would overwrite an input (by name, or by device and inode: a link, `-` from a file) or
  // another output.
  const sources = new Set(inputs.filter((i) => i.path !== "-").map((i) => resolve(i.path)));
  const identities = inputIdentities(inputs);
  const targets = new Map<string, string>();
  for (const [i, input] of (outputIsDir ? inputs : inputs.slice(0, 1)).entries()) {
    const target = resolve(outputIsDir ? join(output, names[i]!) : output);
    if (sources.has(target) || inputAt(target, identities) !== undefined) {
      sayProblem(io, `-o ${output}`, `the output for ${input.name} would overwrite an input`);
      return false;
    }
    const other = targets.get(target);
    if (other !== undefined) {
      sayProblem(io, `-o ${output}`, `${other} and ${input.name} would both be written to ${target}`);
      return false;
    }
    targets.set(target, input.name);
  }
  if (outputIsDir) {
    try {
      makeDirectory(output);
    } catch (e) {
      sayProblem(io, `-o ${output}`, `cannot create the directory (${e instanceof OutputError ? e.message : errorWords(e)})`);
      return false;
    }
  }
  return true;
}

async function runParse(args: string[], options: ParseCommandOptions, io: Io): Promise<number> {
  const choice = outputChoice("plan-parse", options, ["json", "yaml", "tree", "ndjson"], io, "tree");
  if (!choice) return 2;
  const opts: ParseCommandOptions = { ...options, format: choice.format, output: choice.output };
  const inputs = expandInputs(args, skipNotice(io));
  const outputIsDir = choice.directory;
  // Under -o dir/, each input's output mirrors its folder (two 2021年工作要点.txt in two folders do not collide).
  const names = outputIsDir ? mirroredNames(inputs, EXTENSION[opts.format], args.filter((a) => a !== "-" && isDirectoryTarget(a))) : [];
  if (opts.output && !outputIsSafe(opts.output, outputIsDir, inputs, names, io)) return 2;

  // Several documents on one stream: a JSON array, YAML documents, outlines one after another, NDJSON lines.
  // When every input fails, nothing at all is written (not `[]`): the exit status and the errors say it.
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
  const closing = (): string => (opts.format === "json" && many && count > 0 ? "\n]\n" : "");

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
    say(io, `${e.message}${stopped && outputIsDir ? "; nothing more is written" : ""}`);
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
  } else if (!opts.output) {
    const end = closing();
    if (end) await io.out(end);
  }
  if (notWritten > 0 && outputIsDir) say(io, `${notWritten} of ${inputs.length} outputs not written: the disk is full`);
  if (result.failures.length > 0 || result.total === 0 || writeFailed) return 2;
  return opts.strict && result.warned ? 1 : 0;
}

/** The parse command's own options, on the program itself. */
export function defineParse(program: Command, { io, setStatus }: CommandContext): void {
  program
    .argument("[inputs...]", "plan files (.txt .md .html .docx .pdf …), directories, or - for standard input (read when it is not a terminal and no input is named)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["json", "yaml", "tree", "ndjson"]).default("json"))
    .option("-o, --output <file|dir>", "write here instead of standard output; the extension says the format (.json .yaml .ndjson .tree.txt); - is standard output; a directory (out/) gets one file per input, their folders mirrored")
    .option("--strict", "exit 1 when a document has any warning")
    .action(async (inputs: string[], opts: ParseCommandOptions, cmd: Command) => {
      if (inputs.length === 0) {
        // `cat plan.txt | plan-parse`, as with jq and pandoc; on a terminal, the help.
        if (process.stdin.isTTY) {
          program.outputHelp({ error: true });
          setStatus(2);
          return;
        }
        inputs = ["-"];
      }
      setStatus(await runParse(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, io));
    });
}
