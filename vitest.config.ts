import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const INTEGRATION = "{lib,workers,sandbox,scripts,app,test}/**/*.integration.test.ts";
const PACED = "{lib,workers,sandbox,scripts,app,test}/**/*.paced.integration.test.ts";

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,workers,sandbox,scripts,components,app,bench,test}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [INTEGRATION],
          exclude: ["**/node_modules/**", PACED],
          globalSetup: [path.join(root, "test/global-setup.ts")],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Tests that hold a rate against the wall clock (calls a second at a given answer time). Beside
          // every other file on two cores they measure the machine, not the engine, so they run after the
          // rest, one file at a time.
          name: "paced",
          include: [PACED],
          exclude: ["**/node_modules/**"],
          globalSetup: [path.join(root, "test/global-setup.ts")],
          pool: "forks",
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
