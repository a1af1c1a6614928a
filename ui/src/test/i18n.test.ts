import ts from "typescript";
import { describe, expect, it } from "vitest";
import en from "../locales/en.json";
import zh from "../locales/zh-CN.json";

// Han characters, CJK punctuation (、。「」～) and full-width forms (（），：).
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]))].sort();

/** A bundle by key with i18next's plural forms (key_one, key_other…) as one key, their texts joined. */
function byKey(tree: Tree): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, text] of flatten(tree)) {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
    out.set(base, out.has(base) ? `${out.get(base)} ${text}` : text);
  }
  return out;
}

const zhKeys = byKey(zh as Tree);
const enKeys = byKey(en as Tree);

// Every source file but the tests, the locale files and bindings.ts (generated from the Rust
// side, it only carries its doc comments), read as text by Vite.
const SOURCES = Object.entries(
  import.meta.glob<string>(["../**/*.{ts,tsx}", "!../test/**", "!../bindings.ts"], { query: "?raw", import: "default", eager: true }),
);

/** The string and template-literal pieces of a source file: what code could show a reader. */
function literals(path: string, text: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isJsxText(node) || ts.isTemplateLiteralToken(node)) {
      out.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

// Characters code reads, not shows: typed separators a planner may use between team names, and
// the core's unit code for money (compared to pick the money format; the word shown is known()'s).
const READ_NOT_SHOWN = new Set(['"，"', '"、"', '"元"']);

describe("the two languages", () => {
  it("have the same keys, so no screen falls back to a raw key or to the other language", () => {
    const onlyZh = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
    const onlyEn = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
    expect(onlyZh, "keys in zh-CN.json missing from en.json").toEqual([]);
    expect(onlyEn, "keys in en.json missing from zh-CN.json").toEqual([]);
  });

  it("fill the same placeholders, so a figure never goes missing in one of them", () => {
    const differ = [...zhKeys].filter(([k, v]) => enKeys.has(k) && placeholders(v).join() !== placeholders(enKeys.get(k) ?? "").join());
    expect(differ.map(([k]) => k), "keys whose {{placeholders}} differ between the languages").toEqual([]);
  });

  it("keep Chinese characters and full-width punctuation out of the English bundle", () => {
    const cjk = [...enKeys].filter(([, v]) => CJK.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(cjk, "English strings with CJK characters or full-width punctuation").toEqual([]);
  });

  it("leave no Chinese text in the code: every word shown comes from a locale file", () => {
    expect(SOURCES.length, "the check reads the app's sources").toBeGreaterThan(50);
    const found = SOURCES.flatMap(([path, text]) =>
      literals(path, text)
        .filter((l) => CJK.test(l.text) && !READ_NOT_SHOWN.has(l.text))
        .map((l) => `${path.replace("../", "")}:${l.line} ${l.text}`),
    );
    expect(found, "string literals with CJK text outside the locale files").toEqual([]);
  });
});
