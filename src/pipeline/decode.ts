// Raw bytes of an input file → decoded text + the encoding it was in. The first step of the parser.
//
// Everything downstream computes offsets into the returned text, so the text is exactly what the decoder
// produced: only a leading byte order mark is removed, line endings and everything else are untouched.
// The function never throws; a file we cannot read is reported as { ok: false, problem }.
import type { Encoding } from "../schema.js";

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding; replaced: number }
  | { ok: false; problem: string };

const NOT_TEXT = "not text in UTF-8, UTF-16 or GB18030";
/** How many decoding errors (U+FFFD) we tolerate, as a share of the decoded characters. */
const MAX_REPLACED_SHARE = 0.001;
/** Share of characters that must look like Chinese/ASCII prose before we believe a heuristic decode. */
const MIN_PLAUSIBLE_SHARE = 0.9;
/**
 * Share of GB double-byte characters that must be common ones before GB18030 beats a near-UTF-8 reading.
 * Real documents measure ~1.0, UTF-8 Chinese misread as GB18030 (骞撮┈鏉戝尯…) ~0.12, short prefixes ≤ 0.25.
 */
const MIN_COMMON_GB_SHARE = 0.5;
const NUL_WINDOW = 8 * 1024;
const UTF16_WINDOW = 4 * 1024;

// Magic numbers of the binary formats people actually feed a text parser by mistake: the document itself
// (PDF, Word) or an attachment. Each hint says what to do instead.
const MAGICS: ReadonlyArray<readonly [bytes: readonly number[], what: string]> = [
  [[0x25, 0x50, 0x44, 0x46], "looks like a PDF; extract its text first"],
  [[0x50, 0x4b, 0x03, 0x04], "looks like a zip archive, e.g. .docx/.xlsx; save it as plain text first"],
  [[0xd0, 0xcf, 0x11, 0xe0], "looks like an old Office file, e.g. .doc/.xls; save it as plain text first"],
  [[0x89, 0x50, 0x4e, 0x47], "looks like a PNG image"],
  [[0x47, 0x49, 0x46, 0x38], "looks like a GIF image"],
  [[0xff, 0xd8, 0xff], "looks like a JPEG image"],
  [[0x7f, 0x45, 0x4c, 0x46], "looks like an ELF executable"],
];

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  try {
    return decode(bytes);
  } catch (err) {
    // Only reachable through an engine problem (e.g. a Node built without ICU); still must not throw.
    return { ok: false, problem: `cannot decode (${err instanceof Error ? err.message.split("\n")[0]!.replace(/\.$/, "") : "unknown error"})` };
  }
}

function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: "empty file" };

  // UTF-32 BOMs start with the UTF-16 ones; without this a UTF-32LE file would pass as UTF-16LE garbage.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, problem: "utf-32 text is not supported; save it as UTF-8" };
  }
  // A BOM is a declaration: trust it even over NUL bytes and magics (UTF-16 is full of NULs).
  if (startsWith(bytes, [0xff, 0xfe])) return finishUtf16(bytes.subarray(2), "utf-16le", false)!;
  if (startsWith(bytes, [0xfe, 0xff])) return finishUtf16(bytes.subarray(2), "utf-16be", false)!;

  const hasUtf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  if (!hasUtf8Bom) {
    for (const [magic, what] of MAGICS) {
      if (startsWith(bytes, magic)) return { ok: false, problem: `binary file (${what})` };
    }
    const utf16 = sniffUtf16(bytes);
    const result = utf16 ? finishUtf16(bytes, utf16, true) : null;
    // A failed guess falls through to the NUL check below, which names the file binary.
    if (result) return result;
  }
  if (bytes.subarray(0, NUL_WINDOW).includes(0)) return { ok: false, problem: "binary file (contains NUL bytes)" };

  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  const utf8Encoding: Encoding = hasUtf8Bom ? "utf-8-bom" : "utf-8";
  const strictUtf8 = tryDecode("utf-8", body);
  if (strictUtf8 !== null) return finish(strictUtf8, utf8Encoding, 0);

  // GB18030 first because real GBK text almost never survives strict UTF-8, while UTF-8 text with a
  // few bad bytes is the rarer accident. A BOM rules GB18030 out: the file declared itself UTF-8.
  let gb: string | null = null;
  if (!hasUtf8Bom) {
    gb = tryDecode("gb18030", body);
    // 84 31 95 33 is GB18030's own encoding of U+FEFF, i.e. its BOM.
    if (gb !== null && gb.charCodeAt(0) === 0xfeff) gb = gb.slice(1);
    if (gb !== null && !isPlausibleText(gb)) gb = null;
    if (gb !== null && commonGbShare(body) >= MIN_COMMON_GB_SHARE) return finish(gb, "gb18030", 0);
  }

  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
  const replaced = Math.max(0, countChar(lenient, "\uFFFD") - countBytes(body, UTF8_FFFD));
  // A file cut mid-character (a byte-limited copy, a truncated download) is unambiguous whatever its size,
  // so it does not have to meet the share limit that guards against misreading other encodings.
  if (replaced < lenient.length * MAX_REPLACED_SHARE || onlyTruncatedUtf8Tail(body)) {
    return finish(lenient, utf8Encoding, replaced);
  }
  // Plausible GB18030 made of rare characters (e.g. traditional text in GBK), and not near-UTF-8 either.
  if (gb !== null) return finish(gb, "gb18030", 0);
  return { ok: false, problem: hasUtf8Bom ? "invalid UTF-8 after a UTF-8 byte order mark" : NOT_TEXT };
}

function finish(text: string, encoding: Encoding, replaced: number): DecodeResult {
  // \s covers U+3000 and U+FEFF, so a file of full-width spaces or stray BOMs is empty too.
  if (!/\S/.test(text)) return { ok: false, problem: "empty file" };
  return { ok: true, text, encoding, replaced };
}

/**
 * UTF-16 without a BOM: ASCII-range characters put a 0x00 in the high byte, so one parity is full of NULs
 * and the other is not. The other parity is allowed some NULs because U+3000 and 一 (U+4E00) have a zero
 * low byte and are everywhere in Chinese documents.
 */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, UTF16_WINDOW) & ~1;
  if (n < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  const [zeros, other, guess] = oddZeros >= evenZeros ? [oddZeros, evenZeros, "utf-16le" as const] : [evenZeros, oddZeros, "utf-16be" as const];
  return zeros >= 0.3 * half && other < 0.1 * half ? guess : null;
}

/** Null only for a sniffed (BOM-less) guess that turned out wrong; with a BOM there is always a verdict. */
function finishUtf16(body: Uint8Array, encoding: "utf-16le" | "utf-16be", sniffed: boolean): DecodeResult | null {
  let text = tryDecode(encoding, body);
  let replaced = 0;
  if (text === null) {
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
    replaced = Math.max(0, countChar(text, "\uFFFD") - countUtf16Fffd(body, encoding));
    // An odd byte count is a file cut in the middle of a code unit: tolerated like a truncated UTF-8 tail.
    const truncatedOnly = body.length % 2 === 1 && tryDecode(encoding, body.subarray(0, body.length - 1)) !== null;
    if (replaced >= text.length * MAX_REPLACED_SHARE && !truncatedOnly) {
      return sniffed ? null : { ok: false, problem: `invalid ${encoding === "utf-16le" ? "UTF-16LE" : "UTF-16BE"} text` };
    }
  }
  if (text.slice(0, NUL_WINDOW).includes("\0")) return sniffed ? null : { ok: false, problem: "binary file (contains NUL characters)" };
  // Without a BOM the parity sniff is only a guess; arrays of 16-bit numbers fool it, prose does not.
  if (sniffed && !isPlausibleText(text)) return null;
  return finish(text, encoding, replaced);
}

/** Strict decode; null when the bytes are not valid in that encoding. BOM handling is the caller's job. */
function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * GB18030 decodes nearly any byte soup, so a strict success proves little. Text in a Chinese government
 * document is overwhelmingly ideographs, ASCII, whitespace and CJK/full-width punctuation; mis-decoded
 * bytes scatter into kana, Greek, Cyrillic, private use and control characters instead.
 */
function isPlausibleText(text: string): boolean {
  let good = 0;
  let total = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    total++;
    if (c < 0x80) {
      if ((c >= 0x20 && c < 0x7f) || (c >= 0x09 && c <= 0x0d)) good++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const lo = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        i++;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        if (cp >= 0x20000 && cp <= 0x3ffff) good++; // CJK extensions B–H
      }
    } else if (isTextBmp(c)) {
      good++;
    }
  }
  return total > 0 && good >= MIN_PLAUSIBLE_SHARE * total;
}

function isTextBmp(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation, U+3000 ideographic space
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0x2000 && c <= 0x206f) || // general punctuation: “” ‘’ …… ——
    (c >= 0x00a0 && c <= 0x00ff) || // · × ÷ ° § and pinyin vowels
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals
    (c >= 0x2100 && c <= 0x22ff) || // ℃ № Ⅰ Ⅱ arrows, ≤ ≥
    (c >= 0x2460 && c <= 0x26ff) || // ①②, box drawing (tables), ■□▲★
    (c >= 0x3200 && c <= 0x32ff) || // ㈠㈡
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    c === 0xfeff
  );
}

/**
 * The character classes cannot tell UTF-8 Chinese misread as GB18030 from the real thing: the misreading
 * is made of ideographs too, just rare ones. The byte structure can. UTF-8 lead bytes E4–E9 land in GB2312
 * level 2 / GBK extensions and its continuation bytes 80–BF in GBK/3, while real text is mostly GB2312
 * level-1 hanzi (rows B0–D7, the 3755 common characters) and punctuation (rows A1–A3).
 */
function commonGbShare(bytes: Uint8Array): number {
  let multi = 0;
  let common = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const lead = bytes[i]!;
    if (lead < 0x81 || lead === 0xff) continue; // ASCII, and 0x80 which WHATWG maps to €
    const trail = bytes[i + 1] ?? 0;
    multi++;
    if (trail >= 0x30 && trail <= 0x39) {
      i += 3; // four-byte sequence: rare characters by construction
      continue;
    }
    i++;
    if (trail >= 0xa1 && trail <= 0xfe && ((lead >= 0xb0 && lead <= 0xd7) || (lead >= 0xa1 && lead <= 0xa3))) common++;
  }
  return multi === 0 ? 1 : common / multi;
}

/**
 * True when the only UTF-8 error is an incomplete multi-byte sequence at the very end: a lead byte whose
 * continuation bytes were cut off, and everything before it valid.
 */
function onlyTruncatedUtf8Tail(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    if (b < 0xc2 || b > 0xf4) return false; // ASCII, or a byte that can never start a sequence
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > n - i && tryDecode("utf-8", bytes.subarray(0, i)) !== null;
  }
  return false;
}

const UTF8_FFFD = [0xef, 0xbf, 0xbd];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++;
  return count;
}

/** Occurrences of a byte sequence; used to tell a genuine U+FFFD in the file from one the decoder made. */
function countBytes(bytes: Uint8Array, seq: readonly number[]): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(seq);
  let count = 0;
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + needle.length)) count++;
  return count;
}

function countUtf16Fffd(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): number {
  const [first, second] = encoding === "utf-16le" ? [0xfd, 0xff] : [0xff, 0xfd];
  let count = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i] === first && bytes[i + 1] === second) count++;
  return count;
}
