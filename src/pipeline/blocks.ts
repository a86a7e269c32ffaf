// The CST visitor: turns the grammar's CST into a flat list of blocks (one per line of normalized text),
// each with its kind, its numbering marker read into style and number, and its inline tokens.
import type { CstNode, IToken } from "chevrotain";
import { parsePlanText, planGrammar } from "../../grammars/plan.js";
import type { NodeStyle } from "../schema.js";
import { numberOfMarker } from "./numerals.js";

export interface Marker {
  style: Exclude<NodeStyle, "implicit" | "table-row">;
  number: number;
  image: string;
  start: number;
  end: number;
}

export type InlineKind = "text" | "open" | "close" | "stop";

export interface Inline {
  kind: InlineKind;
  start: number;
  end: number;
}

export interface Block {
  kind: "heading" | "progress" | "paragraph";
  marker: Marker | null;
  /** Offsets in normalized text; `start` includes the marker or label. */
  start: number;
  end: number;
  /** Where the content starts, after the marker or label. */
  contentStart: number;
  inlines: Inline[];
}

const STYLE_OF_TOKEN: Record<string, Marker["style"]> = {
  ChineseNumeralMarker: "chinese",
  ChineseParenMarker: "chinese-paren",
  ArabicMarker: "arabic",
  ArabicParenMarker: "arabic-paren",
  CircledMarker: "circled",
};

const KIND_OF_TOKEN: Record<string, InlineKind> = {
  Text: "text",
  OpenParen: "open",
  CloseParen: "close",
  SentenceEnd: "stop",
};

interface BlockVisitor {
  visit(node: CstNode, blocks: Block[]): void;
}
let visitor: BlockVisitor | undefined;

// The visitor's base class comes from the parser instance, so the class is made when first needed.
function createVisitor(): BlockVisitor {
  return new (class extends planGrammar().getBaseCstVisitorConstructor<Block[], void>() {
  constructor() {
    super();
    this.validateVisitor();
  }

  plan(ctx: { block?: CstNode[] }, blocks: Block[]): void {
    for (const block of ctx.block ?? []) this.visit(block, blocks);
  }

  block(ctx: { heading?: CstNode[]; progress?: CstNode[]; paragraph?: CstNode[] }, blocks: Block[]): void {
    const node = ctx.heading?.[0] ?? ctx.progress?.[0] ?? ctx.paragraph?.[0];
    if (node) this.visit(node, blocks);
  }

  heading(ctx: { marker: IToken[]; token?: IToken[] }, blocks: Block[]): void {
    const tok = ctx.marker[0]!;
    const style = STYLE_OF_TOKEN[tok.tokenType.name]!;
    const marker: Marker = {
      style,
      number: numberOfMarker(tok.image),
      image: tok.image,
      start: tok.startOffset,
      end: tok.startOffset + tok.image.length,
    };
    blocks.push(makeBlock("heading", marker, marker.start, marker.end, ctx.token));
  }

  progress(ctx: { label: IToken[]; token?: IToken[] }, blocks: Block[]): void {
    const label = ctx.label[0]!;
    blocks.push(makeBlock("progress", null, label.startOffset, label.startOffset + label.image.length, ctx.token));
  }

  paragraph(ctx: { token: IToken[] }, blocks: Block[]): void {
    const first = ctx.token[0]!;
    blocks.push(makeBlock("paragraph", null, first.startOffset, first.startOffset, ctx.token));
  }
  })();
}

function makeBlock(
  kind: Block["kind"],
  marker: Marker | null,
  start: number,
  contentStart: number,
  tokens: IToken[] | undefined,
): Block {
  const inlines: Inline[] = (tokens ?? []).map((t) => ({
    kind: KIND_OF_TOKEN[t.tokenType.name]!,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  const end = inlines.length > 0 ? inlines[inlines.length - 1]!.end : contentStart;
  return { kind, marker, start, end, contentStart, inlines };
}

export interface BlockParse {
  blocks: Block[];
  errors: { offset: number; message: string }[];
}

/** Normalized text → blocks. Never throws; lexer and parser problems come back as errors. */
export function readBlocks(text: string): BlockParse {
  const parsed = parsePlanText(text);
  visitor ??= createVisitor();
  const blocks: Block[] = [];
  visitor.visit(parsed.cst, blocks);
  return {
    blocks,
    errors: [
      ...parsed.lexErrors.map((e) => ({ offset: e.offset, message: e.message })),
      ...parsed.parseErrors,
    ],
  };
}
