// Reading what commands take besides plans: plan-parse/v1 documents (JSON, YAML, NDJSON) for `diff` and
// `validate`, and the --aliases file.
import { InputError, readInputBytes } from "../input/read-file.js";
import { nestedTooDeeply, NestingError, nestsDeeperThan } from "../input/nesting.js";
import type { PlanDocument } from "../schema.js";
import { sayProblem, type Io } from "./io.js";
import type { CommonOptions } from "./options.js";
import { processInput } from "./process-input.js";

/** NDJSON (`plan-parse plans/ --format ndjson`): one document per line, by name or by its first line. */
const NDJSON = /\.(ndjson|jsonl)$/i;

/**
 * JSON, NDJSON or YAML, by the name's extension, else by whether the text starts like JSON; NDJSON gives an
 * array of its lines' values. Throws on bad syntax (for NDJSON, naming the line).
 */
export async function parseDataFile(name: string, raw: string): Promise<unknown> {
  const text = raw.replace(/^\uFEFF/, ""); // a byte order mark, as Windows editors write
  if (NDJSON.test(name)) {
    const values: unknown[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        values.push(JSON.parse(line));
      } catch (e) {
        throw new SyntaxError(`line ${i + 1}: ${(e as Error).message}`);
      }
    });
    return values;
  }
  if (/\.ya?ml$/i.test(name) || (!/\.json$/i.test(name) && !/^\s*[[{]/.test(text))) return (await import("../input/yaml-data.js")).parseYaml(text);
  return JSON.parse(text);
}

/** A plan file, or a plan-parse/v1 document written as JSON or YAML (for `diff`). */
export async function loadDocument(name: string, opts: CommonOptions): Promise<{ ok: true; doc: PlanDocument } | { ok: false; problem: string }> {
  let bytes: Uint8Array;
  try {
    bytes = readInputBytes(name);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, problem: e.message };
    throw e;
  }
  if (/\.(json|ya?ml)$/i.test(name)) {
    let value: unknown;
    try {
      value = await parseDataFile(name, Buffer.from(bytes).toString("utf8"));
    } catch (e) {
      if (e instanceof NestingError) return { ok: false, problem: `not a plan-parse/v1 document (${e.message})` };
      return { ok: false, problem: `not JSON or YAML: ${(e as Error).message.split("\n")[0]}` };
    }
    if (nestsDeeperThan(value)) return { ok: false, problem: `not a plan-parse/v1 document (${nestedTooDeeply()})` };
    const { PlanDocument } = await import("../schema.js");
    const parsed = PlanDocument.safeParse(value);
    if (!parsed.success) return { ok: false, problem: `not a plan-parse/v1 document (${parsed.error.issues[0]?.message ?? "invalid"})` };
    return { ok: true, doc: parsed.data };
  }
  // The bytes already read go along: standard input cannot be read twice.
  const outcome = await processInput(
    { path: name, name: name === "-" ? "<stdin>" : name, bytes },
    { emit: "document", ...(opts.inputFormat ? { format: opts.inputFormat } : {}), ...(opts.year ? { year: opts.year } : {}) },
  );
  return outcome.ok ? { ok: true, doc: outcome.document! } : { ok: false, problem: outcome.problem };
}

/** The built-in agency table extended by --aliases FILE; null (after one line) when the file is bad. */
export async function readAgencyTable(path: string | undefined, io: Io) {
  const { agencyTableWith, loadAliases } = await import("../outputs/agencies.js");
  if (!path) return { table: agencyTableWith(), aliases: undefined };
  try {
    const aliases = loadAliases(Buffer.from(readInputBytes(path)).toString("utf8").replace(/^\uFEFF/, ""));
    return { table: agencyTableWith(aliases), aliases };
  } catch (e) {
    sayProblem(io, path, (e as Error).message.split("\n")[0] ?? "");
    return null;
  }
}
