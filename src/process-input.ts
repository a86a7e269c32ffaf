// One input through the whole pipeline — read, detect, parse, serialize — the unit of work both in process and
// in a worker thread. It never throws for a bad input: the outcome says what went wrong in one line.
import { Chalk } from "chalk";
import { parseInput, type InputFormat } from "./input/index.js";
import type { Input } from "./inputs.js";
import { renderOutline } from "./outline-text.js";
import { InputError, readInputBytes } from "./read-file.js";
import type { Diagnostic, PlanDocument, Stats } from "./schema.js";

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
  | { ok: true; name: string; text: string | null; document: PlanDocument | null; diagnostics: Diagnostic[]; stats?: Stats }
  | { ok: false; name: string; problem: string };

export async function serializeDocument(doc: PlanDocument, emit: Exclude<Emit, "document">, colorLevel: 0 | 1 | 2 | 3 = 0): Promise<string> {
  if (emit === "json") return JSON.stringify(doc, null, 2);
  if (emit === "ndjson") return JSON.stringify(doc);
  if (emit === "tree") return renderOutline(doc, new Chalk({ level: colorLevel }));
  const { stringify } = await import("yaml");
  return stringify(doc, { lineWidth: 0 });
}

export async function processInput(input: Input, options: ProcessOptions): Promise<Outcome> {
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
  if (noPlan) {
    // When a web page was cut to its article, say which: the plan may be elsewhere on the page.
    const article = doc.diagnostics.find((d) => d.code === "html-article");
    const read = article ? ` (${article.message})` : "";
    return { ok: false, name, problem: `not a plan: ${noPlan.message.replace(/: this does not look like a plan$/, "")}${read}` };
  }
  if (options.emit === "document") return { ok: true, name, text: null, document: doc, diagnostics: doc.diagnostics, stats: doc.stats };
  return {
    ok: true,
    name,
    text: await serializeDocument(doc, options.emit, options.colorLevel),
    document: null,
    diagnostics: doc.diagnostics,
    stats: doc.stats,
  };
}
