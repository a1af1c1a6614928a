import type { FormInstance } from "antd";
import { ApiError } from "../api";

/**
 * Puts the core's per-field messages on the form's fields (their names match the core's),
 * and returns the overall message for anything not tied to a field.
 */
export function showServerErrors(form: FormInstance, error: unknown, language: string): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const zh = language.startsWith("zh");
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const onFields = error.report.fields.filter((f) => known.has(f.field));
  form.setFields(onFields.map((f) => ({ name: f.field, errors: [zh ? f.message_zh : f.message_en] })));
  return onFields.length === error.report.fields.length && onFields.length > 0 ? null : error.message_for(language);
}
