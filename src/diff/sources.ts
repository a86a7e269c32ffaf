// The documents a report was compared from, kept beside the report rather than in it: the text form names
// items by their printed labels (二（四）), which only the documents know, and the plan-parse-diff/v1 JSON
// must not grow a field for them. Weak, so a report dropped drops its documents.
import type { PlanDocument } from "../schema.js";
import type { DiffReport } from "./schema.js";

export interface DiffSources {
  a: PlanDocument;
  b: PlanDocument;
}

const SOURCES = new WeakMap<DiffReport, DiffSources>();

export function rememberSources(report: DiffReport, sources: DiffSources): DiffReport {
  SOURCES.set(report, sources);
  return report;
}

/** The documents diffPlans made the report from; undefined for a report from elsewhere (read back from JSON). */
export function sourcesOf(report: DiffReport): DiffSources | undefined {
  return SOURCES.get(report);
}
