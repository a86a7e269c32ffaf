// `plan-parse agencies`: the agency × document matrix of who leads, is responsible for, supports and guides.
import { Option, type Command } from "commander";
import type { PlanDocument } from "../../schema.js";
import { terminalText } from "../../outputs/terminal-text.js";
import { readAgencyTable } from "../documents.js";
import { eachInput } from "../each-input.js";
import { expandInputs } from "../inputs.js";
import { skipNotice, type CommandContext, type Io } from "../io.js";
import { withHelp, withInputOptions, type CommonOptions } from "../options.js";
import { oneFile, outBytes, outputChoice, overwritesInput, writeOrSay } from "../output.js";

interface AgenciesCommandOptions extends CommonOptions {
  format: "table" | "csv" | "json" | "xlsx";
  formatExplicit?: boolean;
  aliases?: string;
  output?: string;
  followRenamings?: boolean;
}

async function runAgencies(args: string[], options: AgenciesCommandOptions, io: Io): Promise<number> {
  const { agencyMatrix, renderAgencies, agenciesWorkbook } = await import("../../outputs/agencies.js");
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
  // Nothing read: nothing written, on standard output or to -o.
  if (docs.length === 0) return 2;
  const matrix = agencyMatrix(docs, agencies.aliases, { table: agencies.table, followRenamings: opts.followRenamings === true });
  if (opts.format === "xlsx") {
    const bytes = await agenciesWorkbook(matrix);
    if (!opts.output) return (await outBytes(bytes, io, "xlsx")) && !failed ? 0 : 2;
    return writeOrSay(opts.output, bytes, io) && !failed ? 0 : 2;
  }
  // Colours only for a terminal: a file gets the plain table.
  const text = renderAgencies(matrix, opts.format, opts.output ? undefined : io.color);
  if (opts.output) {
    if (!writeOrSay(opts.output, text, io)) return 2;
  } else await io.out(opts.format === "csv" && process.stdout.isTTY ? terminalText(text) : text);
  return failed ? 2 : 0;
}

export function defineAgencies(program: Command, { io, setStatus }: CommandContext): void {
  withHelp(withInputOptions(program.command("agencies")), [
    "plan-parse agencies plans/                          who leads what, across every plan in plans/",
    "plan-parse agencies plans/ --aliases aliases.yaml   join names the built-in table does not know",
    "plan-parse agencies 2018/ 2022/ --follow-renamings -o agencies.xlsx",
  ])
    .description("the agency × document matrix: how many tasks each party leads, is responsible for, supports and guides")
    .argument("<inputs...>", "plan files, directories, or -")
    .addOption(new Option("-f, --format <format>", "output format (default: by -o's extension, else table)").choices(["table", "csv", "json", "xlsx"]).default("table"))
    .option("--aliases <file>", "YAML: more names for the agency table (区政府食品安全委相关成员单位: [区食安委相关成员单位])")
    .option("--follow-renamings", "count a body renamed by a reform under its successor (区食药监分局 with 区市场监管局)")
    .option("-o, --output <file>", "write here instead of standard output; the extension says the format (.txt .csv .json .xlsx); - is standard output")
    .action(async (inputs: string[], opts: AgenciesCommandOptions, cmd: Command) => {
      setStatus(await runAgencies(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, io));
    });
}
