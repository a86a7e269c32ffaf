// Text from a document or a file name, made safe to print for a person. A plan can hold escape sequences
// (ESC ] 0 ; title BEL sets a terminal's window title, ESC [ 2 J clears the screen, ESC ] 8 ;; url injects a
// link) and bidirectional overrides (text that reads differently from how it is stored); printed raw, they
// act on the reader's terminal. Every such character becomes visible instead: C0 controls and DEL as their
// Unicode control pictures (ESC → ␛, BEL → ␇, DEL → ␡), C1 controls and bidi controls as `\u{…}`.
// JSON and YAML need none of this: their serializers escape control characters themselves.

// C0 except tab and line feed (one-line text replaces those too), DEL, C1; bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), the Arabic letter mark U+061C, and the line and paragraph
// separators U+2028/U+2029 (which break a line like \n).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const HAS_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function visible(ch: string): string {
  const cp = ch.charCodeAt(0);
  if (cp < 0x20) return String.fromCharCode(0x2400 + cp); // ␀ … ␟ (␊ for a line feed, ␍ for CR)
  if (cp === 0x7f) return "\u2421"; // ␡
  return `\\u{${cp.toString(16).padStart(4, "0")}}`;
}

/** Text for a terminal, line breaks kept (tabs too): for multi-line output such as a diff. */
export function terminalText(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, visible) : s;
}

/** Text for one line of a terminal (a file name, a diagnostic): line breaks become ␊ and ␍ as well. */
export function terminalLine(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE_ONE_LINE, visible) : s;
}

/**
 * A copy of a JSON-like value (a document, a diff report) with every string and key made safe with `clean`.
 * Iterative, so a deep tree cannot overflow the stack.
 */
export function terminalDeep<T>(value: T, clean: (s: string) => string = terminalText): T {
  const fix = (v: unknown): unknown => (typeof v === "string" ? clean(v) : v);
  if (typeof value === "string") return clean(value) as T;
  if (value === null || typeof value !== "object") return value;
  const root: { v: unknown } = { v: value };
  // Copy containers top-down; each entry records where its copy goes.
  const stack: Array<{ from: object; into: Record<string | number, unknown> | unknown[] }> = [];
  const copyOf = (o: object): Record<string, unknown> | unknown[] => {
    const copy: Record<string, unknown> | unknown[] = Array.isArray(o) ? new Array<unknown>(o.length) : {};
    stack.push({ from: o, into: copy });
    return copy;
  };
  root.v = copyOf(value as object);
  while (stack.length > 0) {
    const { from, into } = stack.pop()!;
    if (Array.isArray(from)) {
      const out = into as unknown[];
      from.forEach((item: unknown, i) => {
        out[i] = item !== null && typeof item === "object" ? copyOf(item) : fix(item);
      });
    } else {
      const out = into as Record<string, unknown>;
      for (const key of Object.keys(from)) {
        const item = (from as Record<string, unknown>)[key];
        Object.defineProperty(out, clean(key), {
          value: item !== null && typeof item === "object" ? copyOf(item) : fix(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return root.v as T;
}
