// `plan-parse table`: one row per task, as CSV, TSV, NDJSON or an Excel workbook.
import { Option, type Command } from "commander";
import { terminalText } from "../../outputs/terminal-text.js";
import { readAgencyTable } from "../documents.js";
import { eachInput } from "../each-input.js";
import { expandInputs } from "../inputs.js";
import { skipNotice, type CommandContext, type Io } from "../io.js";
import { withHelp, withInputOptions, type CommonOptions } from "../options.js";
import { oneFile, outBytes, outputChoice, overwritesInput, writeOrSay } from "../output.js";

interface TableCommandOptions extends CommonOptions {
  format: "csv" | "tsv" | "ndjson" | "xlsx";
  formatExplicit?: boolean;
  output?: string;
  aliases?: string;
}

async function runTable(args: string[], options: TableCommandOptions, io: Io): Promise<number> {
  const { tableRows, formatRows, partyRows, tableWorkbook } = await import("../../outputs/table.js");
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
  } else if (opts.output && opts.format !== "xlsx" && !(failed && chunks.length === 0) && !writeOrSay(opts.output, chunks.join(""), io)) return 2;
  return failed ? 2 : 0;
}

export function defineTable(program: Command, { io, setStatus }: CommandContext): void {
  withHelp(withInputOptions(program.command("table")), [
    "plan-parse table plan.txt                  CSV (UTF-8 with BOM, opens in Excel and WPS)",
    "plan-parse table plans/ -o tasks.xlsx      every plan in plans/, typed cells and a sheet of parties",
    "plan-parse table plans/ --format tsv | cut -f1,5",
  ])
    .description("one row per task (and per item without tasks): document, year, node, numbering, titles, owners by role, deadlines")
    .argument("<inputs...>", "plan files, directories, or -")
    .addOption(new Option("-f, --format <format>", "csv (UTF-8 with BOM), tsv, ndjson or xlsx (for Excel and WPS: typed cells, a sheet of parties); default: by -o's extension, else csv").choices(["csv", "tsv", "ndjson", "xlsx"]).default("csv"))
    .option("-o, --output <file>", "write here instead of standard output; the extension says the format (.csv .tsv .ndjson .xlsx); - is standard output")
    .option("--aliases <file>", "YAML: more names for the agency table (the xlsx parties sheet's keys)")
    .action(async (inputs: string[], opts: TableCommandOptions, cmd: Command) => {
      setStatus(await runTable(inputs, { ...opts, formatExplicit: cmd.getOptionValueSource("format") === "cli" }, io));
    });
}
