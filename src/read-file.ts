// Reading one input's bytes, with the problems a user can act on as one line each.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";

/** Bigger inputs are refused rather than parsed for minutes. */
export const MAX_BYTES = 256 * 1024 * 1024;

export class InputError extends Error {}

// Only a directory with no plan files in it is read as a file: directories are otherwise expanded.
const DIRECTORY = "is a directory with no plan files in it (.txt .md .html .docx .pdf)";

export function readInputBytes(path: string): Uint8Array {
  if (path === "-") {
    try {
      return readFileSync(0);
    } catch (e) {
      throw new InputError(`cannot read standard input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("no such file");
    if (code === "EACCES" || code === "EPERM") throw new InputError("permission denied");
    if (code === "EISDIR") throw new InputError(DIRECTORY);
    throw new InputError(`cannot open (${code ?? (e as Error).message})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(DIRECTORY);
    if (stat.size > MAX_BYTES) {
      throw new InputError(`too large (${(stat.size / 1048576).toFixed(0)} MiB; the limit is ${MAX_BYTES / 1048576} MiB)`);
    }
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new InputError(DIRECTORY);
    throw new InputError(`cannot read (${code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
