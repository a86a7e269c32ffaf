// Kept apart from schema.ts so that parsing does not load zod: only `schema` and `validate` need it.
export const SCHEMA_ID = "plan-parse/v1";
