// The body of a plan, one paragraph per line:
//
//   plan        := (block? Newline)* block?
//   block       := heading | progress | paragraph
//   heading     := Marker inline*            （一）全面落实党政同责。各街道办事处要…（各街道办事处）
//   progress    := ProgressLabel inline*     工作进度：6月底前完成。
//   paragraph   := inline+                   any other line
//   inline      := Text | OpenParen | CloseParen | SentenceEnd
//
// Brackets are tokens, not nested rules: real documents leave them unbalanced, and a recursive rule would
// let 100,000 `（` overflow the stack. src/pipeline/to-tree.ts pairs them. No semantics here: which heading is whose
// child, which bracket names owners, is decided on the CST.
import { CstParser, type CstNode } from "chevrotain";
import {
  createPlanLexer,
  ArabicMarker,
  ArabicParenMarker,
  ChineseNumeralMarker,
  ChineseParenMarker,
  CircledMarker,
  CloseParen,
  Newline,
  OpenParen,
  planTokens,
  ProgressLabel,
  SentenceEnd,
  Text,
} from "./tokens.js";

export class PlanGrammar extends CstParser {
  constructor(options: { validate?: boolean } = {}) {
    super(planTokens, {
      maxLookahead: 1,
      recoveryEnabled: false,
      skipValidations: !options.validate,
    });
    this.performSelfAnalysis();
  }

  public plan = this.RULE("plan", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.SUBRULE(this.block) },
      ]);
    });
  });

  private block = this.RULE("block", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.heading) },
      { ALT: () => this.SUBRULE(this.progress) },
      { ALT: () => this.SUBRULE(this.paragraph) },
    ]);
  });

  private heading = this.RULE("heading", () => {
    this.OR([
      { ALT: () => this.CONSUME(ChineseNumeralMarker, { LABEL: "marker" }) },
      { ALT: () => this.CONSUME(ChineseParenMarker, { LABEL: "marker" }) },
      { ALT: () => this.CONSUME(ArabicMarker, { LABEL: "marker" }) },
      { ALT: () => this.CONSUME(ArabicParenMarker, { LABEL: "marker" }) },
      { ALT: () => this.CONSUME(CircledMarker, { LABEL: "marker" }) },
    ]);
    this.MANY(() => this.inline());
  });

  private progress = this.RULE("progress", () => {
    this.CONSUME(ProgressLabel, { LABEL: "label" });
    this.MANY(() => this.inline());
  });

  private paragraph = this.RULE("paragraph", () => {
    this.AT_LEAST_ONE(() => this.inline());
  });

  // inline: not a rule of its own but one alternative list whose tokens share the label "token", so a
  // line's CST keeps them in one array in document order without a CST node per token.
  private inline(): void {
    // OR1: the heading rule already has an OR (its marker), and occurrence indices must differ in a rule.
    this.OR1(
      (this.inlineAlternatives ??= [
        { ALT: () => this.CONSUME(Text, { LABEL: "token" }) },
        { ALT: () => this.CONSUME(OpenParen, { LABEL: "token" }) },
        { ALT: () => this.CONSUME(CloseParen, { LABEL: "token" }) },
        { ALT: () => this.CONSUME(SentenceEnd, { LABEL: "token" }) },
      ]),
    );
  }

  private inlineAlternatives: { ALT: () => unknown }[] | undefined;
}

export interface ParsedPlan {
  cst: CstNode;
  lexErrors: { offset: number; length: number; message: string }[];
  parseErrors: { offset: number; message: string }[];
}

let lexer: ReturnType<typeof createPlanLexer> | undefined;
let parser: PlanGrammar | undefined;

/** The one parser instance: building it costs the grammar analysis, so it is made once, on first use. */
export function planGrammar(): PlanGrammar {
  return (parser ??= new PlanGrammar());
}

/** Lexes and parses normalized plan text. Never throws: problems come back as errors. */
export function parsePlanText(text: string): ParsedPlan {
  lexer ??= createPlanLexer();
  const parser = planGrammar();
  const lexed = lexer.tokenize(text);
  parser.input = lexed.tokens;
  const cst = parser.plan();
  return {
    cst,
    lexErrors: lexed.errors.map((e) => ({ offset: e.offset, length: e.length, message: e.message })),
    parseErrors: parser.errors.map((e) => ({ offset: e.token.startOffset, message: e.message })),
  };
}
