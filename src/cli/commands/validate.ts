// `plan-parse validate FILE…`: plan-parse/v1 documents (JSON, YAML, NDJSON) against the schema, each problem
// with its JSON path.
import type { Command } from "commander";
import { INPUT_EXTENSIONS } from "../../input/index.js";
import { InputError, readInputBytes } from "../../input/read-file.js";
import { nestedTooDeeply, NestingError, nestsDeeperThan } from "../../input/nesting.js";
import { terminalLine } from "../../outputs/terminal-text.js";
import { parseDataFile } from "../documents.js";
import { sayProblem, type CommandContext, type Io } from "../io.js";
import { withColorOptions, withHelp } from "../options.js";

// A plan given to validate: the schema would say "expected object, received string" of its text, which does
// not tell the user what to do.
const PLAN = new RegExp(`\\.(${INPUT_EXTENSIONS.filter((e) => !/^(json|ya?ml)$/i.test(e)).join("|")})$`, "i");
const planHint = (file: string) => `a plan, not a plan-parse/v1 document: parse it first (plan-parse ${file} -o plan.json), then validate plan.json`;

async function runValidate(files: string[], io: Io): Promise<number> {
  const c = io.errColor;
  const { PlanDocument } = await import("../../schema.js");
  let status = 0;
  for (const file of files) {
    if (PLAN.test(file)) {
      sayProblem(io, file, planHint(file));
      status = 2;
      continue;
    }
    let value: unknown;
    try {
      value = await parseDataFile(file, Buffer.from(readInputBytes(file)).toString("utf8"));
    } catch (e) {
      if (e instanceof NestingError) {
        io.err(`${terminalLine(file)}: ${c.yellow("$")}: ${terminalLine(e.message)}`);
        status = Math.max(status, 1);
        continue;
      }
      sayProblem(io, file, e instanceof InputError ? e.message : `not JSON or YAML: ${(e as Error).message.split("\n")[0]}`);
      status = 2;
      continue;
    }
    // Plain text read as YAML is one string: a plan (or any text), not a document.
    if (typeof value === "string") {
      sayProblem(io, file, planHint(file));
      status = 2;
      continue;
    }
    const docs = Array.isArray(value) ? value : [value];
    let bad = 0;
    docs.forEach((doc, i) => {
      if (nestsDeeperThan(doc)) {
        io.err(`${terminalLine(file)}: ${c.yellow(Array.isArray(value) ? `$[${i}]` : "$")}: ${nestedTooDeeply()}`);
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

export function defineValidate(program: Command, { io, setStatus }: CommandContext): void {
  withHelp(withColorOptions(program.command("validate")), [
    "plan-parse validate plan.json",
    "plan-parse plans/ --format ndjson > all.ndjson && plan-parse validate all.ndjson",
    "plan-parse plan.txt | plan-parse validate -",
  ])
    .description("check plan-parse/v1 files (JSON, YAML, NDJSON: one document per line) against the schema; prints each problem with its JSON path")
    .argument("<files...>", "JSON, YAML or NDJSON files, or - for standard input")
    .action(async (files: string[]) => {
      setStatus(await runValidate(files, io));
    });
}
