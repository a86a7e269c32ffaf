// The fallback for formats no JavaScript library here reads (Word 6/95, Microsoft Works .wps, Excel 5/95): LibreOffice
// converts the file to .docx or .xlsx in a private temporary folder, and the .docx or .xlsx reader reads that.
// Used only when `soffice` is on PATH (or PLAN_PARSE_SOFFICE names it); otherwise one line says which format
// it is and how to convert it. Never a silent skip.
import type { ReadResult } from "./types.js";

const CONVERT_TIMEOUT_MS = 120_000;

/** The soffice executable: PLAN_PARSE_SOFFICE when set (empty: none), else `soffice` or `libreoffice` on PATH. */
export function findSoffice(): string | null {
  const fs = process.getBuiltinModule("node:fs");
  const path = process.getBuiltinModule("node:path");
  const override = process.env.PLAN_PARSE_SOFFICE;
  if (override !== undefined) return override !== "" && fs.existsSync(override) ? override : null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    for (const name of ["soffice", "libreoffice"]) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** One line for a format that needs LibreOffice, when it is not there. */
export function needsLibreOffice(what: string, to: "docx" | "xlsx"): string {
  const pkg = to === "docx" ? "libreoffice-writer-nogui" : "libreoffice-calc-nogui";
  return `${what}: plan-parse reads it through LibreOffice, which is not installed; install it (apt-get install ${pkg}) or convert the file first (soffice --headless --convert-to ${to} FILE)`;
}

/** Converts `bytes` (a file of extension `ext`) to `to` with LibreOffice and returns the new file's bytes. */
export async function convert(bytes: Uint8Array, ext: string, to: "docx" | "xlsx", what: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  const soffice = findSoffice();
  if (soffice === null) return { ok: false, problem: needsLibreOffice(what, to) };
  const fs = process.getBuiltinModule("node:fs");
  const os = process.getBuiltinModule("node:os");
  const path = process.getBuiltinModule("node:path");
  const { execFile } = process.getBuiltinModule("node:child_process");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-parse-lo-"));
  try {
    const input = path.join(dir, `input.${ext}`);
    fs.writeFileSync(input, bytes);
    const filter = to === "docx" ? "docx:MS Word 2007 XML" : "xlsx:Calc Office Open XML";
    const args = [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", dir, input];
    const failure = await new Promise<string | null>((resolve) => {
      execFile(soffice, args, { timeout: CONVERT_TIMEOUT_MS, maxBuffer: 1 << 20, env: { ...process.env, HOME: dir } }, (error) => {
        if (!error) return resolve(null);
        const e = error as NodeJS.ErrnoException & { killed?: boolean };
        resolve(e.killed ? `took longer than ${CONVERT_TIMEOUT_MS / 1000} s` : (e.message.split("\n")[0] ?? "failed"));
      });
    });
    const output = path.join(dir, `input.${to}`);
    if (failure !== null || !fs.existsSync(output)) {
      return { ok: false, problem: `${what}: LibreOffice could not convert it to .${to}${failure ? ` (${failure})` : ""}` };
    }
    return { ok: true, bytes: fs.readFileSync(output) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a file through LibreOffice → .docx or .xlsx → that reader; the result keeps the original format. */
export async function readViaLibreOffice(bytes: Uint8Array, ext: string, to: "docx" | "xlsx", what: string, format: NonNullable<import("./types.js").Extracted["format"]>): Promise<ReadResult> {
  const converted = await convert(bytes, ext, to, what);
  if (!converted.ok) return converted;
  const read = to === "docx" ? await (await import("./docx.js")).readDocx(converted.bytes) : await (await import("./xlsx.js")).readXlsx(converted.bytes);
  if (!read.ok) return { ok: false, problem: `${what}: ${read.problem}` };
  // The paragraphs counted are those of LibreOffice's .docx, not of the file the user has: not said.
  const { paragraphs: _converted, ...extracted } = read.extracted;
  return { ok: true, extracted: { ...extracted, format } };
}
