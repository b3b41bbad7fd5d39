import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import importPlugin from "eslint-plugin-import";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// app → components → lib ← workers: lib and workers never reach up into the UI (HOUSE-STYLE 2).
const noUiImports = {
  patterns: [
    {
      group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
      message: "lib/ and workers/ must not import app/ or components/.",
    },
    { group: ["next", "next/*"], message: "lib/ and workers/ must not depend on Next.js." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".data/",
      "lib/generated/",
      "next-env.d.ts",
      "playwright-report/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // No import cycles (HOUSE-STYLE 16). Type-only imports are ignored: they vanish at run time.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    plugins: { import: importPlugin },
    settings: {
      "import/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import/resolver": { typescript: { project: "tsconfig.json" }, node: true },
    },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // TypeScript checks names itself; plain JS files (scripts, configs) run in Node.
  { files: ["**/*.{ts,tsx}"], rules: { "no-undef": "off" } },
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: globals.node } },
  {
    files: ["lib/**/*.ts", "workers/**/*.ts", "sandbox/**/*.ts"],
    rules: { "no-restricted-imports": ["error", noUiImports] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*"], message: "components/ must not import app/." }] },
      ],
    },
  },
  // Last, so it wins over the lib/workers/sandbox rule above for lib/ files.
  // lib/ is the domain: its code (tests aside) never reaches into the worker process, the sandbox or test helpers.
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts", "lib/**/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...noUiImports.patterns,
            {
              group: ["@/workers/*", "@/sandbox/*", "@/test/*"],
              message: "lib/ must not import workers/, sandbox/ or test/.",
            },
          ],
        },
      ],
    },
  },
);
