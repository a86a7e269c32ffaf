// The diff engine's public surface (`plan-parse diff`).
export { diffPlans, DEFAULT_SIMILARITY, type DiffOptions } from "./diff.js";
export { renderDiffText } from "./render.js";
export {
  DIFF_SCHEMA_ID,
  DiffCategory,
  DiffReport,
  Finding,
  diffJsonSchema,
  type DiffOp,
  type FindingKind,
  type NodeRef,
  type TaskRef,
} from "./schema.js";
