// The document-level `agencies` map: every party a task names, as written, with its comparable key, level, place
// and reform successor from the agency table (data/agencies.json), so that a reader of the JSON can group parties
// without the CLI. Tasks keep the names as written; the map is in order of first appearance.
import { builtInAgencies, placeContext } from "./agency-table.js";
import type { DocumentAgency, PlanDocument } from "../schema.js";
import { eachTask } from "../walk.js";

export function documentAgencies(doc: Pick<PlanDocument, "outline" | "meta">): Record<string, DocumentAgency> {
  const table = builtInAgencies();
  const context = placeContext(doc);
  const out = new Map<string, DocumentAgency>();
  for (const { task } of eachTask(doc)) {
    for (const names of [task.lead, task.responsible, task.support, task.guide]) {
      for (const name of names) {
        if (out.has(name)) continue;
        const info = table.info(name, context);
        out.set(name, { key: info.key, known: info.known, level: info.level, place: info.place, successor: info.current === info.key ? null : info.current });
      }
    }
  }
  // A plain object read as JSON, made in one go (cheaper than adding party names as keys one by one);
  // fromEntries defines own properties, so `__proto__` as a party name stays data, never a prototype.
  return Object.fromEntries(out);
}
