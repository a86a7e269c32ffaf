// How deeply the elements of an XML text nest, measured on its bytes as they are unpacked, before any XML
// library reads it: the readers behind mammoth walk elements recursively, and a .docx with thousands of nested
// content controls (w:sdt) would overflow the stack. Tags are told apart from text by `<` (comments,
// processing instructions and declarations are skipped; quotes inside a tag are respected), which is all that
// counting needs.
import type { EntryInspector } from "./zip-limits.js";

/** Word's own documents nest a few dozen elements deep (a table in a table in a table is about 15). */
export const MAX_XML_DEPTH = 512;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const DASH = 0x2d;

const enum State {
  Text,
  TagStart,
  Tag,
  Skip,
  Comment,
}

/** An inspector (for checkZip) that stops with "nested too deeply" once elements nest deeper than `max`. */
export function xmlDepthInspector(name: string, max = MAX_XML_DEPTH): EntryInspector & { deepest(): number } {
  let state = State.Text;
  let depth = 0;
  let deepest = 0;
  let closing = false;
  let quote = 0;
  let previous = 0;
  // For comments: how many dashes in a row were seen, and the first characters after `<!`.
  let dashes = 0;
  let bangChars = 0;
  return {
    chunk(bytes) {
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i]!;
        switch (state) {
          case State.Text:
            if (c === LT) state = State.TagStart;
            break;
          case State.TagStart:
            if (c === SLASH) {
              closing = true;
              state = State.Tag;
            } else if (c === BANG) {
              state = State.Skip;
              bangChars = 0;
            } else if (c === QUESTION) {
              state = State.Skip;
              bangChars = 3;
            } else {
              closing = false;
              state = State.Tag;
              if (++depth > deepest) {
                deepest = depth;
                if (depth > max) return `nested too deeply (${name}: elements more than ${max} levels deep)`;
              }
            }
            break;
          case State.Tag:
            if (quote !== 0) {
              if (c === quote) quote = 0;
            } else if (c === DQUOTE || c === SQUOTE) quote = c;
            else if (c === GT) {
              if (closing) depth = Math.max(0, depth - 1);
              else if (previous === SLASH) depth--; // <a/>
              state = State.Text;
            }
            break;
          case State.Skip:
            // `<!--` starts a comment, which ends at `-->`; anything else `<!…>` / `<?…?>` ends at `>`.
            if (bangChars < 2) {
              bangChars++;
              if (c === DASH && bangChars === 2 && previous === DASH) {
                state = State.Comment;
                dashes = 0;
                break;
              }
              if (c !== DASH) bangChars = 3;
            }
            if (c === GT && state === State.Skip) state = State.Text;
            break;
          case State.Comment:
            if (c === DASH) dashes++;
            else {
              if (c === GT && dashes >= 2) state = State.Text;
              dashes = 0;
            }
            break;
        }
        previous = c;
      }
      return null;
    },
    end: () => null,
    deepest: () => deepest,
  };
}
