// One comparable key for a party, used wherever parties are compared across documents (agencies, diff):
// 区农业农村局 and 农业农村局 are one party, and so are 区住建局（交通运输局） and 住建局.
/** Bracketed parts with nothing bracketed inside; removed repeatedly, so nested ones go from the inside out. */
const INNER_BRACKETS = /\([^()]*\)|〈[^〈〉]*〉|<[^<>]*>/g;
/**
 * The district prefix: 区委/县委/市委 before a department (区委宣传部 = 宣传部 as other plans write it), else
 * 区/县/市 — but not the 市 of 市场 (市场监管局), 市容 or 市政.
 */
const DISTRICT_PREFIX = /^(?:[区县市]委(?=.)|[区县](?=.)|市(?=[^场容政]))/u;

/**
 * A comparable key for a party name: NFKC (full-width brackets and letters folded), whitespace removed,
 * bracketed parts （…） (…) 〈…〉 removed (nested ones too; an unclosed bracket cuts the rest), trailing 等
 * removed, and the district prefix removed. 区农业农村局 and 农业农村局 → 农业农村局; 区发改委（商务局） → 发改委;
 * 区市场监管局 → 市场监管局; 市场监管局 stays. When nothing would be left, the name (NFKC, no spaces) is the key.
 */
export function partyKey(name: string): string {
  const compact = name.normalize("NFKC").replace(/\s+/gu, "");
  let s = compact;
  for (let before = ""; before !== s; ) {
    before = s;
    s = s.replace(INNER_BRACKETS, "");
  }
  s = s.replace(/[(〈<].*$/u, "").replace(/[)〉>]/gu, "");
  s = s.replace(/等+$/u, "");
  s = s.replace(DISTRICT_PREFIX, "");
  return s || compact;
}
