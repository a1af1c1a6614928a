// The UI's lint gate (`npm run lint`, part of `make test`): ESLint's and typescript-eslint's
// recommended rules, React's hooks rules, and no user-visible literal in the markup (every
// word a planner reads comes from the locale files, so both languages stay complete).
// Warnings fail the run (--max-warnings 0).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import i18next from "eslint-plugin-i18next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The props antd and the DOM show to a reader; others (rowKey, dataIndex, placement…) are code.
const visibleProps = [
  "title", "placeholder", "label", "tooltip", "alt", "aria-label", "okText", "cancelText",
  "message", "description", "extra", "help", "content", "addonAfter", "addonBefore",
  "suffix", "prefix", "checkedChildren", "unCheckedChildren", "emptyText", "subTitle",
];

export default defineConfig([
  globalIgnores(["dist/", "**/node_modules/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    files: ["src/**/*.tsx"],
    ignores: ["src/test/**"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": { include: visibleProps },
          // Codes, test ids and keys (one lower-case token) and bare punctuation are not prose.
          words: { exclude: ["[0-9!-/:-@[-`{-~\\s·—→–×…∞]+", "[A-Z_-]+", "[a-z][a-zA-Z0-9_.-]*"] },
          message: "a user-visible literal: put it in both locale files and use t()",
        },
      ],
    },
  },
]);
