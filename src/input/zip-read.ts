// Unpacking the members of a zip archive (.xlsx, .odt, OFD, a .zip of attachments) within the limits of
// src/input/zip-limits.ts: the central directory is read first, its claims are checked, and each member is inflated
// with a ceiling on its output (zlib's maxOutputLength), so a bomb stops at the limit instead of filling the
// memory. Synchronous: directory expansion (src/cli/inputs.ts) uses it too; zlib loads on first use.
import { DEFAULT_ZIP_LIMITS, entryData, readCentralDirectory, type ZipEntry, type ZipLimits } from "./zip-limits.js";

export type ZipRead = { ok: true; entries: ZipEntry[]; files: Map<string, Uint8Array> } | { ok: false; problem: string };

const mib = (n: number): string => `${(n / 1048576).toFixed(0)} MiB`;

/** The directory of an archive, or a problem: not a zip, or damaged. */
export function zipDirectory(bytes: Uint8Array, what: string): { ok: true; entries: ZipEntry[] } | { ok: false; problem: string } {
  const entries = readCentralDirectory(bytes);
  if (entries === null) return { ok: false, problem: `${what} is damaged or truncated (no zip directory at its end)` };
  return { ok: true, entries };
}

/**
 * Unpacks the entries `want` selects (all files when omitted). `what` names the archive in problems
 * ("the .xlsx workbook"). Directories are never unpacked.
 */
export function unzip(bytes: Uint8Array, what: string, want: (name: string) => boolean = () => true, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipRead {
  const dir = zipDirectory(bytes, what);
  if (!dir.ok) return dir;
  const { entries } = dir;
  if (entries.length > limits.entries) return { ok: false, problem: `too large when unpacked (${entries.length} entries; the limit is ${limits.entries})` };
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith("/") || !want(e.name)) continue;
    if (e.flags & 1) return { ok: false, problem: `${what} is encrypted (${e.name} needs a password)` };
    if (e.size > limits.entry) return { ok: false, problem: `too large when unpacked (${e.name} would be ${mib(e.size)}; the limit is ${mib(limits.entry)})` };
    const data = entryData(bytes, e);
    if (data === null || data.length < e.compressedSize) return { ok: false, problem: `${what} is damaged or truncated (${e.name} is cut off)` };
    const budget = Math.min(limits.entry, limits.total - total);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = process.getBuiltinModule("node:zlib").inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
          return { ok: false, problem: `too large when unpacked (${e.name} unpacks to over ${mib(budget)}; the limit is ${mib(Math.min(limits.entry, limits.total))})` };
        }
        return { ok: false, problem: `${what} is damaged (${e.name} does not unpack: ${(error as Error).message.split("\n")[0]})` };
      }
    } else return { ok: false, problem: `${what} uses a compression method plan-parse cannot unpack (${e.method}, in ${e.name})` };
    if (out.length > budget) return { ok: false, problem: `too large when unpacked (${e.name} brings the entries to over ${mib(limits.total)}; the limit is ${mib(limits.total)})` };
    total += out.length;
    files.set(e.name, out);
  }
  return { ok: true, entries, files };
}

/** A member as UTF-8 text (a byte order mark dropped). */
export function utf8(bytes: Uint8Array | undefined): string {
  if (!bytes) return "";
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8").replace(/^\ufeff/, "");
}
