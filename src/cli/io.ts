// Where the CLI's words go, and the one form they take. Everything the command line says about an input or an
// option is one line `plan-parse: name: problem` (or `plan-parse: problem`), on standard error; a document's
// own warnings keep the compiler form `file:line:column: warning code: message`, which editors link to.
import type { ChalkInstance } from "chalk";
import type { Diagnostic } from "../schema.js";
import { terminalLine } from "../outputs/terminal-text.js";
import type { Progress } from "./progress.js";

export interface Io {
  /** Writes to standard output; resolves when the stream can take more (back-pressure for big corpora). */
  out: (s: string) => void | Promise<void>;
  err: (s: string) => void;
  /** Colours for standard output and for standard error: each follows its own stream's terminal. */
  color: ChalkInstance;
  errColor: ChalkInstance;
  /** Shows a progress bar on standard error (only when it is a terminal). */
  progress: (total: number) => Progress;
}

/** `plan-parse: name: problem`: a file, an option or a command, and what is wrong with it, in words. */
export function sayProblem(io: Io, name: string, problem: string): void {
  io.err(`plan-parse: ${terminalLine(name)}: ${terminalLine(problem)}`);
}

/** `plan-parse: problem`, for what is about no one name. */
export function say(io: Io, message: string): void {
  io.err(`plan-parse: ${terminalLine(message)}`);
}

export function formatDiagnostic(file: string, d: Diagnostic, c: ChalkInstance): string {
  const sev = d.severity === "error" ? c.red.bold("error") : d.severity === "warning" ? c.yellow.bold("warning") : c.blue("info");
  return `${terminalLine(file)}:${d.span.start.line}:${d.span.start.column}: ${sev} ${terminalLine(d.code)}: ${terminalLine(d.message)}`;
}

/** Says on standard error what reading directories left out (a link to a directory read already, …). */
export const skipNotice = (io: Io) => (path: string, reason: string): void => io.err(`plan-parse: skipped ${terminalLine(path)}: ${terminalLine(reason)}`);

/** What a command's definition gets: where to speak, and where to leave its exit status. */
export interface CommandContext {
  io: Io;
  setStatus: (status: number) => void;
  version: string;
}
