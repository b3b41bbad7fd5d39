// Entry point of `npm start`, `npm test` and `npm run bench`. Plain Node with no dependencies: on a fresh clone
// it installs them (and again whenever package-lock.json changes), generates the Prisma client
// when the schema changed, then hands over to the TypeScript script named on the command line.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [command, ...args] = process.argv.slice(2);
const scripts = { start: "scripts/start.ts", test: "scripts/test.ts", bench: "bench/run.ts" };

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function hashFiles(files) {
  const hash = createHash("sha256");
  for (const f of files) hash.update(existsSync(path.join(root, f)) ? readFileSync(path.join(root, f)) : "");
  return hash.digest("hex");
}

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 9)) {
  fail(
    `Flowgate needs Node.js 20.9 or newer; this is ${process.versions.node}. Install a current LTS from your package manager or nodejs.org.`,
  );
}
if (!scripts[command]) fail(`usage: node scripts/bootstrap.mjs <${Object.keys(scripts).join("|")}>`);

const installStamp = path.join(root, "node_modules", ".flowgate-install");
const installInputs = ["package.json", "package-lock.json"];
if (!existsSync(installStamp) || readFileSync(installStamp, "utf8") !== hashFiles(installInputs)) {
  console.log("Installing dependencies (first run, or package-lock.json changed)…");
  // `npm install`, not `npm ci`: registries that mirror only some platforms' optional packages
  // (no @next/swc-darwin-* on a Linux mirror) leave a lock file that `npm ci` calls out of sync.
  if (run("npm", ["install", "--no-audit", "--no-fund"]) !== 0) {
    fail("`npm install` failed (see above). Check that the npm registry is reachable, then run the command again.");
  }
  writeFileSync(installStamp, hashFiles(installInputs));
}

// Prisma's generate never runs the schema engine, but insists that one exists; any executable will do.
const clientStamp = path.join(root, "lib", "generated", ".schema-hash");
const schemaHash = hashFiles(["prisma/schema.prisma", "package-lock.json"]);
if (!existsSync(clientStamp) || readFileSync(clientStamp, "utf8") !== schemaHash) {
  const env = {
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  if (run(path.join(root, "node_modules", ".bin", "prisma"), ["generate"], env) !== 0)
    fail("`prisma generate` failed (see above).");
  writeFileSync(clientStamp, schemaHash);
}

// tsx as a loader, not its CLI: one process that handles its own signals (the CLI's relay can
// SIGKILL a child that is still shutting down when Ctrl-C reaches both).
const child = spawn(process.execPath, ["--import", "tsx", scripts[command], ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
// Ctrl-C reaches the whole process group; the child does the shutdown, this process just waits.
// A SIGTERM sent to this process alone is passed on.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
