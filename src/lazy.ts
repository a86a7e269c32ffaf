// What the CLI loads only when a command or an input format needs it: one CommonJS bundle (dist/lazy.cjs)
// next to the start-up bundle, so that parsing a .txt compiles none of it. build.mjs points the CLI's dynamic
// imports of these modules here.
export { readMarkdown } from "./input/markdown.js";
export { readHtml } from "./input/html.js";
export { readDocx } from "./input/docx.js";
export { readPdf } from "./input/pdf.js";
export { diffPlans } from "./diff/diff.js";
export { renderDiffText } from "./diff/render.js";
export { diffJsonSchema } from "./diff/schema.js";
export { tableRows, formatRows } from "./table.js";
export { agencyMatrix, loadAliases, renderAgencies } from "./agencies.js";
export { PlanDocument, planJsonSchema } from "./schema.js";
