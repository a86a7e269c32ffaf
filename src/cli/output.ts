// Where a command's result goes: checks on -o made before anything is parsed, and writing it.
import { once } from "node:events";
import { InputError } from "../input/read-file.js";
import { terminalLine } from "../outputs/terminal-text.js";
import { say, sayProblem, type Io } from "./io.js";
import type { Input } from "./inputs.js";
import { chooseFormat } from "./output-target.js";
import { inputAt, inputIdentities, writeAtomic } from "./safe-write.js";

/** Refuses (with one line) an output that is one of the inputs, by device and inode: `table plan.txt -o plan.txt`. */
export function overwritesInput(output: string | undefined, inputs: readonly Input[], io: Io): boolean {
  if (!output) return false;
  const clash = inputAt(output, inputIdentities(inputs));
  if (clash !== undefined) sayProblem(io, `-o ${output}`, `would overwrite the input ${terminalLine(clash)}`);
  return clash !== undefined;
}

/** Refuses (with one line) an -o and --format that disagree; else the format and target to write. */
export function outputChoice<F extends string>(command: string, opts: { output?: string; format: F; formatExplicit?: boolean }, formats: readonly F[], io: Io, text?: F) {
  const choice = chooseFormat(command, opts.output, opts.format, opts.formatExplicit === true, formats, text);
  if ("problem" in choice) say(io, choice.problem);
  return "problem" in choice ? null : choice;
}

/** Bytes to standard output (an .xlsx into a pipe); refused on a terminal, where they would be noise. */
export async function outBytes(bytes: Uint8Array, io: Io, what: string): Promise<boolean> {
  if (process.stdout.isTTY) {
    say(io, `${what} is a binary file: name one with -o (-o tasks.xlsx), or send standard output to a file`);
    return false;
  }
  if (!process.stdout.write(bytes)) await once(process.stdout, "drain");
  return true;
}

/** writeAtomic, saying why in one line when it fails. */
export function writeOrSay(target: string, data: string | Uint8Array, io: Io): boolean {
  try {
    writeAtomic(target, data);
    return true;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    say(io, e.message);
    return false;
  }
}

/** A command that writes one file: -o naming a directory is refused (one line). */
export function oneFile(command: string, output: string, io: Io): false {
  sayProblem(io, `-o ${output}`, `a directory, not a regular file: ${command} writes one file (name it, e.g. -o ${command === "table" ? "tasks" : "agencies"}.xlsx)`);
  return false;
}
