import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./data-dir";

// `npm start` rebuilds the web app only when something it is built from changed.
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
];
const SKIP = new Set(["node_modules", "generated"]);
const STAMP = path.join(ROOT, ".next", "flowgate-build-stamp");

function walk(p: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(p)) return;
  const stat = statSync(p);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(p).sort()) {
      if (SKIP.has(entry) || /\.test\.tsx?$/.test(entry)) continue;
      walk(path.join(p, entry), hash);
    }
  } else {
    hash.update(path.relative(ROOT, p)).update(readFileSync(p));
  }
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(path.join(ROOT, input), hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return (
    existsSync(STAMP) &&
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) &&
    readFileSync(STAMP, "utf8") === sourceHash()
  );
}

export function recordBuild(): void {
  writeFileSync(STAMP, sourceHash());
}
