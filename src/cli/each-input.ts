// Every input of a command through the pipeline (in worker threads under --jobs), in input order, with its
// diagnostics printed and its failure said in one line.
import { join } from "node:path";
import { InputError, readInputBytes } from "../input/read-file.js";
import { terminalLine } from "../outputs/terminal-text.js";
import { formatDiagnostic, say, sayProblem, type Io } from "./io.js";
import type { Input } from "./inputs.js";
import type { CommonOptions } from "./options.js";
import type { Emit, Outcome } from "./process-input.js";
import { runMany } from "./run-many.js";

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

export interface Failure {
  name: string;
  problem: string;
}

/**
 * Runs every input through `emit`, calls `use` in input order for each success, prints diagnostics, and
 * reports failures: one line for each, and a count at the end for many.
 */
export async function eachInput(
  inputs: readonly Input[],
  opts: CommonOptions & { strict?: boolean },
  emit: Emit,
  io: Io,
  use: (outcome: Extract<Outcome, { ok: true }>, input: Input, index: number) => void | Promise<void>,
  colorLevel: 0 | 1 | 2 | 3 = 0,
): Promise<{ failures: Failure[]; warned: boolean; total: number }> {
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
      bar.above(formatDiagnostic(outcome.name, d, io.errColor));
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
  for (const f of failures) sayProblem(io, f.name, f.problem);
  if (inputs.length > 1 && failures.length > 0) say(io, `${failures.length} of ${inputs.length} inputs failed`);
  return { failures, warned, total: inputs.length };
}
