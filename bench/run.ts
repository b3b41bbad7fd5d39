import { spawn } from "node:child_process";
import path from "node:path";
import { webNodeOptions } from "@/scripts/services/web-node-flags";

// `npm run bench`: every benchmark in turn, each in its own process so one's memory never counts
// against another's. Each prints its figures and ends with one JSON line; this script gathers those
// into the last line it prints. Name some to run only those: npm run bench -- request-builder delivery
const BENCHES = ["request-builder", "infer-schema", "ingest", "upload", "sandbox", "delivery", "sync"] as const;
const FILES: Record<(typeof BENCHES)[number], string> = {
  "request-builder": "bench/request-builder.ts",
  "infer-schema": "bench/infer-schema.ts",
  ingest: "bench/ingest.ts",
  upload: "bench/upload.ts",
  sandbox: "sandbox/bench.ts",
  delivery: "bench/delivery.ts",
  sync: "bench/sync.ts",
};

function runBench(file: string): Promise<{ code: number | null; lastJson?: unknown }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], {
      cwd: path.resolve(import.meta.dirname, ".."),
      // The ingest benchmark runs what the web process runs for an upload, under its heap flags.
      env: file === FILES.ingest ? { ...process.env, NODE_OPTIONS: webNodeOptions() } : process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let lastLine = "";
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) lastLine = line.trim();
    });
    child.on("exit", (code) => {
      if (buffered.trim()) lastLine = buffered.trim();
      let lastJson: unknown;
      try {
        lastJson = JSON.parse(lastLine);
      } catch {
        lastJson = undefined;
      }
      resolve({ code, lastJson });
    });
  });
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(BENCHES as readonly string[]).includes(w));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Choose from: ${BENCHES.join(", ")}.`);
  process.exit(2);
}
const figures: Record<string, unknown> = {};
let failed = false;
for (const name of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b))) {
  console.log(`\n━━ bench: ${name} ━━`);
  const { code, lastJson } = await runBench(FILES[name]);
  figures[name] = lastJson ?? { error: `exited with ${code} without a JSON line` };
  failed ||= code !== 0;
}
console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
