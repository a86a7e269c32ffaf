// Delimited text for spreadsheets: CSV as RFC 4180 says (and as Excel reads it), TSV for pasting and `cut`.
// Pure string functions; the callers decide on the header and the byte order mark.

/** U+FEFF: at the start of a CSV file it tells Excel the file is UTF-8, so Chinese text opens readable. */
export const BOM = "\uFEFF";

const NEEDS_QUOTES = /[",\r\n]/;

// CSV injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with = + - @ (or with a tab or
// CR, which it skips before looking) as a formula — `=HYPERLINK(…)`, `@SUM(1+1)*cmd|…`, `-1+1`. Such a cell is
// written with a single quote in front (`'=1+1`), which Excel, LibreOffice and Google Sheets show as text. A
// plain number (`-5`, `+3.5`) is left alone: it is not a formula, and no column of ours relies on it either
// way (ids, years, dates and counts never start with a sign).
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** The cell as a spreadsheet will show it as text: `'` before a formula-leading cell (see above). */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * One CSV field: formula-leading cells neutralized (formulaSafe), then quoted when it holds a comma, a double
 * quote, CR or LF; quotes inside are doubled.
 */
export function csvField(value: string): string {
  const safe = formulaSafe(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/**
 * One TSV field: formula-leading cells neutralized (formulaSafe); TSV has no quoting, so tabs and line breaks
 * inside a field become single spaces.
 */
export function tsvField(value: string): string {
  return formulaSafe(value).replace(/\r\n|[\t\r\n]/g, " ");
}

/** One TSV record, LF-terminated. */
export function tsvLine(fields: readonly string[]): string {
  return fields.map(tsvField).join("\t") + "\n";
}
