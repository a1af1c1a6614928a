import i18n from "./i18n";
import en from "./locales/en.json";
import zh from "./locales/zh-CN.json";

const TABLES: Record<string, Record<string, string>> = { en: en.known, "zh-CN": zh.known };

/**
 * Data the app writes itself (the sample's author, default prize and tier names, units, the
 * default tie-break note) read in the UI's language; what a planner typed shows as typed.
 */
export function known(text: string): string {
  const table = TABLES[i18n.language] ?? TABLES["zh-CN"];
  return table[text] ?? text;
}
