// Character-level inline diffs (jsdiff's diffChars), tidied for reading: a run of at most two equal characters
// between two changes is folded into the change (a rewrite reads as one deletion and one insertion, not as a
// comb of single characters), and each change is one delete followed by one insert.
import { diffChars } from "diff";

import type { DiffOp } from "./schema.js";

/** Equal runs this short between two changes are folded into them. */
const FOLD = 2;
/** Beyond this many edits the texts are treated as replaced wholesale (keeps the diff fast and deterministic). */
const MAX_EDIT = 4000;

interface Change {
  del: string;
  ins: string;
}

export function inlineDiff(a: string, b: string): DiffOp[] {
  if (a === b) return a ? [{ op: "equal", text: a }] : [];
  const raw = a && b ? diffChars(a, b, { maxEditLength: MAX_EDIT }) : undefined;
  // Alternating pieces: strings are equal runs, objects are changes.
  const pieces: (string | Change)[] = [];
  const pushChange = (del: string, ins: string): void => {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && typeof last !== "string") {
      last.del += del;
      last.ins += ins;
    } else pieces.push({ del, ins });
  };
  if (!raw) pushChange(a, b);
  else
    for (const c of raw) {
      if (c.added) pushChange("", c.value);
      else if (c.removed) pushChange(c.value, "");
      else if (c.value) {
        const last = pieces[pieces.length - 1];
        if (typeof last === "string") pieces[pieces.length - 1] = last + c.value;
        else pieces.push(c.value);
      }
    }
  // Fold short equal runs lying between two changes.
  const folded: (string | Change)[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const prev = folded[folded.length - 1];
    const next = pieces[i + 1];
    if (typeof p === "string" && prev !== undefined && typeof prev !== "string" && next !== undefined && typeof next !== "string" && [...p].length <= FOLD) {
      prev.del += p + next.del;
      prev.ins += p + next.ins;
      i++;
      continue;
    }
    if (typeof p !== "string" && prev !== undefined && typeof prev !== "string") {
      prev.del += p.del;
      prev.ins += p.ins;
      continue;
    }
    folded.push(typeof p === "string" ? p : { ...p });
  }
  const ops: DiffOp[] = [];
  for (const p of folded) {
    if (typeof p === "string") ops.push({ op: "equal", text: p });
    else {
      if (p.del) ops.push({ op: "delete", text: p.del });
      if (p.ins) ops.push({ op: "insert", text: p.ins });
    }
  }
  return ops;
}

/** The a side (equal + delete) and the b side (equal + insert) of a diff. */
export function sides(ops: readonly DiffOp[]): { a: string; b: string } {
  let a = "";
  let b = "";
  for (const o of ops) {
    if (o.op !== "insert") a += o.text;
    if (o.op !== "delete") b += o.text;
  }
  return { a, b };
}
