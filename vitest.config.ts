import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const INTEGRATION = "{lib,workers,sandbox,scripts,app,test}/**/*.integration.test.ts";
const PACED = INTEGRATION.replace("*.integration", "*.paced.integration");
/** What every test against real PostgreSQL and Redis needs. */
const realServices = {
  globalSetup: [path.join(root, "test/global-setup.ts")],
  pool: "forks" as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

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
          ...realServices,
        },
      },
      {
        extends: true,
        test: {
          // Tests that hold a rate against the wall clock (calls a second at a given answer time) run after
          // the rest, one file at a time, so no other file's work shares the cores their calls need.
          name: "paced",
          include: [PACED],
          exclude: ["**/node_modules/**"],
          ...realServices,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
