// A web page saved as one file (.mht, .mhtml: MIME multipart/related, RFC 2557, as Internet Explorer, Edge,
// Chrome and Word save them). A small MIME splitter, no library: the root part (the `start` parameter, else the
// first text/html part) is decoded from quoted-printable or base64 and from the charset it declares (GB2312
// pages are read as GB18030, its superset), then read by the HTML reader like any page. Spans point into the
// extracted text; `source.encoding` is the part's charset.
import type { Encoding } from "../schema.js";
import type { ReadResult } from "./types.js";

const WHAT = "a saved web page (.mht)";

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

/** Headers (unfolded, names lower-cased) and where the body starts. */
function parseHeaders(buf: Buffer, from: number): { headers: Map<string, string>; body: number } {
  const headers = new Map<string, string>();
  let at = from;
  let last: string | null = null;
  while (at < buf.length) {
    let end = buf.indexOf(0x0a, at);
    if (end < 0) end = buf.length;
    const line = buf.subarray(at, end).toString("latin1").replace(/\r$/, "");
    at = end + 1;
    if (line === "") break;
    if (/^[ \t]/.test(line) && last !== null) {
      headers.set(last, `${headers.get(last) ?? ""} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, body: Math.min(at, buf.length) };
}

/** A header parameter: `boundary="----=_NextPart_000"` → `----=_NextPart_000`. */
function param(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, "i").exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function splitParts(buf: Buffer, boundary: string, from: number): { parts: Part[]; closed: boolean } {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const parts: Part[] = [];
  let at = buf.indexOf(delimiter, from);
  let closed = false;
  while (at >= 0) {
    const after = at + delimiter.length;
    if (buf[after] === 0x2d && buf[after + 1] === 0x2d) {
      closed = true;
      break;
    }
    const lineEnd = buf.indexOf(0x0a, after);
    if (lineEnd < 0) break;
    const next = buf.indexOf(delimiter, lineEnd);
    const end = next < 0 ? buf.length : next;
    const { headers, body } = parseHeaders(buf, lineEnd + 1);
    // The line break before the next delimiter belongs to it.
    let bodyEnd = end;
    if (next >= 0) {
      if (buf[bodyEnd - 1] === 0x0a) bodyEnd--;
      if (buf[bodyEnd - 1] === 0x0d) bodyEnd--;
    }
    parts.push({ headers, body: buf.subarray(body, Math.max(body, bodyEnd)) });
    at = next;
  }
  return { parts, closed };
}

function quotedPrintable(body: Buffer): Buffer {
  const s = body.toString("latin1").replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

function decodeBody(part: Part): Buffer {
  const cte = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase().trim();
  if (cte === "quoted-printable") return quotedPrintable(part.body);
  if (cte === "base64") return Buffer.from(part.body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  return part.body;
}

const GB = new Set(["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "csgb2312", "hz-gb-2312"]);

export async function readMht(bytes: Uint8Array): Promise<ReadResult> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { headers, body } = parseHeaders(buf, buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
  const type = headers.get("content-type") ?? "";
  let root: Part | undefined;
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, "boundary");
    if (!boundary) return { ok: false, problem: `${WHAT} cannot be read (multipart without a boundary)` };
    const { parts, closed } = splitParts(buf, boundary, body);
    if (parts.length === 0) return { ok: false, problem: `${WHAT} has no parts (is it truncated?)` };
    const start = param(type, "start")?.replace(/^<|>$/g, "");
    root =
      (start ? parts.find((p) => (p.headers.get("content-id") ?? "").replace(/^<|>$/g, "") === start) : undefined) ??
      parts.find((p) => /^text\/html/i.test(p.headers.get("content-type") ?? "")) ??
      parts.find((p) => /^text\//i.test(p.headers.get("content-type") ?? "") || !p.headers.has("content-type"));
    if (!root) return { ok: false, problem: `${WHAT} has no HTML part` };
    if (!closed && root === parts[parts.length - 1]) return { ok: false, problem: `${WHAT} is truncated (its last part has no closing boundary)` };
  } else if (/^text\/html/i.test(type)) root = { headers, body: buf.subarray(body) };
  else return { ok: false, problem: `not ${WHAT} (its content type is ${type.split(";")[0] || "missing"}, not multipart/related)` };

  const html = decodeBody(root);
  const declared = (param(root.headers.get("content-type"), "charset") ?? "").toLowerCase();
  let text: string;
  let encoding: Encoding | null;
  if (declared !== "" && GB.has(declared)) {
    text = new TextDecoder("gb18030").decode(html);
    encoding = "gb18030";
  } else if (declared !== "" && declared !== "utf-8" && declared !== "utf8" && declared !== "us-ascii") {
    try {
      text = new TextDecoder(declared).decode(html);
      encoding = null;
    } catch {
      return { ok: false, problem: `${WHAT} declares a charset plan-parse does not know (${declared})` };
    }
  } else {
    // No charset (or UTF-8): what the page itself says, as for any web page.
    const { decodeHtmlBytes } = await import("./charset.js");
    const decoded = decodeHtmlBytes(html);
    if (!decoded.ok) return { ok: false, problem: `${WHAT}: its HTML part is ${decoded.problem}` };
    text = decoded.text;
    encoding = decoded.encoding;
  }
  const { readHtml } = await import("./html.js");
  const read = readHtml(text.replace(/^\ufeff/, ""));
  if (!read.ok) return read;
  // Spans point into the extracted text (the HTML part is not the file): no map.
  return { ok: true, extracted: { text: read.extracted.text, map: null, notes: [], format: "mht", encoding } };
}
