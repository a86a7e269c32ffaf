// Delimited text for spreadsheets: CSV as RFC 4180 says (and as Excel reads it), TSV for pasting and `cut`.
// Pure string functions; the callers decide on the header and the byte order mark.

/** U+FEFF: at the start of a CSV file it tells Excel the file is UTF-8, so Chinese text opens readable. */
export const BOM = "\uFEFF";

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted when it holds a comma, a double quote, CR or LF; quotes inside are doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** One TSV field: TSV has no quoting, so tabs and line breaks inside a field become single spaces. */
export function tsvField(value: string): string {
  return value.replace(/\r\n|[\t\r\n]/g, " ");
}

/** One TSV record, LF-terminated. */
export function tsvLine(fields: readonly string[]): string {
  return fields.map(tsvField).join("\t") + "\n";
}
