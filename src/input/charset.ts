// The character set a web page declares: `<meta charset="gb2312">` or `<meta http-equiv="Content-Type"
// content="text/html; charset=gbk">` in its first 1,024 bytes (where the HTML standard's prescan looks).
// decode.ts already recognises GB18030/GBK text by its bytes; the declaration settles what the bytes cannot:
// a GB page with a few broken byte sequences (a truncated upload, a stray byte) is read as GB18030 with
// replacement characters instead of being refused as "not text".
import { decodeBytes, type DecodeResult } from "../pipeline/decode.js";

const PRESCAN = 1024;
const META = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;
/** Labels the Encoding Standard maps to GBK/GB18030 (GB2312 pages are decoded as GB18030, its superset). */
const GB = new Set(["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb_2312", "gb_2312-80", "csiso58gb231280"]);

/** The charset label a page declares, lower-cased, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN)).toString("latin1");
  return META.exec(head)?.[1]?.toLowerCase() ?? null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an HTML page: as decode.ts does, except that a page declaring a GB charset whose bytes are not UTF-8
 * is read as GB18030 even when some sequences are broken (counted in `replaced`). Bytes that are valid UTF-8
 * stay UTF-8 whatever the page declares (a site moved to UTF-8 and kept its old `<meta>`).
 */
export function decodeHtmlBytes(bytes: Uint8Array): DecodeResult {
  const declared = declaredCharset(bytes);
  const bom = bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff;
  if (!declared || !GB.has(declared) || bom || isUtf8(bytes)) return decodeBytes(bytes);
  const first = decodeBytes(bytes);
  if (first.ok && first.encoding === "gb18030") return first;
  // Binary, empty, UTF-32: the declaration does not change that.
  if (!first.ok && !first.problem.startsWith("not text")) return first;
  let text = new TextDecoder("gb18030").decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let replaced = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++;
  return { ok: true, text, encoding: "gb18030", replaced };
}
