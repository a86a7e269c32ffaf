// The format readers, as one CommonJS bundle the CLI loads only when it reads a file of such a format
// (build.mjs points the CLI's dynamic imports of these modules here).
export { readMarkdown } from "../input/markdown.js";
export { readHtml } from "../input/html.js";
export { readDocx } from "../input/docx.js";
export { readPdf } from "../input/pdf.js";
export { readOle } from "../input/ole.js";
export { readXlsx } from "../input/xlsx.js";
export { readOdf } from "../input/odf.js";
export { readRtf } from "../input/rtf.js";
export { readMht } from "../input/mht.js";
