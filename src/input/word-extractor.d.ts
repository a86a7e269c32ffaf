// The part of word-extractor's API the .doc reader uses (the package ships no types).
declare module "word-extractor" {
  interface WordDocument {
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
  export default WordExtractor;
}
