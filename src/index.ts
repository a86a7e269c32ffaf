// The library: `import { parsePlan } from "plan-parse"`.
export { parsePlan, parsePlanBytes, type ParseOptions, type BytesResult } from "./parse-plan.js";
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
  type Task,
} from "./schema.js";
