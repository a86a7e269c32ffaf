// The library: `import { parsePlan } from "plan-parse"`.
export { parsePlan, parsePlanBytes, type ParseOptions, type BytesResult } from "./parse-plan.js";
export { parseFile } from "./parse-file.js";
export { eachNode, eachTask, type NodeVisit, type TaskVisit } from "./walk.js";
export { decodeBytes, type DecodeResult } from "./decode.js";
export {
  SCHEMA_ID,
  PlanDocument as PlanDocumentSchema,
  planJsonSchema,
  type Deadline,
  type Diagnostic,
  type DiagnosticCode,
  type Encoding,
  type Meta,
  type NodeStyle,
  type Notice,
  type PlanDocument,
  type PlanNode,
  type Progress,
  type Source,
  type Span,
  type Stats,
  type Task,
  type Convention,
  type Attachment,
} from "./schema.js";
export { parseInput, detectFormat, INPUT_FORMATS, type InputFormat, type InputOptions } from "./input/index.js";
export { diffPlans, type DiffOptions } from "./diff/diff.js";
export { renderDiffText } from "./diff/render.js";
export { DiffReport as DiffReportSchema, diffJsonSchema, type DiffReport } from "./diff/schema.js";
export { tableRows, formatRows, TABLE_COLUMNS, type TableRow } from "./table.js";
export { agencyMatrix, agencyKey, loadAliases, renderAgencies, type AgencyMatrix, type Aliases } from "./agencies.js";
