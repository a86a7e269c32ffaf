// The plan-parse-diff/v1 output contract: what `plan-parse diff <a> <b>` reports. This file is the single source
// of truth: the TypeScript types are inferred from it, and diffJsonSchema() is generated from it. Key order here
// is the key order of every report (diffPlans builds its objects in this order), so a change here is a change to
// the contract.
import { z } from "zod";

import { Deadline, identified } from "../schema.js";

export const DIFF_SCHEMA_ID = "plan-parse-diff/v1";

/** The kinds of finding `ignore` can drop; every finding belongs to exactly one. */
export const DiffCategory = z
  .enum(["structure", "title", "text", "owners", "deadlines", "progress"])
  .describe(
    "structure: nodes added/removed/moved/renumbered, tasks added/removed; title: node titles and meta.title; " +
      "text: node text; owners: parties per role; deadlines: progress deadlines and meta.year; progress: progress text",
  );

export const DiffOp = z
  .object({
    op: z.enum(["equal", "insert", "delete"]),
    text: z.string(),
  })
  .strict();

export const InlineDiff = z
  .array(DiffOp)
  .describe("character-level diff, a → b: equal + delete spell the a side, equal + insert the b side");

export const NodeRef = z
  .object({
    id: z.string().describe("the node's id in its document (ordinal path among siblings)"),
    path: z
      .array(z.number().int())
      .describe("numbering path from the root: the number each marker says, or the position for an implicit heading"),
    marker: z.string(),
    title: z.string(),
  })
  .strict();

const Sides = {
  a: NodeRef.nullable().describe("the node in document a; null when it has none"),
  b: NodeRef.nullable().describe("the node in document b; null when it has none"),
};

export const TaskRef = z
  .object({
    id: z.string(),
    text: z.string(),
    lead: z.array(z.string()),
    responsible: z.array(z.string()),
    support: z.array(z.string()),
    guide: z.array(z.string()),
  })
  .strict();

export const Role = z.enum(["lead", "responsible", "support", "guide"]);

const MetaChanged = z
  .object({
    kind: z.literal("meta-changed"),
    category: z.enum(["title", "deadlines"]),
    ...Sides,
    field: z.enum(["title", "year"]),
    from: z.union([z.string(), z.number()]).nullable(),
    to: z.union([z.string(), z.number()]).nullable(),
    diff: InlineDiff.describe("for the title; empty for the year"),
  })
  .strict();

const NodeAdded = z
  .object({ kind: z.literal("node-added"), category: z.literal("structure"), ...Sides, tasks: z.number().int() })
  .strict();

const NodeRemoved = z
  .object({ kind: z.literal("node-removed"), category: z.literal("structure"), ...Sides, tasks: z.number().int() })
  .strict();

const NodeMoved = z
  .object({
    kind: z.literal("node-moved"),
    category: z.literal("structure"),
    ...Sides,
    fromParent: z.array(z.number().int()).describe("path of the parent in a; [] for the root"),
    toParent: z.array(z.number().int()).describe("path of the parent in b; [] for the root"),
  })
  .strict()
  .describe("paired with a node under a different parent");

const NodeRenumbered = z
  .object({
    kind: z.literal("node-renumbered"),
    category: z.literal("structure"),
    ...Sides,
    fromMarker: z.string(),
    toMarker: z.string(),
  })
  .strict()
  .describe("same parent, a different number (or numbering style)");

const TitleChanged = z
  .object({
    kind: z.literal("title-changed"),
    category: z.literal("title"),
    ...Sides,
    from: z.string(),
    to: z.string(),
    diff: InlineDiff,
  })
  .strict();

const TextChanged = z
  .object({
    kind: z.literal("text-changed"),
    category: z.literal("text"),
    ...Sides,
    diff: InlineDiff.describe("of the node's text after its title (whitespace-only differences are not findings)"),
  })
  .strict();

const OwnersChanged = z
  .object({
    kind: z.literal("owners-changed"),
    category: z.literal("owners"),
    ...Sides,
    task: z.object({ a: z.string(), b: z.string() }).strict().describe("the paired tasks' ids"),
    role: Role,
    from: z.array(z.string()),
    to: z.array(z.string()),
    removed: z
      .array(z.string())
      .describe("parties of a with no counterpart in b (compared by the agency table's key: place, level, brackets and spelling variants ignored; renamings are owner-renamed findings)"),
    added: z.array(z.string()).describe("parties of b with no counterpart in a"),
  })
  .strict();

export const RenamingStep = z
  .object({
    from: z.string().describe("the body's name before the reform (the agency table's full name)"),
    to: z.string().describe("the name after it"),
    year: z.number().int().nullable(),
    reform: z.string().describe("the reform, in general terms"),
  })
  .strict();

const OwnerRenamed = z
  .object({
    kind: z.literal("owner-renamed"),
    category: z.literal("owners"),
    ...Sides,
    task: z.object({ a: z.string(), b: z.string() }).strict().describe("the paired tasks' ids"),
    role: Role,
    from: z.string().describe("the party as a writes it"),
    to: z.string().describe("the party as b writes it"),
    steps: z.array(RenamingStep).min(1).describe("the reform steps from the older name to the newer (from a to b, or from b to a when a is the newer plan)"),
  })
  .strict()
  .describe("one body under its names before and after a reform (区食药监分局 / 区市场监管局): a renaming, not a change of owner");

const TaskAdded = z
  .object({ kind: z.literal("task-added"), category: z.literal("structure"), ...Sides, task: TaskRef })
  .strict();

const TaskRemoved = z
  .object({ kind: z.literal("task-removed"), category: z.literal("structure"), ...Sides, task: TaskRef })
  .strict();

const DeadlineAdded = z
  .object({ kind: z.literal("deadline-added"), category: z.literal("deadlines"), ...Sides, deadline: Deadline })
  .strict();

const DeadlineRemoved = z
  .object({ kind: z.literal("deadline-removed"), category: z.literal("deadlines"), ...Sides, deadline: Deadline })
  .strict();

const DeadlineChanged = z
  .object({
    kind: z.literal("deadline-changed"),
    category: z.literal("deadlines"),
    ...Sides,
    from: Deadline,
    to: Deadline,
  })
  .strict();

const ProgressChanged = z
  .object({
    kind: z.literal("progress-changed"),
    category: z.literal("progress"),
    ...Sides,
    from: z.string().nullable().describe("null when a has no progress clause"),
    to: z.string().nullable().describe("null when b has no progress clause"),
    diff: InlineDiff,
  })
  .strict();

export const Finding = z.discriminatedUnion("kind", [
  MetaChanged,
  NodeAdded,
  NodeRemoved,
  NodeMoved,
  NodeRenumbered,
  TitleChanged,
  TextChanged,
  OwnersChanged,
  OwnerRenamed,
  TaskAdded,
  TaskRemoved,
  DeadlineAdded,
  DeadlineRemoved,
  DeadlineChanged,
  ProgressChanged,
]);

export const FINDING_KINDS = [
  "meta-changed",
  "node-added",
  "node-removed",
  "node-moved",
  "node-renumbered",
  "title-changed",
  "text-changed",
  "owners-changed",
  "owner-renamed",
  "task-added",
  "task-removed",
  "deadline-added",
  "deadline-removed",
  "deadline-changed",
  "progress-changed",
] as const;

const count = z.number().int().min(0);

export const DocRef = z
  .object({
    name: z.string(),
    sha256: z.string(),
    title: z.string(),
    year: z.number().int().nullable(),
  })
  .strict();

export const DiffReport = z
  .object({
    schema: z.literal(DIFF_SCHEMA_ID),
    a: DocRef,
    b: DocRef,
    options: z
      .object({
        ignore: z.array(DiffCategory).describe("categories left out of findings, each once, in the order of DiffCategory"),
        similarity: z.number().min(0).max(1).describe("threshold on character-bigram Dice for pairing by content"),
      })
      .strict(),
    equal: z.boolean().describe("no findings (after ignore)"),
    summary: z
      .object({
        nodes: z
          .object({
            a: count,
            b: count,
            paired: count,
            added: count,
            removed: count,
            moved: count,
            renumbered: count,
            changed: count.describe("paired nodes with at least one finding"),
          })
          .strict()
          .describe("the alignment (independent of ignore)"),
        tasks: z.object({ a: count, b: count, paired: count, added: count, removed: count }).strict(),
        findings: count,
        byKind: z.object(Object.fromEntries(FINDING_KINDS.map((k) => [k, count])) as Record<(typeof FINDING_KINDS)[number], typeof count>).strict(),
      })
      .strict(),
    findings: z.array(Finding).describe("document order of b (paired and added nodes), then nodes only in a"),
    notes: z
      .array(z.string())
      .optional()
      .describe("present only when the comparison was limited: each says how (e.g. pairing by similarity stopped at its budget)"),
  })
  .strict();

export type DiffCategory = z.infer<typeof DiffCategory>;
export type DiffOp = z.infer<typeof DiffOp>;
export type RenamingStep = z.infer<typeof RenamingStep>;
export type NodeRef = z.infer<typeof NodeRef>;
export type TaskRef = z.infer<typeof TaskRef>;
export type Role = z.infer<typeof Role>;
export type Finding = z.infer<typeof Finding>;
export type FindingKind = Finding["kind"];
export type DocRef = z.infer<typeof DocRef>;
export type DiffReport = z.infer<typeof DiffReport>;

/** JSON Schema (draft 2020-12) generated from the zod schema. */
export function diffJsonSchema(): Record<string, unknown> {
  return identified(z.toJSONSchema(DiffReport, { target: "draft-2020-12" }) as Record<string, unknown>, DIFF_SCHEMA_ID, "what changed between two plans, as plan-parse diff reports it");
}
