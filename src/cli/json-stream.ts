// JSON text in pieces: the same characters JSON.stringify(value, null, indent) gives, as a list of strings of
// about CHUNK characters each, so that a document whose JSON is longer than V8's longest string (about 2^29
// characters; a plan of 13 MB of bare numbering markers gets there) can still be written. The walk is
// iterative (no recursion, whatever the depth), and the parts with nothing big inside (a span, a task, a
// diagnostic) go through the native JSON.stringify, so a normal document costs about what one call does.
//
// The value must be plain data, as a parsed plan is: objects, arrays, strings, finite numbers, booleans,
// null, and undefined properties (left out, as JSON.stringify does). No toJSON, no cycles.

/** About this many characters per piece. */
export const CHUNK = 1 << 20;

type Frame =
  | { kind: "array"; items: readonly unknown[]; at: number; pad: string }
  | { kind: "object"; obj: Record<string, unknown>; keys: string[]; at: number; wrote: boolean; pad: string };

/** An object or array worth walking into: it holds an array of objects or arrays (a list that may be long). */
function isBranch(value: object): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.some((v) => typeof v === "object" && v !== null);
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === "object" && v[0] !== null) return true;
  }
  return false;
}

/**
 * JSON.stringify(value, null, indent) as pieces; `indent` is 0 (no whitespace, as for NDJSON) or a number of
 * spaces. Joining the pieces gives exactly JSON.stringify's text. Throws a RangeError only when a single
 * string value is itself too long to be escaped.
 */
export function jsonChunks(value: unknown, indent = 0, chunk = CHUNK): string[] {
  const step = " ".repeat(indent);
  const nl = indent > 0 ? "\n" : "";
  const colon = indent > 0 ? ": " : ":";
  const out: string[] = [];
  let parts: string[] = [];
  let length = 0;
  const emit = (s: string): void => {
    parts.push(s);
    length += s.length;
    if (length >= chunk) {
      out.push(parts.join(""));
      parts = [];
      length = 0;
    }
  };
  /** A leaf written natively, its inner lines moved to `pad` (JSON strings never hold a raw newline). */
  const leaf = (v: unknown, pad: string): void => {
    const s = JSON.stringify(v, null, indent);
    emit(indent > 0 && pad !== "" && s.length > 1 ? s.replaceAll("\n", "\n" + pad) : s);
  };

  const stack: Frame[] = [];
  /** Writes a value at `pad`: natively, or by opening a frame for it. */
  const open = (v: unknown, pad: string): void => {
    if (typeof v !== "object" || v === null || !isBranch(v)) {
      leaf(v, pad);
      return;
    }
    if (Array.isArray(v)) {
      emit("[");
      stack.push({ kind: "array", items: v, at: 0, pad });
    } else {
      emit("{");
      stack.push({ kind: "object", obj: v as Record<string, unknown>, keys: Object.keys(v), at: 0, wrote: false, pad });
    }
  };

  open(value, "");
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const inner = frame.pad + step;
    if (frame.kind === "array") {
      if (frame.at >= frame.items.length) {
        stack.pop();
        emit(frame.items.length > 0 ? nl + frame.pad + "]" : "]");
        continue;
      }
      const v = frame.items[frame.at];
      emit((frame.at > 0 ? "," : "") + nl + inner);
      frame.at++;
      // Arrays write undefined, functions and symbols as null, as JSON.stringify does.
      open(v === undefined || typeof v === "function" || typeof v === "symbol" ? null : v, inner);
      continue;
    }
    // An object: the next key whose value JSON keeps.
    let key: string | undefined;
    let v: unknown;
    while (frame.at < frame.keys.length) {
      const k = frame.keys[frame.at++]!;
      const x = frame.obj[k];
      if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
      key = k;
      v = x;
      break;
    }
    if (key === undefined) {
      stack.pop();
      emit(frame.wrote ? nl + frame.pad + "}" : "}");
      continue;
    }
    emit((frame.wrote ? "," : "") + nl + inner + JSON.stringify(key) + colon);
    frame.wrote = true;
    open(v, inner);
  }
  if (length > 0 || out.length === 0) out.push(parts.join(""));
  return out;
}

/** Total characters of some pieces. */
export function chunksLength(chunks: readonly string[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}
