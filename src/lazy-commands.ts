// What only some commands need (diff, table, agencies, schema, validate), as one CommonJS bundle the CLI loads
// on first use (build.mjs points the CLI's dynamic imports of these modules here).
export { diffPlans } from "./diff/diff.js";
export { renderDiffText } from "./diff/render.js";
export { diffJsonSchema } from "./diff/schema.js";
export { tableRows, formatRows } from "./table.js";
export { agencyMatrix, loadAliases, renderAgencies } from "./agencies.js";
export { PlanDocument, planJsonSchema } from "./schema.js";
