// `plan-parse export`: plans into an SQLite file or Parquet files (src/export/), one at a time as they come.
import { Option, type Command } from "commander";
import { eachInput } from "../each-input.js";
import { expandInputs } from "../inputs.js";
import { say, sayProblem, skipNotice, type CommandContext, type Io } from "../io.js";
import { withHelp, withInputOptions, type CommonOptions } from "../options.js";
import { overwritesInput } from "../output.js";

interface ExportCommandOptions extends CommonOptions {
  format?: "sqlite" | "parquet";
  output: string;
}

async function runExport(args: string[], opts: ExportCommandOptions, io: Io, version: string): Promise<number> {
  const { exportFormatFor, openExport } = await import("../../export/index.js");
  const chosen = exportFormatFor(opts.output, opts.format);
  if ("problem" in chosen) {
    say(io, chosen.problem);
    return 2;
  }
  const inputs = expandInputs(args, skipNotice(io));
  if (overwritesInput(opts.output, inputs, io)) return 2;
  let exporter;
  try {
    exporter = await openExport({ output: opts.output, format: chosen.format, version });
  } catch (e) {
    say(io, (e as Error).message);
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
    sayProblem(io, opts.output, `${(e as Error).message}; nothing was written`);
    return 2;
  }
  // What was added, even under --quiet (it says no warning): a second export of the same files adds nothing.
  const s = exporter.summary();
  sayProblem(
    io,
    opts.output,
    `${s.added} ${s.added === 1 ? "document" : "documents"} added` +
      (s.skipped > 0 ? `, ${s.skipped} already there` : "") +
      `; now ${s.rows.documents} documents, ${s.rows.tasks} tasks, ${s.rows.task_parties} task parties, ${s.rows.deadlines} deadlines`,
  );
  return result.failures.length > 0 || inputs.length === 0 ? 2 : 0;
}

export function defineExport(program: Command, { io, setStatus, version }: CommandContext): void {
  withHelp(withInputOptions(program.command("export")), [
    "plan-parse export plans/ -o plans.sqlite     a database of plans (again later: adds only new ones)",
    "plan-parse export plans/ -o parquet/         Parquet files, one per table, for pandas, DuckDB, R",
  ])
    .description("plans into a database: an SQLite file, or Parquet files (one per table) in a directory; adds to an existing one without duplicating a plan")
    .argument("<inputs...>", "plan files, directories, or -")
    .requiredOption("-o, --output <file|dir>", "plans.sqlite (.sqlite .sqlite3 .db), or a directory for Parquet (end it with /)")
    .addOption(new Option("-f, --format <format>", "sqlite or parquet; default: by -o").choices(["sqlite", "parquet"]))
    .action(async (inputs: string[], opts: ExportCommandOptions) => {
      setStatus(await runExport(inputs, opts, io, version));
    });
}
