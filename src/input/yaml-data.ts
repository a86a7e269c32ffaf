// YAML data files (`--aliases`, `validate`, `diff`) parsed in time linear in their size. The yaml library's
// own duplicate-key check compares every key of a mapping with every other (100,000 keys: minutes); here it
// is turned off (`uniqueKeys: false`) and done with a set per mapping, with the same rule (two scalar keys with
// the same value) and a message naming the line. Nesting deep enough to overflow the library's recursive
// composer becomes "nested too deeply".
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { nestedTooDeeply, NestingError } from "./nesting.js";

/** The first duplicate key of any mapping in the document: its line and column, or null. */
function firstDuplicateKey(doc: Document.Parsed, lines: LineCounter): string | null {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (keys.has(key.value)) {
            const at = key.range ? lines.linePos(key.range[0]) : null;
            return `Map keys must be unique${at ? ` at line ${at.line}, column ${at.col}` : ""}`;
          }
          keys.add(key.value);
        } else if (key !== null && !isAlias(key)) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item as Node);
  }
  return null;
}

/**
 * Parses YAML as the yaml library's parseDocument does, with duplicate keys reported as an error in linear
 * time. Throws a NestingError for nesting the library cannot compose.
 */
export function parseYamlDocument(text: string): Document.Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  const deep = doc.errors.find((e) => /call stack/i.test(e.message));
  if (deep) throw new NestingError(nestedTooDeeply());
  if (doc.errors.length === 0) {
    const duplicate = firstDuplicateKey(doc, lines);
    if (duplicate) throw new Error(duplicate);
  }
  return doc;
}

/** The data of a YAML text, like the yaml library's parse(); throws a one-line Error on bad YAML. */
export function parseYaml(text: string): unknown {
  const doc = parseYamlDocument(text);
  const error = doc.errors[0];
  if (error) throw new Error(error.message.split("\n")[0]);
  try {
    return doc.toJS();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new NestingError(nestedTooDeeply());
    throw e;
  }
}
