// The document-level `agencies` map: every party a task names, as written, with its comparable key, level, place
// and reform successor from the agency table (data/agencies.json), so that a reader of the JSON can group parties
// without the CLI. Tasks keep the names as written; the map is in order of first appearance.
import { builtInAgencies, placeContext } from "./agency-table.js";
import type { DocumentAgency, PlanDocument } from "../schema.js";
import { eachTask } from "../walk.js";

export function documentAgencies(doc: Pick<PlanDocument, "outline" | "meta">): Record<string, DocumentAgency> {
  const table = builtInAgencies();
  const context = placeContext(doc);
  const out: Record<string, DocumentAgency> = {};
  const seen = new Set<string>();
  for (const { task } of eachTask(doc)) {
    for (const name of [...task.lead, ...task.responsible, ...task.support, ...task.guide]) {
      if (seen.has(name)) continue;
      seen.add(name);
      const info = table.info(name, context);
      // A plain object read as JSON: `__proto__` as a party name must stay data, never a prototype.
      Object.defineProperty(out, name, {
        value: { key: info.key, known: info.known, level: info.level, place: info.place, successor: info.current === info.key ? null : info.current },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}
