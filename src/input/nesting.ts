// How deeply parsed data (JSON or YAML given to `validate` and `diff`) nests, measured without recursion, before
// anything that walks it recursively (the zod schema, the tree walks) gets to it: a file of 2,000 nested
// arrays would otherwise overflow the stack. A plan-parse/v1 document nests about 16 levels deep (five levels
// of numbering, each an object and its `children` array, and a span inside a task inside a node).

export const MAX_DATA_DEPTH = 200;

/** Data nested too deeply to be read. */
export class NestingError extends Error {
  override name = "NestingError";
}

/** The message for data nested deeper than `max`. */
export const nestedTooDeeply = (max = MAX_DATA_DEPTH): string => `nested too deeply (more than ${max} levels of arrays and objects)`;

/** Whether objects and arrays nest more than `max` levels deep in `value` (the value itself is level 1). */
export function nestsDeeperThan(value: unknown, max = MAX_DATA_DEPTH): boolean {
  if (typeof value !== "object" || value === null) return false;
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    if (depth > max) return true;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
