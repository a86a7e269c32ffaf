// One comparable key for a party, used wherever parties are compared across documents (agencies, diff):
// 区农业农村局 and 农业农村局 are one party, and so are 区住建局（交通运输局） and 住建局.
/** Bracketed parts with nothing bracketed inside; removed repeatedly, so nested ones go from the inside out. */
const INNER_BRACKETS = /\([^()]*\)|〈[^〈〉]*〉|<[^<>]*>/g;
/**
 * Up to this many brackets, bracketed parts go as INNER_BRACKETS says, one nesting level per pass; beyond it
 * (20,000 nested brackets would be 10,000 passes over the name) in one pass by a stack.
 */
const FEW_BRACKETS = 32;
const OPENERS: Record<string, string> = { "(": ")", "〈": "〉", "<": ">" };
const CLOSERS: Record<string, string> = { ")": "(", "〉": "〈", ">": "<" };

function bracketCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (OPENERS[s[i]!] !== undefined || CLOSERS[s[i]!] !== undefined) n++;
  return n;
}

/**
 * Bracketed parts removed in one pass, innermost first as the passes of INNER_BRACKETS would: a closing
 * bracket removes everything back to the nearest opening bracket of its kind (other kinds inside it too).
 * Unclosed opening brackets and stray closing ones stay, for the caller to cut and drop.
 */
function withoutBracketed(s: string): string {
  const out: string[] = [];
  const stack: { open: string; at: number }[] = [];
  const open: Record<string, number> = { "(": 0, "〈": 0, "<": 0 };
  for (const ch of s) {
    if (OPENERS[ch] !== undefined) {
      stack.push({ open: ch, at: out.length });
      open[ch]!++;
      out.push(ch);
      continue;
    }
    const opener = CLOSERS[ch];
    if (opener !== undefined && open[opener]! > 0) {
      let top = stack.pop()!;
      open[top.open]!--;
      while (top.open !== opener) {
        top = stack.pop()!;
        open[top.open]!--;
      }
      out.length = top.at;
      continue;
    }
    out.push(ch);
  }
  return out.join("");
}

/**
 * The district prefix: 区委/县委/市委 before a department (区委宣传部 = 宣传部 as other plans write it), else
 * 区/县/市 — but not the 市 of 市场 (市场监管局), 市容 or 市政.
 */
const DISTRICT_PREFIX = /^(?:[区县市]委(?=.)|[区县](?=.)|市(?=[^场容政]))/;

/**
 * A comparable key for a party name: NFKC (full-width brackets and letters folded), whitespace removed,
 * bracketed parts （…） (…) 〈…〉 removed (nested ones too; an unclosed bracket cuts the rest), trailing 等
 * removed, and the district prefix removed. 区农业农村局 and 农业农村局 → 农业农村局; 区发改委（商务局） → 发改委;
 * 区市场监管局 → 市场监管局; 市场监管局 stays. When nothing would be left, the name (NFKC, no spaces) is the key.
 */
export function partyKey(name: string): string {
  const compact = name.normalize("NFKC").replace(/\s+/g, "");
  const s = withoutBrackets(name).replace(DISTRICT_PREFIX, "");
  return s || compact;
}

/**
 * partyKey without the district prefix: NFKC, whitespace removed, bracketed parts removed (nested ones too; an
 * unclosed bracket cuts the rest), trailing 等 removed. May be empty.
 */
export function withoutBrackets(name: string): string {
  let s = name.normalize("NFKC").replace(/\s+/g, "");
  if (bracketCount(s) <= FEW_BRACKETS) {
    for (let before = ""; before !== s; ) {
      before = s;
      s = s.replace(INNER_BRACKETS, "");
    }
  } else s = withoutBracketed(s);
  s = s.replace(/[(〈<].*$/, "").replace(/[)〉>]/g, "");
  return s.replace(/等+$/, "");
}
