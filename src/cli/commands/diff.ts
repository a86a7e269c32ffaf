// `plan-parse diff A B`: what changed between two plans (plan files or plan-parse/v1 documents).
import { Option, type Command } from "commander";
import { loadDocument, readAgencyTable } from "../documents.js";
import { say, sayProblem, type CommandContext, type Io } from "../io.js";
import { withHelp, withInputOptions, type CommonOptions } from "../options.js";
import { page } from "../pager.js";

interface DiffCommandOptions extends CommonOptions {
  format?: "text" | "json";
  ignore?: string[];
  aliases?: string;
  pager: boolean;
}

const IGNORABLE = ["text", "title", "owners", "deadlines", "progress", "structure"] as const;

async function runDiff(a: string, b: string, opts: DiffCommandOptions, io: Io): Promise<number> {
  const [left, right] = [await loadDocument(a, opts), await loadDocument(b, opts)];
  for (const [name, r] of [[a, left], [b, right]] as const) if (!r.ok) sayProblem(io, name, r.problem);
  if (!left.ok || !right.ok) return 2;
  const ignore = (opts.ignore ?? []).flatMap((s) => s.split(",")).filter(Boolean);
  const unknown = ignore.find((k) => !(IGNORABLE as readonly string[]).includes(k));
  if (unknown) {
    sayProblem(io, `--ignore ${unknown}`, `not a kind of change: one of ${IGNORABLE.join(", ")}`);
    return 2;
  }
  const agencies = await readAgencyTable(opts.aliases, io);
  if (!agencies) return 2;
  const { diffPlans } = await import("../../diff/diff.js");
  const report = diffPlans(left.doc, right.doc, { ignore: ignore as (typeof IGNORABLE)[number][], agencies: agencies.table });
  const format = opts.format ?? (process.stdout.isTTY ? "text" : "json");
  if (format === "json") await io.out(JSON.stringify(report, null, 2) + "\n");
  else {
    const { renderDiffText } = await import("../../diff/render.js");
    const text = renderDiffText(report, io.color);
    if (!(opts.pager && (await page(text, (problem) => say(io, problem))))) await io.out(text);
  }
  return report.equal ? 0 : 1;
}

export function defineDiff(program: Command, { io, setStatus }: CommandContext): void {
  withHelp(withInputOptions(program.command("diff")), [
    "plan-parse diff 2021.txt 2022.txt                 on a terminal: the changes, through a pager when long",
    "plan-parse diff 2021.txt 2022.txt > changes.json  to a file or pipe: plan-parse-diff/v1 JSON",
    "plan-parse diff old.json new.json --ignore text   compare outputs kept from earlier runs; wording aside",
    "plan-parse diff a.txt b.txt --format text --color always | less -R",
  ])
    .description("compare two plans (plan files, or plan-parse/v1 JSON/YAML): added, removed, moved, changed items, owners, deadlines")
    .argument("<a>", "the older plan")
    .argument("<b>", "the newer plan")
    .addOption(new Option("-f, --format <format>", "text (for reading) or json (plan-parse-diff/v1); default: text on a terminal, else json").choices(["text", "json"]))
    .option("--ignore <kinds...>", `leave out these kinds of change: ${IGNORABLE.join(", ")} (comma-separated or repeated)`)
    .option("--aliases <file>", "YAML: more names for the agency table (canonical name → list of variants)")
    .option("--no-pager", "on a terminal, print a long text diff instead of opening it in $PAGER (less)")
    .action(async (a: string, b: string, opts: DiffCommandOptions) => {
      setStatus(await runDiff(a, b, opts, io));
    });
}
