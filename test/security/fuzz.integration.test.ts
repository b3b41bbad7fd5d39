import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import type { AnyApiRouteSpec } from "@/lib/api/route-spec";
import { type CallAnswer, callHandler, paramNamesOf, routeKey } from "./support/route-table";
import { countAllRows } from "./support/row-counts";
import { type SampleRequest, sampleRequest } from "./support/sample-requests";
import { createSecurityWorld, type SecurityWorld } from "./support/security-world";

// Issue 7 item 6: every registered route, with a valid API key, gets random and malformed bodies,
// path params, query strings and content types. It must never answer 5xx; a validation error must
// name the offending field (error.issues[].path); a refused request must write nothing (row counts
// of every table before and after). Path ids are ones that exist nowhere, so even an input that
// happens to be valid cannot change data. fast-check prints the seed and the shrunk input on failure.

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const routes = publicApiRoutes.filter((spec) => spec.path !== "/api/health");
let w: SecurityWorld;
const stats = new Map<string, Record<number, number>>();

beforeAll(async () => {
  w = await createSecurityWorld(publicApiRoutes);
}, 120_000);
afterAll(async () => {
  const lines = [...stats].map(
    ([key, byStatus]) =>
      `${key.padEnd(52)} ${Object.entries(byStatus)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
  );
  console.log(`Fuzz: ${NUM_RUNS} runs per route\n${lines.join("\n")}`);
  await w?.close();
});

// ---- inputs ---------------------------------------------------------------------------------

const hostileString = fc.oneof(
  fc.constantFrom(
    "../",
    "../../etc/passwd",
    "..%2F..%2F",
    "' OR 1=1 --",
    '"; DROP TABLE "Flow"; --',
    "%00",
    "\u0000",
    "a\u0000b",
    "${7*7}",
    "{{7*7}}",
    "__proto__",
    "constructor",
    "null",
    "undefined",
    "NaN",
    "-1",
    "1e309",
    "9223372036854775808",
    " ",
    "\t\n",
    "😀🚀",
    "\u202e\u0644\u0627",
    "Ω≈ç√",
  ),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 100, max: 3_000 }).map((n) => "x".repeat(n)),
);

function hostileKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "prototype", "toString"));
}

const junkJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
  fc.integer({ min: 200, max: 4_000 }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
  // Objects nested well past 2 levels, up to far past the 64-level limit, under random keys.
  fc
    .array(hostileKey(), { minLength: 3, maxLength: 400 })
    .map((keys) => keys.reduceRight<unknown>((inner, key) => ({ [key]: inner, note: "x" }), { leaf: true })),
  // Many unique keys in one object.
  fc
    .integer({ min: 500, max: 20_000 })
    .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}_${n}`, i]))),
  fc
    .integer({ min: 10_000, max: 300_000 })
    .map((n) => ({ name: "y".repeat(n), config: { urlTemplate: "z".repeat(n) } })),
);

// Far deeper than anything walks recursively: kept as text (fast-check itself recurses to print values).
const deepJsonText = fc
  .integer({ min: 5_000, max: 150_000 })
  .map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);

/** A valid sample with one leaf given the wrong type, plus some extra fields. */
function mutatedSample(sample: unknown): fc.Arbitrary<{ body: unknown; path: string } | undefined> {
  const leaves = leafPaths(sample);
  if (leaves.length === 0) return fc.constant(undefined);
  return fc
    .record({
      leaf: fc.constantFrom(...leaves),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    })
    .map(({ leaf, extra }) => {
      const body = structuredClone(sample) as Record<string, unknown>;
      setAt(body, leaf, wrongTypeFor(getAt(body, leaf)));
      return { body: { ...extra, ...body }, path: leaf.join(".") };
    });
}

const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/vnd.api+json",
  "",
  "application/json; charset=utf-16",
);

type FuzzCase =
  | { kind: "params"; params: Record<string, string> }
  | { kind: "query"; query: Record<string, string> }
  | { kind: "json"; body: unknown; contentType: string; chunked: boolean }
  | { kind: "text"; text: string; contentType: string }
  | { kind: "mutated"; body: unknown; path: string };

function fuzzCases(spec: AnyApiRouteSpec, sample: SampleRequest): fc.Arbitrary<FuzzCase> {
  const names = paramNamesOf(spec.path);
  const options: fc.Arbitrary<FuzzCase>[] = [
    fc
      .dictionary(
        fc.oneof(
          fc.constantFrom(
            "limit",
            "cursor",
            "page",
            "order",
            "force",
            "minutes",
            "count",
            "status",
            "fileName",
            "flowId",
          ),
          fc.string({ maxLength: 10 }),
        ),
        hostileString,
        { maxKeys: 4 },
      )
      .map((query) => ({ kind: "query" as const, query })),
    fc
      .record({ body: junkJson, contentType: contentTypes, chunked: fc.boolean() })
      .map((c) => ({ kind: "json" as const, ...c })),
    fc
      .record({
        text: fc.oneof(hostileString, deepJsonText, fc.constantFrom("{", '{"a":', "[1,2", "<xml/>", "a=1&b=2", "")),
        contentType: contentTypes,
      })
      .map((c) => ({ kind: "text" as const, ...c })),
  ];
  if (names.length > 0) {
    options.push(
      fc.tuple(...names.map(() => hostileString)).map((values) => ({
        kind: "params" as const,
        params: Object.fromEntries(names.map((n, i) => [n, values[i] as string])),
      })),
    );
  }
  if (sample.json !== undefined)
    options.push(
      mutatedSample(sample.json)
        .filter((m) => m !== undefined)
        .map((m) => ({ kind: "mutated" as const, ...m! })),
    );
  return fc.oneof(...options);
}

function requestFor(spec: AnyApiRouteSpec, sample: SampleRequest, input: FuzzCase): SampleRequest {
  const headers = { authorization: `Bearer ${w.a.apiKey}` };
  switch (input.kind) {
    case "params":
      return { ...sample, params: input.params, headers: { ...sample.headers, ...headers } };
    case "query":
      return { ...sample, query: { ...sample.query, ...input.query }, headers: { ...sample.headers, ...headers } };
    case "json":
      return {
        params: sample.params,
        query: sample.query,
        raw: JSON.stringify(input.body),
        chunked: input.chunked,
        headers: { ...headers, ...(input.contentType ? { "content-type": input.contentType } : {}) },
      };
    case "text":
      return {
        params: sample.params,
        query: sample.query,
        raw: input.text,
        headers: { ...headers, ...(input.contentType ? { "content-type": input.contentType } : {}) },
      };
    case "mutated":
      return { params: sample.params, query: sample.query, json: input.body, headers };
  }
}

// ---- checks ---------------------------------------------------------------------------------

function checkAnswer(spec: AnyApiRouteSpec, input: FuzzCase, answer: CallAnswer): void {
  const label = `${routeKey(spec)} ${JSON.stringify(input).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.text, label).not.toMatch(/\bat .+\.(ts|js|mjs):\d+/);
  if (answer.status < 400) return;
  const error = (
    answer.json as
      { error?: { code?: unknown; message?: unknown; issues?: { path: unknown; message: unknown }[] } } | undefined
  )?.error;
  expect(error, label).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  if (error?.code !== "invalid_input") return;
  expect(error.issues?.length, label).toBeGreaterThan(0);
  for (const issue of error.issues ?? [])
    expect(issue, label).toMatchObject({ path: expect.any(String), message: expect.any(String) });
  if (input.kind === "mutated") {
    const paths = (error.issues ?? []).map((i) => String(i.path));
    expect(
      paths.some(
        (p) => input.path === p || input.path.startsWith(`${p}.`) || p.startsWith(`${input.path}.`) || p === "",
      ),
      `${label}\nissues should name ${input.path}`,
    ).toBe(true);
  }
}

describe("random and malformed input never breaks a route", () => {
  it.each(routes.map((spec) => [routeKey(spec), spec] as const))("%s", async (key, spec) => {
    const sample = sampleRequest(spec, w.ghost, w.ghost, { sandboxToken: w.a.sandboxToken });
    const byStatus: Record<number, number> = {};
    stats.set(key, byStatus);
    await fc.assert(
      fc.asyncProperty(fuzzCases(spec, sample), async (input) => {
        const before = await countAllRows(w.t.db);
        const answer = await callHandler(w.handlerFor(spec), {
          method: spec.method,
          path: spec.path,
          ...requestFor(spec, sample, input),
        });
        byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
        checkAnswer(spec, input, answer);
        if (answer.status >= 400)
          expect(await countAllRows(w.t.db), `${key} wrote rows on a ${answer.status}`).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
  });
});

describe("webhook ingestion (public, its own token) takes any body without breaking", () => {
  it("POST /api/webhooks/{token}", async () => {
    const { ingestWebhookRoute } = await import("@/lib/sources/webhook/webhook-route");
    const { loadRouteHandler } = await import("./support/route-table");
    const handler = await loadRouteHandler(ingestWebhookRoute);
    const records = fc.oneof(
      junkJson,
      fc.array(fc.dictionary(hostileString, fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 }), {
        maxLength: 5,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          body: records,
          contentType: contentTypes,
          token: fc.oneof(fc.constant(w.a.webhookToken), hostileString),
          chunked: fc.boolean(),
          deepText: fc.option(deepJsonText, { freq: 4 }),
        }),
        async (input) => {
          const before = await countAllRows(w.t.db);
          const answer = await callHandler(handler, {
            method: "POST",
            path: ingestWebhookRoute.path,
            params: { token: input.token },
            raw: input.deepText ?? JSON.stringify(input.body),
            chunked: input.chunked,
            headers: input.contentType ? { "content-type": input.contentType } : {},
          });
          const label = `${JSON.stringify(input).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, label).toBeLessThan(500);
          if (answer.status >= 400) expect(await countAllRows(w.t.db), label).toEqual(before);
        },
      ),
      { numRuns: NUM_RUNS * 2, endOnFailure: true },
    );
  });
});

describe("regressions the fuzzing found (each was a 500)", () => {
  const key = () => ({ authorization: `Bearer ${w.a.apiKey}` });
  const route = (method: string, path: string) => publicApiRoutes.find((s) => s.method === method && s.path === path)!;

  it("a NUL character in a path id → 400 naming the parameter, not a database error", async () => {
    const spec = route("GET", "/api/v1/nexsets/{id}/samples");
    const answer = await callHandler(w.handlerFor(spec), {
      method: "GET",
      path: spec.path,
      params: { id: "a\u0000b" },
      headers: key(),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: { code: "invalid_input", issues: [{ path: "id", message: expect.stringContaining("NUL") }] },
    });
  });

  it("a NUL character in a JSON body → 400 naming the field, nothing written", async () => {
    const spec = route("POST", "/api/v1/flows");
    const before = await countAllRows(w.t.db);
    const answer = await callHandler(w.handlerFor(spec), {
      method: "POST",
      path: spec.path,
      json: { name: "bad\u0000name" },
      headers: key(),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { issues: [{ path: "name" }] } });
    expect(await countAllRows(w.t.db)).toEqual(before);
  });

  it("a NUL character in a webhook record or an uploaded file → 400, nothing stored", async () => {
    const { ingestWebhookRoute } = await import("@/lib/sources/webhook/webhook-route");
    const { loadRouteHandler } = await import("./support/route-table");
    const before = await countAllRows(w.t.db);
    const hook = await callHandler(await loadRouteHandler(ingestWebhookRoute), {
      method: "POST",
      path: ingestWebhookRoute.path,
      params: { token: w.a.webhookToken },
      json: [{ email: "ok@example.com" }, { email: "nul\u0000@example.com" }],
    });
    expect(hook.status).toBe(400);
    expect(hook.json).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("NUL") } });
    expect(await countAllRows(w.t.db)).toEqual(before);
    const upload = route("POST", "/api/v1/sources/upload");
    const file = await callHandler(w.handlerFor(upload), {
      method: "POST",
      path: upload.path,
      query: { fileName: "people.csv" },
      raw: "email,name\nnul@example.com,a\u0000b\n",
      headers: { ...key(), "content-type": "text/csv" },
    });
    expect(file.status).toBe(400);
    expect((await countAllRows(w.t.db)).Source).toBe(before.Source);
  });

  it("ids and cursors past PostgreSQL's bigint (19 digits above 2^63) → 400 naming the field, not a 500", async () => {
    const huge = ["9223372036854775808", "9999999999999999999"];
    const id = w.a.ids.destinationId;
    for (const value of huge) {
      const cases = [
        { spec: route("GET", "/api/v1/destinations/{id}/calls"), query: { cursor: value }, field: "cursor" },
        { spec: route("GET", "/api/v1/destinations/{id}/errors"), query: { cursor: value }, field: "cursor" },
        { spec: route("POST", "/api/v1/destinations/{id}/errors/discard"), json: { ids: [value] }, field: "ids.0" },
        { spec: route("POST", "/api/v1/destinations/{id}/errors/replay"), json: { ids: ["1", value] }, field: "ids.1" },
      ];
      for (const { spec, query, json, field } of cases) {
        const answer = await callHandler(w.handlerFor(spec), {
          method: spec.method,
          path: spec.path,
          params: { id },
          query,
          json,
          headers: key(),
        });
        expect(answer.status, `${routeKey(spec)} ${value}: ${answer.text.slice(0, 200)}`).toBe(400);
        expect(answer.json).toMatchObject({ error: { issues: [{ path: field }] } });
      }
    }
  });

  it("a wrong type inside a union ({ ids } or { all }) names the element, not just the body", async () => {
    const spec = route("POST", "/api/v1/destinations/{id}/errors/discard");
    const answer = await callHandler(w.handlerFor(spec), {
      method: "POST",
      path: spec.path,
      params: { id: w.ghost.destinationId },
      json: { ids: ["1", 12345] },
      headers: key(),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { issues: [{ path: "ids.1" }] } });
  });
});

describe("a wrong type in a named field is reported at that field", () => {
  const withBody = routes.filter((spec) => spec.body);
  it.each(withBody.map((spec) => [routeKey(spec), spec] as const))("%s", async (_key, spec) => {
    const sample = sampleRequest(spec, w.ghost, w.ghost, { sandboxToken: w.a.sandboxToken });
    const before = await countAllRows(w.t.db);
    for (const leaf of leafPaths(sample.json)) {
      const body = structuredClone(sample.json) as Record<string, unknown>;
      setAt(body, leaf, wrongTypeFor(getAt(body, leaf)));
      const answer = await callHandler(w.handlerFor(spec), {
        method: spec.method,
        path: spec.path,
        params: sample.params,
        query: sample.query,
        json: body,
        // Session-only routes (Connect with Intercom, Settings) are reached with the tenant's session.
        headers: w.credentialsFor(spec, { authorization: `Bearer ${w.a.apiKey}` }),
      });
      const issues = ((answer.json as { error?: { issues?: { path: string }[] } })?.error?.issues ?? []).map(
        (i) => i.path,
      );
      const label = `${routeKey(spec)} with ${leaf.join(".")} = ${JSON.stringify(getAt(body, leaf))}: ${answer.status} ${answer.text.slice(0, 300)}`;
      expect(answer.status, label).toBe(400);
      expect(
        issues.some(
          (p) => leaf.join(".") === p || leaf.join(".").startsWith(`${p}.`) || p.startsWith(`${leaf.join(".")}.`),
        ),
        label,
      ).toBe(true);
    }
    expect(await countAllRows(w.t.db)).toEqual(before);
  });
});

// ---- helpers --------------------------------------------------------------------------------

type Path = (string | number)[];

function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    const defined = entries.filter(([, v]) => v !== undefined);
    return defined.length === 0
      ? prefix.length
        ? [prefix]
        : []
      : defined.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return prefix.length ? [prefix] : [];
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], root);
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
}

/** A value of another JSON type than `value`'s. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "not a number";
  if (typeof value === "boolean") return "yes";
  if (Array.isArray(value)) return 7;
  if (value === null) return { unexpected: true };
  return "not an object";
}
