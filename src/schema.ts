// The plan-parse/v1 output contract. This file is the single source of truth: the TypeScript types are
// inferred from it and `plan-parse schema` prints the JSON Schema generated from it. Key order here is the
// key order of every output, so a change here is a change to the contract.
import { z } from "zod";

import { SCHEMA_ID } from "./schema-id.js";

export { SCHEMA_ID };

const Position = z
  .object({
    line: z.number().int().min(1).describe("1-based line in the decoded source text"),
    column: z.number().int().min(1).describe("1-based column, in UTF-16 code units"),
    offset: z.number().int().min(0).describe("0-based offset into the decoded source text, in UTF-16 code units"),
  })
  .strict();

export const Span = z
  .object({
    start: Position,
    end: Position.describe("exclusive end"),
  })
  .strict();

export const DiagnosticCode = z.enum([
  "no-plan",
  "too-many-headings",
  "duplicate-number",
  "unexpected-number",
  "implicit-heading",
  "glued-heading",
  "unknown-role",
  "unreadable-attribution",
  "no-tasks",
  "attachment-not-read",
  "table-cells-unread",
  "unclosed-bracket",
  "unmatched-bracket",
  "pdf-reflow",
  "artifact-removed",
  "replacement-character",
  "no-year",
  "html-article",
  "format-mismatch",
  "traditional-characters",
]);

export const Diagnostic = z
  .object({
    severity: z.enum(["error", "warning", "info"]),
    code: DiagnosticCode,
    message: z.string(),
    span: Span,
  })
  .strict();

export const Deadline = z
  .object({
    text: z.string().describe("the deadline as written, e.g. 6月底前"),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe("ISO date the deadline resolves to against meta.year; null for recurring and vague ones"),
    kind: z.enum(["by", "recurring", "vague"]),
  })
  .strict();

export const Progress = z
  .object({
    text: z.string().describe("the progress clause without its label (工作进度：…)"),
    deadlines: z.array(Deadline),
    span: Span,
  })
  .strict();

export const Task = z
  .object({
    id: z.string().describe("node id, # and the 1-based ordinal of the bracket in the node: 2.4#1"),
    text: z.string().describe("the sentences the responsibility bracket covers"),
    lead: z.array(z.string()).describe("牵头 / 组织协调"),
    responsible: z.array(z.string()).describe("负责 / 按职责分工负责 / a bare list"),
    support: z.array(z.string()).describe("配合"),
    guide: z.array(z.string()).describe("指导"),
    leaders: z.array(z.string()).describe("people named with 责任领导： / 牵头领导： / 分管领导： (never agencies)"),
    deadlines: z
      .array(Deadline)
      .describe("limits the task's own sentences or its bracket set (2018年底前，完成… / （6月底完成，…）), resolved against meta.year"),
    raw: z.string().describe("the bracket's inside as written"),
    span: Span,
    page: z.number().int().min(1).optional().describe("pdf: the 1-based page the task's bracket starts on"),
    paragraph: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("docx: the 1-based Word paragraph the task's bracket starts in (every paragraph of the body counted, empty ones and table cells' too); absent where it could not be told"),
  })
  .strict();

export const NodeStyle = z.enum(["chinese", "chinese-paren", "arabic", "arabic-paren", "circled", "implicit", "table-row"]);

export interface PlanNode {
  id: string;
  level: number;
  style: z.infer<typeof NodeStyle>;
  marker: string;
  number: number | null;
  title: string;
  text: string;
  tasks: z.infer<typeof Task>[];
  progress: z.infer<typeof Progress> | null;
  children: PlanNode[];
  span: z.infer<typeof Span>;
  page?: number;
  paragraph?: number;
}

export const Node: z.ZodType<PlanNode> = z.lazy(() =>
  z
    .object({
      id: z.string().describe("ordinal path among siblings, unique and stable: 2.4.1"),
      level: z
        .number()
        .int()
        .min(0)
        .describe(
          "rank of the numbering style: 一、=1, （一）=2, 1.=3, （1）=4, ①=5; 0 for an implicit top-level node that holds a numbering restarted by an attachment or a second plan",
        ),
      style: NodeStyle,
      marker: z.string().describe("the marker as written, e.g. （四）; empty when implicit"),
      number: z.number().int().nullable().describe("the number the marker says; null when implicit"),
      title: z.string().describe("the heading's first sentence, without 。"),
      text: z.string().describe("the node's own text after its marker, children excluded, reflowed"),
      tasks: z.array(Task),
      progress: Progress.nullable(),
      children: z.array(Node),
      span: Span,
      page: z.number().int().min(1).optional().describe("pdf: the 1-based page the node's marker is on"),
      paragraph: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("docx: the 1-based Word paragraph the node's marker is in (every paragraph of the body counted, empty ones and table cells' too); absent where it could not be told"),
    })
    .strict(),
);

export const Notice = z
  .object({
    title: z.string(),
    addressee: z.string().nullable(),
    body: z.string(),
    issuer: z.string().nullable(),
    date: z.string().nullable().describe("ISO date of the notice"),
    disclosure: z.string().nullable().describe("e.g. 此件主动公开"),
  })
  .strict();

export const Convention = z
  .object({
    kind: z
      .enum(["first-listed-leads", "implied-responsible"])
      .describe(
        "first-listed-leads: 列第一位者为牵头单位，下同 (the first party of every later list leads); implied-responsible: 以下各项任务均需…落实，不再列出 (parties added to every later task)",
      ),
    text: z.string().describe("the convention as written"),
    parties: z.array(z.string()).describe("the parties it adds (implied-responsible); empty otherwise"),
    span: Span,
  })
  .strict();

export const Attachment = z
  .object({
    title: z.string().describe("the attachment's title, e.g. 郊野公园建设项目表"),
    read: z.boolean().describe("true when its numbered headings or task table are in the outline"),
    span: Span,
  })
  .strict();

export const Meta = z
  .object({
    title: z.string().describe("the plan's own title (not the notice's)"),
    year: z
      .number()
      .int()
      .nullable()
      .describe(
        "the year of issue (date line, 文号, header, print note; else the year the title names); relative deadlines resolve against the title's own year when it names one, else this",
      ),
    docNumber: z.string().nullable().describe("发文字号 with spaces removed"),
    issuer: z.string().nullable(),
    date: z.string().nullable().describe("ISO date of issue, from the notice or the print note"),
    status: z.string().nullable().describe("draft marker such as 征求意见稿"),
    notice: Notice.nullable(),
    conventions: z.array(Convention).describe("what the document states once for every later attribution, in document order"),
    attachments: z.array(Attachment).describe("附件 after the body, in document order"),
  })
  .strict();

export const Stats = z
  .object({
    nodes: z.number().int().min(0),
    tasks: z.number().int().min(0),
    withProgress: z.number().int().min(0).describe("nodes with a progress clause"),
    unreadableAttributions: z.number().int().min(0).describe("attributions that could not be read (each has a diagnostic)"),
    warnings: z.number().int().min(0),
  })
  .strict();

export const Source = z
  .object({
    name: z.string().describe("the input's name as given (never made absolute)"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("of the input's bytes"),
    format: z
      .enum(["txt", "md", "html", "docx", "pdf", "doc", "wps", "xlsx", "xls", "et", "odt", "rtf", "mht"])
      .describe("the input format the plan was read from (by its content: a .doc that is really a web page is html)"),
    encoding: z
      .enum(["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030"])
      .nullable()
      .describe("the text encoding of a text-like input (txt, md, html, mht: its HTML part's charset); null for the binary formats"),
    bytes: z.number().int().min(0),
    spans: z
      .enum(["source", "extracted"])
      .describe("what span offsets point into: the decoded input file (txt, md, html), or the text extracted from it (every other format)"),
  })
  .strict();

export const DocumentAgency = z
  .object({
    key: z.string().describe("the comparable key: the agency table's full name of a known body (卫生健康委员会), else the name without place, level and brackets"),
    known: z.boolean().describe("true when data/agencies.json knows the body"),
    level: z.enum(["省", "市", "县", "区"]).nullable().describe("the level the name is written at (区市场监管局 → 区)"),
    place: z.string().nullable().describe("a named place in front of the name (马村 of 马村公安分局)"),
    successor: z.string().nullable().describe("the body a reform renamed or merged it into, at the end of the chain (食药监分局 → 市场监督管理局); null when none"),
  })
  .strict();

export const PlanDocument = z
  .object({
    schema: z.literal(SCHEMA_ID),
    source: Source,
    meta: Meta,
    preamble: z.string(),
    outline: z.array(Node),
    stats: Stats,
    diagnostics: z.array(Diagnostic),
    agencies: z
      .record(z.string(), DocumentAgency)
      .describe("every party the tasks name, as written → its key, level, place and successor (data/agencies.json), in order of first appearance"),
  })
  .strict();

export type Span = z.infer<typeof Span>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type DiagnosticCode = z.infer<typeof DiagnosticCode>;
export type Deadline = z.infer<typeof Deadline>;
export type Progress = z.infer<typeof Progress>;
export type Task = z.infer<typeof Task>;
export type NodeStyle = z.infer<typeof NodeStyle>;
export type Notice = z.infer<typeof Notice>;
export type Convention = z.infer<typeof Convention>;
export type Attachment = z.infer<typeof Attachment>;
export type Stats = z.infer<typeof Stats>;
export type DocumentAgency = z.infer<typeof DocumentAgency>;
export type Meta = z.infer<typeof Meta>;
export type Source = z.infer<typeof Source>;
export type Encoding = NonNullable<Source["encoding"]>;
export type InputFormat = Source["format"];
export type PlanDocument = z.infer<typeof PlanDocument>;

/** JSON Schema (draft 2020-12) generated from the zod schema. */
export function planJsonSchema(): Record<string, unknown> {
  return identified(z.toJSONSchema(PlanDocument, { target: "draft-2020-12" }) as Record<string, unknown>, SCHEMA_ID, "a work plan as plan-parse reads it: its outline, tasks, owners and deadlines");
}

/**
 * A schema that says what it is: `$id` (a URN, as the project publishes no schema URL; validators and editors
 * key their caches by it) and `title`, right after `$schema`.
 */
export function identified(schema: Record<string, unknown>, id: string, title: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, $id: `urn:plan-parse:schema:${id}`, title: `${id}: ${title}`, ...rest };
}
