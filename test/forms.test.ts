// Fixtures are the documentation: every form of fixtures/forms/*.txt stands beside the exact output it must
// give (*.expected.json). An expected file changes only through the update flag, and is reviewed like code:
//
//   UPDATE_EXPECTED=1 npx vitest run test/forms.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanBytes, PlanDocumentSchema } from "../src/index.js";

const dir = new URL("../fixtures/forms/", import.meta.url);
const forms = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const update = process.env.UPDATE_EXPECTED === "1";

describe.each(forms)("form %s", (file) => {
  const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
  if (!result.ok) throw new Error(`${file}: ${result.problem}`);
  const actual = JSON.stringify(result.document, null, 2) + "\n";
  const expectedUrl = new URL(file.replace(/\.txt$/, ".expected.json"), dir);

  it("gives exactly its expected output", () => {
    if (update) writeFileSync(expectedUrl, actual);
    expect(existsSync(expectedUrl), `${file} has no expected output; run with UPDATE_EXPECTED=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(expectedUrl, "utf8"));
  });

  it("validates against the plan-parse/v1 schema", () => {
    expect(PlanDocumentSchema.safeParse(result.document).success).toBe(true);
  });
});
