// What only some commands need (diff, table, agencies, schema, validate), as one CommonJS bundle the CLI loads
// on first use (build.mjs points the CLI's dynamic imports of these modules here). The xlsx writer is in it:
// it is plan-parse's own (src/outputs/xlsx.ts), with no library to load.
export { diffPlans } from "../diff/diff.js";
export { renderDiffText } from "../diff/render.js";
export { diffJsonSchema } from "../diff/schema.js";
export { tableRows, formatRows, partyRows, tableWorkbook } from "../outputs/table.js";
export { agencyMatrix, agencyTableWith, agenciesWorkbook, loadAliases, renderAgencies } from "../outputs/agencies.js";
export { PlanDocument, planJsonSchema } from "../schema.js";
