// A small element tree of an XML text (saxes, a strict non-validating parser), for the readers of XML inside
// zips: OpenDocument (content.xml), SpreadsheetML (the sheets, shared strings). Built with a stack, not by
// recursion, and refused past MAX_XML_DEPTH levels; entities beyond XML's five are not expanded (saxes does not
// read DTDs), so a "billion laughs" text stays its own size.
import { MAX_XML_DEPTH } from "./xml-depth.js";

export interface XmlElement {
  /** Qualified name as written: `text:p`, `c`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

/** The tree of `text`, or throws XmlError with a one-line reason. */
export async function parseXml(text: string): Promise<XmlElement> {
  const { SaxesParser } = await import("saxes");
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: string | null = null;
  parser.on("error", (e) => {
    failure ??= e.message.split("\n")[0] ?? "malformed XML";
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const el: XmlElement = { name: tag.name, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
    if (stack.length > MAX_XML_DEPTH && failure === null) failure = `nested too deeply (more than ${MAX_XML_DEPTH} levels of XML elements)`;
  });
  parser.on("closetag", () => {
    if (stack.length > 1) stack.pop();
  });
  const onText = (t: string): void => {
    const el = stack[stack.length - 1]!;
    const last = el.children[el.children.length - 1];
    if (typeof last === "string") el.children[el.children.length - 1] = last + t;
    else el.children.push(t);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  try {
    parser.write(text).close();
  } catch (e) {
    failure ??= (e as Error).message.split("\n")[0] ?? "malformed XML";
  }
  if (failure !== null) throw new XmlError(failure);
  const top = root.children.find((c): c is XmlElement => typeof c !== "string");
  if (!top) throw new XmlError("no XML element");
  return top;
}

/** The local part of a qualified name: `text:p` → `p`. */
export const local = (name: string): string => name.slice(name.indexOf(":") + 1);

/** Child elements (with local name `name`, when given). */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || local(c.name) === name));
}

/** The first descendant with local name `name` (depth first), or undefined. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  const stack: XmlElement[] = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e !== el && local(e.name) === name) return e;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (typeof c !== "string") stack.push(c);
    }
  }
  return undefined;
}

/** Every descendant with local name `name`, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e !== el && local(e.name) === name) out.push(e);
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (typeof c !== "string") stack.push(c);
    }
  }
  return out;
}

/** All text inside, in order. */
export function textOf(el: XmlNode): string {
  if (typeof el === "string") return el;
  let out = "";
  const stack: XmlNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === "string") out += n;
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** An attribute by local name (`office:value-type` as `value-type`). */
export function attr(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  for (const k of Object.keys(el.attrs)) if (local(k) === name) return el.attrs[k];
  return undefined;
}
