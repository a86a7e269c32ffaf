// A plan-parse/v1 document as rows of the export tables (src/export/schema.ts), values in column order.
// Pure: a document in, rows out.
import { agencyKey } from "../outputs/agencies.js";
import type { PlanDocument, PlanNode } from "../schema.js";
import { labelSegment } from "../outputs/table.js";
import type { Row, TableName } from "./schema.js";

const ROLES = ["lead", "responsible", "support", "guide", "leaders"] as const;
const ROLE_NAME: Record<(typeof ROLES)[number], string> = { lead: "lead", responsible: "responsible", support: "support", guide: "guide", leaders: "leader" };

export interface RowContext {
  /** plan-parse's version, for documents.plan_parse_version. */
  version: string;
  /** documents.export_batch: the ordinal of this export into its output. */
  batch: number;
}

export type DocumentRows = Record<TableName, Row[]>;

/** The rows of one document for every table. */
export function documentRows(doc: PlanDocument, context: RowContext): DocumentRows {
  const id = doc.source.sha256;
  const m = doc.meta;
  const out: DocumentRows = {
    documents: [
      [
        id,
        doc.source.name,
        doc.source.format,
        doc.source.encoding,
        doc.source.bytes,
        m.title,
        m.issuer,
        m.year,
        m.docNumber,
        m.date,
        m.status,
        doc.stats.nodes,
        doc.stats.tasks,
        doc.stats.warnings,
        doc.schema,
        context.version,
        context.batch,
      ],
    ],
    nodes: [],
    tasks: [],
    task_parties: [],
    deadlines: [],
  };
  let position = 0;
  const walk = (nodes: readonly PlanNode[], parent: string | null, label: string, path: string): void => {
    nodes.forEach((node, i) => {
      const nodeLabel = label + labelSegment(node.style, node.marker, node.level, node.number ?? i + 1);
      const nodePath = path ? `${path} / ${node.title}` : node.title;
      out.nodes.push([
        id,
        node.id,
        parent,
        position++,
        node.level,
        node.style,
        node.marker,
        node.number,
        nodeLabel,
        nodePath,
        node.title,
        node.text,
        node.progress?.text ?? null,
        node.tasks.length,
        node.span.start.line,
      ]);
      node.tasks.forEach((task, t) => {
        const parties = task.lead.length + task.responsible.length + task.support.length + task.guide.length;
        out.tasks.push([id, task.id, node.id, t + 1, task.text, task.raw, parties, task.span.start.line]);
        for (const role of ROLES) {
          task[role].forEach((party, p) => {
            out.task_parties.push([id, task.id, ROLE_NAME[role], p + 1, party, role === "leaders" ? null : agencyKey(party)]);
          });
        }
        task.deadlines.forEach((d, p) => out.deadlines.push([id, node.id, task.id, "task", p + 1, d.text, d.date, d.kind]));
      });
      node.progress?.deadlines.forEach((d, p) => out.deadlines.push([id, node.id, "", "progress", p + 1, d.text, d.date, d.kind]));
      walk(node.children, node.id, nodeLabel, nodePath);
    });
  };
  walk(doc.outline, null, "", "");
  return out;
}
