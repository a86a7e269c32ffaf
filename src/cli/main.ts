// The command line: one program whose default command parses plans, and a module per subcommand in commands/.
// Exit codes: 0 ok; 1 warnings under --strict, plans that differ under diff, invalid under validate;
// 2 usage or input error (for many inputs: some input failed; the others' outputs are complete).
// Conventions (README, "Command-line conventions"): standard input when it is not a terminal and no input is
// named; --color always|never|auto anywhere on the line; every problem one line `plan-parse: name: problem`.
import { Chalk, supportsColor, supportsColorStderr } from "chalk";
import { Command, CommanderError } from "commander";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { terminalText } from "../outputs/terminal-text.js";
import { colorLevel, takeColorOptions } from "./color.js";
import { defineAgencies } from "./commands/agencies.js";
import { defineDiff } from "./commands/diff.js";
import { defineExport } from "./commands/export.js";
import { defineParse } from "./commands/parse.js";
import { defineSchema } from "./commands/schema.js";
import { defineTable } from "./commands/table.js";
import { defineValidate } from "./commands/validate.js";
import { say, type CommandContext, type Io } from "./io.js";
import { withInputOptions } from "./options.js";
import { progressBar } from "./progress.js";
import { closestCommand, firstOperand } from "./suggest.js";

declare const PLAN_PARSE_VERSION: string;
const VERSION = typeof PLAN_PARSE_VERSION === "string" ? PLAN_PARSE_VERSION : "0.0.0-dev";

const EXAMPLES = `
Examples:
  plan-parse plan.txt                         the task tree as JSON
  plan-parse plan.docx --format tree          an outline with owners and deadlines (also .md .html .pdf)
  plan-parse plans/ -o out/                   every plan in plans/ (recursively), one JSON file each in out/
  plan-parse plans/ --format ndjson > all.ndjson
  cat plan.txt | plan-parse --format yaml     standard input, when no input is named
  plan-parse plan.txt --strict > plan.json    fail (exit 1) on a duplicate number or unreadable bracket
  plan-parse diff 2021.txt 2022.txt           what changed between two plans (exit 1 when they differ)
  plan-parse table plans/ -o tasks.xlsx       one row per task, for Excel and WPS (tasks.csv: CSV)
  plan-parse agencies plans/ --aliases aliases.yaml
  plan-parse export plans/ -o plans.sqlite    a database of plans (again later: adds only new ones)
  plan-parse schema > plan-parse-v1.schema.json
  plan-parse validate plan.json
  plan-parse help diff                        a command's options and examples

Exit codes: 0 ok; 1 warnings under --strict, plans that differ under diff, invalid under validate;
2 usage or input error (with many inputs: some failed, the others were written).`;

const DEFINE: Record<string, (program: Command, ctx: CommandContext) => void> = {
  schema: defineSchema,
  validate: defineValidate,
  diff: defineDiff,
  table: defineTable,
  agencies: defineAgencies,
  export: defineExport,
};
/** The subcommands, in the order help lists them. */
export const COMMANDS = Object.keys(DEFINE);

/** The program with the parse command's options; subcommands are added by `defineCommands`. */
function buildProgram(ctx: CommandContext): Command {
  const program = withInputOptions(
    new Command()
      .name("plan-parse")
      .description("Turn Chinese government work plans (工作要点, 重点工作安排, 监管计划) into plan-parse/v1 task trees, and compare them.")
      .version(VERSION, "-V, --version"),
  )
    .addHelpText("after", EXAMPLES)
    // Subcommands have a --format of their own: options after a subcommand belong to it.
    .enablePositionalOptions()
    .showHelpAfterError("(plan-parse --help for usage)")
    .configureOutput({
      writeOut: (s) => void ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s.replace(/\n$/, "")),
      // commander's own errors (`error: unknown option '--x'`) in the one form of every other message.
      outputError: (s, write) => write(s.replace(/^error: /, "plan-parse: ")),
    })
    .exitOverride();
  // `plan-parse help [command]`, as git and npm have it (commander adds it once there are subcommands).
  program.helpCommand("help [command]", "the help of plan-parse, or of one command");
  defineParse(program, ctx);
  return program;
}

/**
 * The subcommands `only` names (all of them when undefined: for help). Defining a command with its options and
 * help costs start-up time; a run needs at most one of them.
 */
function defineCommands(program: Command, ctx: CommandContext, only?: string): void {
  for (const name of COMMANDS) if (only === undefined || only === name) DEFINE[name]!(program, ctx);
}

/** The program's options that take a value (`-o FILE`): what follows them on the line is no operand. */
function valueOptions(program: Command): Set<string> {
  const flags = program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]);
  return new Set(flags.filter((f): f is string => f !== undefined));
}

export async function main(rawArgv: string[], io?: Partial<Io>): Promise<number> {
  const taken = takeColorOptions(rawArgv);
  const mode = "mode" in taken ? taken.mode : "auto";
  const argv = "argv" in taken ? taken.argv : rawArgv;
  const errLevel = colorLevel(mode, supportsColorStderr);
  const writeStdout = async (s: string): Promise<void> => {
    if (!process.stdout.write(s)) await once(process.stdout, "drain");
  };
  const sink: Io = {
    out: io?.out ?? writeStdout,
    // Without colours no escape sequence of ours is in a message: any that is came from a document or a name.
    err: io?.err ?? ((s) => process.stderr.write((errLevel === 0 ? terminalText(s) : s) + "\n")),
    color: new Chalk({ level: colorLevel(mode, supportsColor) }),
    errColor: new Chalk({ level: errLevel }),
    progress: io?.progress ?? ((total) => progressBar(process.stderr, total, !argv.includes("--no-progress"))),
  };
  if ("problem" in taken) {
    say(sink, taken.problem);
    return 2;
  }
  let status = 0;
  const commands = COMMANDS;
  const ctx: CommandContext = { io: sink, setStatus: (s) => (status = s), version: VERSION };
  const program = buildProgram(ctx);
  const operand = firstOperand(argv, valueOptions(program));
  // Only the command asked for is defined, or none when plans are parsed; everything for help.
  const asked = operand !== undefined && commands.includes(operand.value) ? operand.value : undefined;
  const wantsHelp = operand?.value === "help" || argv.some((a) => a === "-h" || a === "--help");
  defineCommands(program, ctx, wantsHelp ? undefined : (asked ?? ""));
  // A first operand that is no file but nearly a command's name is a mistyped command, not a missing plan:
  // say so, and print nothing on standard output (`plan-parse dif a b` must not parse a and b).
  if (operand?.value === "help" && !existsSync("help")) {
    const topic = argv[operand.index + 1];
    if (topic !== undefined && !topic.startsWith("-") && !commands.includes(topic)) {
      const near = closestCommand(topic, commands);
      say(sink, `help: no command '${topic}'${near ? ` (did you mean ${near}?)` : ""}; the commands: ${commands.join(", ")}`);
      return 2;
    }
  }
  if (operand !== undefined && !commands.includes(argv[operand.index]!) && !existsSync(operand.value)) {
    const near = closestCommand(operand.value, commands);
    if (near) {
      say(sink, `'${operand.value}' is not a command or a file (did you mean ${near}?); plan-parse help lists the commands`);
      return 2;
    }
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      if (e.code === "plan-parse.option") say(sink, e.message);
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
