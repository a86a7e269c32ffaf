// Numbers as plans write them: 一 … 九十九 (also 〇/零/两), ASCII and full-width digits, circled ①–⑳.
const CHINESE: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 十一 → 11, 二十 → 20, 一百零五 → 105; NaN when not a Chinese numeral. */
export function chineseNumeral(text: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch === "百" || ch === "十") {
      const unit = ch === "百" ? 100 : 10;
      total += (digit === -1 ? 1 : digit) * unit;
      digit = -1;
    } else if ((ch === "零" || ch === "〇") && total > 0 && digit === -1) {
      // 一百零五: 零 only marks the empty tens place
      continue;
    } else if (Object.hasOwn(CHINESE, ch)) {
      // 一二 is not a numeral: two digits in a row
      if (digit !== -1) return Number.NaN;
      digit = CHINESE[ch]!;
    } else return Number.NaN;
  }
  if (digit !== -1) total += digit;
  return text.length > 0 ? total : Number.NaN;
}

/** ASCII or full-width digits → number. */
export function arabicNumeral(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) c -= 0xff10 - 0x30;
    if (c < 0x30 || c > 0x39) return Number.NaN;
    n = n * 10 + (c - 0x30);
  }
  return text.length > 0 ? n : Number.NaN;
}

/** The number a numbering marker says: （十二） → 12, 3． → 3, ⑤ → 5. */
export function numberOfMarker(marker: string): number {
  const c = marker.charCodeAt(0);
  if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
  const inner = marker.replace(/^[（(]|[）)、.．]$/g, "").replace(/[）)]$/, "");
  const n = /[0-9０-９]/.test(inner) ? arabicNumeral(inner) : chineseNumeral(inner);
  return Number.isNaN(n) ? 0 : n;
}

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 17 → 十七, 21 → 二十一, 105 → 一百零五 (the way plans number their sections). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n]!;
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS[d]! + unit;
  });
  // 一十X → 十X for 10–19
  return n >= 10 && n < 20 ? out.slice(1) : out;
}
