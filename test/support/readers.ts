// Shared by the reader tests (Markdown, HTML, Word): the map check, the reader-written characters, an outline view.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Built } from "../../src/input/text-builder.js";
import type { PlanDocument } from "../../src/schema.js";

export const unit = (name: string): string => readFileSync(new URL(`../../fixtures/inputs/unit/${name}`, import.meta.url), "utf8");

/** Every character maps inside the source; every copied one is the source's character there. */
export function expectMapped(source: string, built: Built): void {
  expect(built.map.length).toBe(built.text.length);
  expect(built.copied.length).toBe(built.text.length);
  const wrong: string[] = [];
  for (let i = 0; i < built.text.length; i++) {
    const at = built.map.toOriginal(i);
    if (at < 0 || at > source.length) wrong.push(`${i}: ${JSON.stringify(built.text[i])} → ${at} (outside)`);
    else if (built.copied[i] && source[at] !== built.text[i]) wrong.push(`${i}: ${JSON.stringify(built.text[i])} → ${at} ${JSON.stringify(source[at])}`);
  }
  expect(wrong).toEqual([]);
}

/** The characters of the text that the reader wrote (not copies of the source), as a sorted set. */
export function written(built: Built): string[] {
  return [...new Set([...built.text].filter((_, i) => !built.copied[i]))].sort();
}

/** The outline as indented `marker + title` lines. */
export function outline(doc: PlanDocument): string[] {
  const out: string[] = [];
  const walk = (nodes: PlanDocument["outline"], depth: number): void => {
    for (const n of nodes) {
      out.push(`${"  ".repeat(depth)}${n.marker}${n.title}`);
      walk(n.children, depth + 1);
    }
  };
  walk(doc.outline, 0);
  return out;
}

/**
 * Spans of text-like inputs point into the source: every node's span starts at its marker there, and its tasks'
 * and progress spans stay inside the source after that start. Returns the nodes, in document order.
 */
export function expectSpansInSource(source: string, doc: PlanDocument): PlanDocument["outline"] {
  const nodes: PlanDocument["outline"] = [];
  const walk = (ns: PlanDocument["outline"]): void => ns.forEach((n) => (nodes.push(n), walk(n.children)));
  walk(doc.outline);
  expect(nodes.length).toBeGreaterThan(3);
  for (const n of nodes) {
    expect(source.slice(n.span.start.offset).startsWith(n.marker ?? ""), `${n.marker}${n.title}`).toBe(true);
    expect(n.span.start.offset).toBeLessThan(n.span.end.offset);
    expect(n.span.end.offset).toBeLessThanOrEqual(source.length);
    for (const span of [...n.tasks.map((t) => t.span), ...(n.progress ? [n.progress.span] : [])]) {
      expect(span.start.offset).toBeGreaterThanOrEqual(n.span.start.offset);
      expect(span.end.offset).toBeLessThanOrEqual(source.length);
    }
  }
  return nodes;
}
