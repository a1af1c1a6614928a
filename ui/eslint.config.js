// The UI's lint gate (`npm run lint`, part of `make test`): ESLint's and typescript-eslint's
// recommended rules, and React's hooks rules. Warnings fail the run (--max-warnings 0).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["dist/", "**/node_modules/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
]);
