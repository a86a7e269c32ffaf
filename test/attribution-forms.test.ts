// Every attribution form plan-parse reads (fixtures/attributions/*.txt, short texts in our own words) beside the
// reading it must give (*.expected.json): per node, each task's roles, leaders and deadlines, the node's progress,
// the document's conventions and attachments, and every warning with its line. The reading view leaves out spans
// and texts so that a reviewer sees who does what at a glance; the full output of other forms is in
// fixtures/forms/. An expected file changes only through the update flag, and is reviewed like code:
//
//   UPDATE_EXPECTED=1 npx vitest run test/attribution-forms.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanBytes, PlanDocumentSchema, type PlanDocument, type PlanNode } from "../src/index.js";

const dir = new URL("../fixtures/attributions/", import.meta.url);
const forms = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const update = process.env.UPDATE_EXPECTED === "1";

/** The reading of a document: what a reviewer checks against the text. */
export function reading(doc: PlanDocument): unknown {
  const nodes: unknown[] = [];
  const walk = (list: readonly PlanNode[], path: string): void => {
    for (const n of list) {
      const label = `${path}${n.marker || `[${n.title}]`}`;
      const tasks = n.tasks.map((t) => {
        const row: Record<string, unknown> = {};
        for (const role of ["lead", "responsible", "support", "guide", "leaders"] as const) if (t[role].length > 0) row[role] = t[role];
        if (t.deadlines.length > 0) row.deadlines = t.deadlines.map((d) => d.date ?? d.text);
        return row;
      });
      const entry: Record<string, unknown> = { node: label, title: n.title };
      if (tasks.length > 0) entry.tasks = tasks;
      if (n.progress) entry.progress = { text: n.progress.text, dates: n.progress.deadlines.map((d) => d.date ?? d.text) };
      nodes.push(entry);
      walk(n.children, label);
    }
  };
  walk(doc.outline, "");
  return {
    title: doc.meta.title,
    conventions: doc.meta.conventions.map((c) => ({ kind: c.kind, text: c.text, parties: c.parties, line: c.span.start.line })),
    attachments: doc.meta.attachments.map((a) => ({ title: a.title, read: a.read, line: a.span.start.line })),
    nodes,
    stats: doc.stats,
    diagnostics: doc.diagnostics
      .filter((d) => d.severity !== "info" || d.code === "attachment-not-read")
      .map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}: ${d.message}`),
  };
}

describe.each(forms)("attribution form %s", (file) => {
  const result = parsePlanBytes(readFileSync(new URL(file, dir)), { name: file });
  if (!result.ok) throw new Error(`${file}: ${result.problem}`);
  const actual = JSON.stringify(reading(result.document), null, 2) + "\n";
  const expectedUrl = new URL(file.replace(/\.txt$/, ".expected.json"), dir);

  it("reads every attribution as its expected reading", () => {
    if (update) writeFileSync(expectedUrl, actual);
    expect(existsSync(expectedUrl), `${file} has no expected reading; run with UPDATE_EXPECTED=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(expectedUrl, "utf8"));
  });

  it("validates against the plan-parse/v1 schema", () => {
    expect(PlanDocumentSchema.safeParse(result.document).success).toBe(true);
  });
});
