// GB2312 (its area of GBK), as the set of characters every Chinese font and terminal font covers: what the outputs for people
// may print of their own (labels, punctuation, the ellipsis), read off the platform's GBK decoder.
function decodeGb2312(): Set<string> {
  const gbk = new TextDecoder("gbk");
  const chars = new Set<string>();
  // GB2312's rows: 0xA1–0xA9 symbols and punctuation, 0xB0–0xF7 hanzi; each row 0xA1–0xFE.
  for (let hi = 0xa1; hi <= 0xf7; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gbk.decode(Uint8Array.of(hi, lo));
      const cp = ch.codePointAt(0)!;
      // GB2312's unassigned cells decode to the private use area, which no font shares.
      if (ch !== "\ufffd" && Array.from(ch).length === 1 && !(cp >= 0xe000 && cp <= 0xf8ff)) chars.add(ch);
    }
  return chars;
}

export const gb2312: ReadonlySet<string> = decodeGb2312();
