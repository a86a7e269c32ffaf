// One input through the whole pipeline — read, detect, parse, serialize — the unit of work both in process and
// in a worker thread. It never throws: the outcome says what went wrong in one line, naming nothing but the
// problem (the caller names the input), whatever failed inside — so one bad input never stops the others.
import { Chalk } from "chalk";
import { parseInput, type InputFormat } from "../input/index.js";
import type { Input } from "./inputs.js";
import { jsonChunks } from "./json-stream.js";
import { renderOutline } from "./outline-text.js";
import { InputError, readInputBytes } from "../input/read-file.js";
import type { Diagnostic, PlanDocument, Stats } from "../schema.js";

/** What the caller wants back: a serialized document, or the document itself. */
export type Emit = "json" | "yaml" | "tree" | "ndjson" | "document";

export interface ProcessOptions {
  emit: Emit;
  format?: InputFormat;
  year?: number;
  /** Colour level for `tree`. */
  colorLevel?: 0 | 1 | 2 | 3;
  /** Bytes of standard input, read by the main thread. */
  stdin?: Uint8Array;
}

export type Outcome =
  | {
      ok: true;
      name: string;
      /** The serialized document in pieces (JSON can be longer than the longest string); null for `document`. */
      chunks: string[] | null;
      document: PlanDocument | null;
      diagnostics: Diagnostic[];
      stats?: Stats;
    }
  | { ok: false; name: string; problem: string };

/**
 * Inputs up to this size are serialized with one native JSON.stringify (the fastest way, and their JSON stays
 * far below V8's longest string: about 40 characters of JSON per byte at worst, for bare numbering markers);
 * bigger ones in pieces (src/cli/json-stream.ts).
 */
const NATIVE_JSON_MAX_BYTES = 1 << 20;

/** The document as text, in pieces: JSON (indented by 2), NDJSON (one line, no newline), YAML or the outline. */
export async function serializeDocument(doc: PlanDocument, emit: Exclude<Emit, "document">, colorLevel: 0 | 1 | 2 | 3 = 0): Promise<string[]> {
  if (emit === "json" || emit === "ndjson") {
    const indent = emit === "json" ? 2 : 0;
    if (doc.source.bytes <= NATIVE_JSON_MAX_BYTES) {
      try {
        return [JSON.stringify(doc, null, indent)];
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
      }
    }
    return jsonChunks(doc, indent);
  }
  try {
    if (emit === "tree") return [renderOutline(doc, new Chalk({ level: colorLevel }))];
    const { stringify } = await import("yaml");
    return [stringify(doc, { lineWidth: 0 })];
  } catch (e) {
    if (e instanceof RangeError && /string length/i.test(e.message)) {
      throw new InputError(`too large to write as ${emit === "tree" ? "an outline" : "YAML"} (its text would be longer than the longest string; --format json or ndjson can write it)`);
    }
    throw e;
  }
}

/** One line for what went wrong inside: the kind of limit when it is one, else the error's first line. */
export function describeFailure(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const message = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
  if (e instanceof RangeError) {
    if (/call stack/i.test(message)) return "nested too deeply (Maximum call stack size exceeded)";
    if (/string length|Array buffer allocation|allocation failed|Map maximum size|Set maximum size/i.test(message)) return `too large to process (${message})`;
  }
  return `internal error: ${message}`;
}

async function processUnguarded(input: Input, options: ProcessOptions): Promise<Outcome> {
  const name = input.name;
  let bytes: Uint8Array;
  try {
    bytes = input.bytes ?? (input.path === "-" && options.stdin ? options.stdin : readInputBytes(input.path));
  } catch (e) {
    if (e instanceof InputError) return { ok: false, name, problem: e.message };
    throw e;
  }
  const result = await parseInput(bytes, {
    name,
    ...(options.format ? { format: options.format } : {}),
    ...(options.year ? { year: options.year } : {}),
  });
  if (!result.ok) return { ok: false, name, problem: result.problem };
  const doc = result.document;
  const noPlan = doc.diagnostics.find((d) => d.code === "no-plan");
  const tooMany = doc.diagnostics.find((d) => d.code === "too-many-headings");
  if (tooMany) return { ok: false, name, problem: `too large to read as a plan: ${tooMany.message}` };
  if (noPlan) {
    // When a web page was cut to its article, say which: the plan may be elsewhere on the page.
    const article = doc.diagnostics.find((d) => d.code === "html-article");
    const read = article ? ` (${article.message})` : "";
    return { ok: false, name, problem: `not a plan: ${noPlan.message.replace(/: this does not look like a plan$/, "")}${read}` };
  }
  if (options.emit === "document") return { ok: true, name, chunks: null, document: doc, diagnostics: doc.diagnostics, stats: doc.stats };
  return {
    ok: true,
    name,
    chunks: await serializeDocument(doc, options.emit, options.colorLevel),
    document: null,
    diagnostics: doc.diagnostics,
    stats: doc.stats,
  };
}

/** One input → its outcome. Never throws: anything that goes wrong is this input's problem, in one line. */
export async function processInput(input: Input, options: ProcessOptions): Promise<Outcome> {
  try {
    return await processUnguarded(input, options);
  } catch (e) {
    return { ok: false, name: input.name, problem: describeFailure(e) };
  }
}
