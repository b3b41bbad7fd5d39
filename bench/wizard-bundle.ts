// The destination wizard's JavaScript weight, read from a finished `next build` (npx tsx
// bench/wizard-bundle.ts [.next directory]): gzip bytes of the JS the page loads first, and of what
// loads only on demand — Monaco (the "code" algorithm or the Test tab), Monaco's language-service
// workers, and the browser QuickJS engine (only when grouping code runs). The last line is JSON.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ROUTE = "/(app)/destinations/new/page";
const nextDir = path.resolve(process.argv[2] ?? process.env.NEXT_DIR ?? ".next");
const routeDir = path.join(nextDir, "server", "app", "(app)", "destinations", "new");

interface BuildManifest {
  rootMainFiles: string[];
}
interface ClientReferenceManifest {
  entryJSFiles: Record<string, string[]>;
}
type LoadableManifest = Record<string, { files: string[] }>;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** The route's client reference manifest is a script assigning globalThis.__RSC_MANIFEST[route]. */
function readClientReferenceManifest(): ClientReferenceManifest {
  const source = readFileSync(path.join(routeDir, "page_client-reference-manifest.js"), "utf8");
  const holder: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  new Function("globalThis", source)(holder);
  const manifest = holder.__RSC_MANIFEST?.[ROUTE];
  if (!manifest) throw new Error(`No client reference manifest for ${ROUTE}`);
  return manifest;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string): { raw: number; gzip: number } {
  const key = file.replace(/^\/?_next\//, "").replace(/^\//, "");
  let size = sizes.get(key);
  if (!size) {
    const bytes = readFileSync(path.join(nextDir, key));
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(key, size);
  }
  return size;
}

function total(files: Iterable<string>): { files: number; raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  let count = 0;
  for (const file of files) {
    const size = sizeOf(file);
    raw += size.raw;
    gzip += size.gzip;
    count++;
  }
  return { files: count, raw, gzip };
}

const isJs = (file: string) => file.endsWith(".js");
const normalise = (file: string) => file.replace(/^\/?_next\//, "").replace(/^\//, "");

function main(): void {
  if (!existsSync(routeDir))
    throw new Error(`${routeDir} not found: run \`npx next build\` first (or pass the .next directory)`);
  const build = readJson<BuildManifest>(path.join(routeDir, "page", "build-manifest.json"));
  const references = readClientReferenceManifest();
  const loadable = readJson<LoadableManifest>(path.join(routeDir, "page", "react-loadable-manifest.json"));

  const firstLoad = new Set(
    [...build.rootMainFiles, ...(references.entryJSFiles[`[project]/app${ROUTE}`] ?? [])].map(normalise).filter(isJs),
  );
  // next/dynamic imports of the page: the only one is the Monaco editor (LazyMonacoField).
  const monaco = new Set(
    Object.values(loadable)
      .flatMap((entry) => entry.files)
      .map(normalise)
      .filter((file) => isJs(file) && !firstLoad.has(file)),
  );
  // Everything else the page can load later, found by following the chunk names the chunks
  // mention: the browser QuickJS engine (a plain import(), its WebAssembly inlined) and the web
  // workers Monaco starts for its language services.
  const onDemand = new Set(
    [...referencedClosure(firstLoad)].filter((file) => !firstLoad.has(file) && !monaco.has(file)),
  );
  const quickjsRoots = [...onDemand].filter((file) => /quickjs/i.test(readFileSync(path.join(nextDir, file), "utf8")));
  const quickjs = new Set([...referencedClosure(quickjsRoots)].filter((file) => onDemand.has(file)));
  const workers = new Set([...onDemand].filter((file) => !quickjs.has(file)));

  const first = total(firstLoad);
  const editor = total(monaco);
  const workerTotal = total(workers);
  const engine = total(quickjs);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(`Destination wizard (${ROUTE}), from ${nextDir}`);
  console.log(
    `  first load JS (without Monaco):   ${kb(first.gzip)} gzip (${kb(first.raw)} raw, ${first.files} files)`,
  );
  console.log(
    `  Monaco editor chunks (on demand): ${kb(editor.gzip)} gzip (${kb(editor.raw)} raw, ${editor.files} files)`,
  );
  console.log(`  with Monaco:                      ${kb(first.gzip + editor.gzip)} gzip`);
  console.log(`  Monaco workers (when in use):     ${kb(workerTotal.gzip)} gzip (${workerTotal.files} files)`);
  console.log(
    `  QuickJS engine (code algorithm):  ${kb(engine.gzip)} gzip (${kb(engine.raw)} raw, ${engine.files} files)`,
  );
  console.log(
    JSON.stringify({
      route: ROUTE,
      firstLoadJsGzipBytes: first.gzip,
      firstLoadJsRawBytes: first.raw,
      monacoJsGzipBytes: editor.gzip,
      withMonacoJsGzipBytes: first.gzip + editor.gzip,
      monacoWorkersGzipBytes: workerTotal.gzip,
      quickjsJsGzipBytes: engine.gzip,
    }),
  );
}

/** Every chunk reachable from `start` through "static/chunks/….js" names in the chunks' code. */
function referencedClosure(start: Iterable<string>): Set<string> {
  const seen = new Set<string>(start);
  const queue = [...seen];
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = readFileSync(path.join(nextDir, file), "utf8");
    for (const match of text.matchAll(/"(static\/chunks\/[^"]+\.js)"/g)) {
      if (seen.has(match[1]!) || !existsSync(path.join(nextDir, match[1]!))) continue;
      seen.add(match[1]!);
      queue.push(match[1]!);
    }
  }
  return seen;
}

main();
