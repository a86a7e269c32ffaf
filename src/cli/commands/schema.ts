// `plan-parse schema [--diff]`: the JSON Schema of the output.
import type { Command } from "commander";
import type { CommandContext } from "../io.js";
import { withColorOptions, withHelp } from "../options.js";

export function defineSchema(program: Command, { io }: CommandContext): void {
  withHelp(withColorOptions(program.command("schema")), ["plan-parse schema > plan-parse-v1.schema.json", "plan-parse schema --diff > plan-parse-diff-v1.schema.json"])
    .description("print the JSON Schema of the plan-parse/v1 output (--diff: of plan-parse-diff/v1)")
    .option("--diff", "the schema of `plan-parse diff --format json`")
    .action(async (opts: { diff?: boolean }) => {
      if (opts.diff) {
        const { diffJsonSchema } = await import("../../diff/schema.js");
        await io.out(JSON.stringify(diffJsonSchema(), null, 2) + "\n");
      } else {
        const { planJsonSchema } = await import("../../schema.js");
        await io.out(JSON.stringify(planJsonSchema(), null, 2) + "\n");
      }
    });
}
