import { ApiError } from "../api";
import type { CellErrors } from "./RuleTableEditor";

/** The core's field messages for a table editor, in the UI language. */
export function cellErrors(error: unknown, language: string): CellErrors {
  if (!(error instanceof ApiError)) return {};
  const zh = language.startsWith("zh");
  return Object.fromEntries(error.report.fields.map((f) => [f.field, zh ? f.message_zh : f.message_en]));
}
