// Options shared by the commands, as commander options.
import { Command, CommanderError, Option } from "commander";
import { availableParallelism } from "node:os";
import { INPUT_FORMATS, type InputFormat } from "../input/index.js";

export interface CommonOptions {
  inputFormat?: InputFormat;
  year?: number;
  jobs: number;
  quiet?: boolean;
  verbose?: boolean;
  progress: boolean;
}

export function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new CommanderError(2, "plan-parse.option", `${name}: not a whole number from ${min} to ${max}: ${v}`);
    return n;
  };
}

/**
 * Listed in every command's help; src/cli/color.ts takes them off the line before commander parses it, so they
 * work before and after a subcommand alike.
 */
export function withColorOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--color <when>", "colours: always (also through a pipe), never, or auto (a terminal, unless NO_COLOR is set)").choices(["always", "never", "auto"]))
    .option("--no-color", "no colours (the same as --color never)");
}

/** Options every command that reads plans takes. */
export function withInputOptions(cmd: Command): Command {
  return withColorOptions(cmd)
    .addOption(new Option("--input-format <format>", "read every input as this format instead of detecting it").choices([...INPUT_FORMATS]))
    .addOption(new Option("--year <year>", "the plan's year, when the document does not say").argParser(intOption("--year", 1900, 2200)))
    .addOption(new Option("-j, --jobs <n>", "parse on this many worker threads").argParser(intOption("--jobs", 1, 64)).default(availableParallelism(), "the number of cores"))
    .addOption(new Option("-q, --quiet", "do not print warnings to standard error").conflicts("verbose"))
    .option("--verbose", "also print informational diagnostics and a summary per document")
    .option("--no-progress", "no progress bar (it only shows on a terminal anyway)");
}

/** A subcommand's help ends with examples, and its usage errors point to its own help. */
export function withHelp(cmd: Command, examples: readonly string[]): Command {
  return cmd
    .showHelpAfterError(`(plan-parse ${cmd.name()} --help for usage)`)
    .addHelpText("after", `\nExamples:\n${examples.map((e) => `  ${e}`).join("\n")}`);
}
