// Fuzzing the library: 100,000 generated plan-like strings (numbering markers of every style, owners' brackets,
// progress clauses, front matter, control characters, lone surrogates, slices of the real seeds; cut,
// repeated and glued) through parsePlan. Each must parse without throwing, give a document that meets the
// plan-parse/v1 schema, and (every tenth, parsed twice) the same bytes again. Streamed JSON must equal
// JSON.stringify on every tenth document too.
//
//   FUZZ_LONG=1 npx vitest run test/fuzz.test.ts     1,000,000 inputs, longer ones (about 10 minutes)
//   FUZZ_SEED=n                                       another sequence of inputs (the default is 0)
//
// A failure names the input's index and prints it as JSON: `planLike(index, pieces)` gives it back.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../src/cli/json-stream.js";
import { parsePlan, PlanDocumentSchema } from "../src/index.js";
import { planLike } from "./helpers/plan-fuzz.js";

const LONG = process.env.FUZZ_LONG === "1";
const TOTAL = LONG ? 1_000_000 : 100_000;
const PIECES = LONG ? 48 : 16;
const BATCH = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 0) * TOTAL;

const SEEDS = new URL("../fixtures/seeds/", import.meta.url);
const corpus = readdirSync(SEEDS)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(new URL(f, SEEDS), "utf8"));

function fail(index: number, input: string, why: string): never {
  throw new Error(`fuzz input ${index} (planLike(${index}, ${PIECES}, seeds)): ${why}\n${JSON.stringify(input).slice(0, 2000)}`);
}

describe(`parsePlan on ${TOTAL.toLocaleString("en-US")} fuzzed plan-like inputs`, () => {
  for (let start = 0; start < TOTAL; start += BATCH) {
    it(`inputs ${start.toLocaleString("en-US")}–${(start + BATCH - 1).toLocaleString("en-US")}: no throw, valid, deterministic`, () => {
      for (let k = start; k < start + BATCH; k++) {
        const index = SEED + k;
        const input = planLike(index, PIECES, corpus);
        let doc;
        try {
          doc = parsePlan(input, { name: `fuzz-${index}.txt` });
        } catch (e) {
          fail(index, input, `threw ${(e as Error).stack ?? String(e)}`);
        }
        const valid = PlanDocumentSchema.safeParse(doc);
        if (!valid.success) fail(index, input, `invalid: ${JSON.stringify(valid.error.issues.slice(0, 3))}`);
        if (k % 10 === 0) {
          const json = JSON.stringify(doc);
          if (JSON.stringify(parsePlan(input, { name: `fuzz-${index}.txt` })) !== json) fail(index, input, "a second parse gave other bytes");
          if (jsonChunks(doc, k % 20 === 0 ? 2 : 0, 64).join("") !== JSON.stringify(doc, null, k % 20 === 0 ? 2 : 0)) fail(index, input, "streamed JSON differs");
        }
      }
      expect(true).toBe(true);
    }, 120_000);
  }
});
