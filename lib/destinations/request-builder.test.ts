import { describe, expect, it } from "vitest";
import { createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import type { CodeRunner } from "@/lib/code-sandbox/types";
import type { BuildContext } from "./build-types";
import { buildRequests } from "./request-builder";
import { type DestinationConfig, type DestinationConfigInput, destinationConfigSchema } from "./schemas";

const TOKEN = "dG9rOnNlY3JldC10b2tlbi1wxyz";
const runCode = createNodeCodeRunner();
const masked: BuildContext = { baseUrl: "https://api.intercom.io", token: TOKEN, maskToken: true, runCode };
const real: BuildContext = { ...masked, maskToken: false };

const config = (input: DestinationConfigInput): DestinationConfig => destinationConfigSchema.parse(input);
const contacts = [
  { id: "c/1", email: "ada@example.com", name: "Ada", internal: "x" },
  { id: "c 2", email: "bob@example.com", name: "Bob", internal: "y" },
  { id: "c3", email: "cy@example.com", name: "Cy", internal: "z" },
];

describe("buildRequests without batching", () => {
  it("makes one request per record with resolved, encoded URLs and the standard headers", async () => {
    const result = await buildRequests(
      contacts,
      config({ method: "PUT", urlTemplate: "/contacts/{id}", headersText: "X-Trace:run:1" }),
      real,
    );
    expect(result.recordErrors).toEqual([]);
    expect(result.requests.map((request) => request.url)).toEqual([
      "https://api.intercom.io/contacts/c%2F1",
      "https://api.intercom.io/contacts/c%202",
      "https://api.intercom.io/contacts/c3",
    ]);
    expect(result.requests[0]).toEqual({
      method: "PUT",
      url: "https://api.intercom.io/contacts/c%2F1",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Intercom-Version": "2.16",
        "X-Trace": "run:1",
        Authorization: `Bearer ${TOKEN}`,
      },
      body: JSON.stringify(contacts[0]),
      recordIndexes: [0],
      warnings: [],
    });
  });

  it("turns a record missing a placeholder attribute into a record error, and sends the others", async () => {
    const records = [{ id: "a" }, { email: "no-id@example.com" }, { id: null }, { id: "d" }];
    const result = await buildRequests(records, config({ method: "PUT", urlTemplate: "/contacts/{id}" }), {
      ...real,
      firstSeq: 100,
    });
    expect(result.requests.map((request) => [request.url, request.seqs])).toEqual([
      ["https://api.intercom.io/contacts/a", [100]],
      ["https://api.intercom.io/contacts/d", [103]],
    ]);
    expect(result.recordErrors).toEqual([
      {
        index: 1,
        seq: 101,
        attribute: "id",
        message: 'The URL needs attribute "id", but this record doesn\'t have it',
      },
      { index: 2, seq: 102, attribute: "id", message: 'The URL needs attribute "id", but it is null in this record' },
    ]);
  });

  it("resolves placeholders from attributes that are excluded from the body", async () => {
    const result = await buildRequests(
      [contacts[0]!],
      config({ method: "PUT", urlTemplate: "/contacts/{id}", excludedAttributes: ["id", "internal"] }),
      real,
    );
    expect(result.requests[0]!.url).toBe("https://api.intercom.io/contacts/c%2F1");
    expect(result.requests[0]!.body).toBe('{"email":"ada@example.com","name":"Ada"}');
  });

  it.each(["GET", "DELETE"] as const)("%s sends no body and no Content-Type, and ignores batching", async (method) => {
    const result = await buildRequests(
      contacts,
      config({ method, urlTemplate: "/contacts/{id}", batching: { enabled: true, size: 10 } }),
      real,
    );
    expect(result.requests).toHaveLength(3);
    for (const request of result.requests) {
      expect(request.body).toBeUndefined();
      expect(request.headers).not.toHaveProperty("Content-Type");
      expect(request.warnings).toEqual([`${method} sends no body, so batching is off: one request per record`]);
    }
  });

  it("keeps absolute URLs on another region as typed", async () => {
    const result = await buildRequests(
      [{ id: 7 }],
      config({ urlTemplate: "https://api.eu.intercom.io/contacts/{id}/archive" }),
      real,
    );
    expect(result.requests[0]!.url).toBe("https://api.eu.intercom.io/contacts/7/archive");
  });
});

describe("the token", () => {
  it("is masked to its last four characters, and only the Authorization header differs", async () => {
    const cfg = config({
      urlTemplate: "/contacts/bulk",
      headersText: "X-A:1",
      batching: { enabled: true, size: 2, algorithm: "code", code: "(records) => ({ contacts: records })" },
    });
    const [preview, sent] = await Promise.all([
      buildRequests(contacts, cfg, masked),
      buildRequests(contacts, cfg, real),
    ]);
    expect(preview.requests).toHaveLength(2);
    expect(preview.requests.map((request) => request.headers.Authorization)).toEqual([
      "Bearer ••••wxyz",
      "Bearer ••••wxyz",
    ]);
    expect(sent.requests.map((request) => request.headers.Authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    const withoutAuth = (requests: typeof preview.requests) =>
      requests.map(({ headers: { Authorization: _auth, ...headers }, ...rest }) => ({ ...rest, headers }));
    expect(withoutAuth(preview.requests)).toEqual(withoutAuth(sent.requests));
    expect(JSON.stringify(preview)).not.toContain(TOKEN);
  });

  it("shows only the hint in the browser, where the token is never present", async () => {
    const result = await buildRequests([contacts[0]!], config({ urlTemplate: "/contacts" }), {
      baseUrl: "https://api.intercom.io",
      maskToken: true,
      tokenHint: "wxyz",
      runCode,
    });
    expect(result.requests[0]!.headers.Authorization).toBe("Bearer ••••wxyz");
  });

  it("is fully masked when short", async () => {
    const result = await buildRequests([contacts[0]!], config({ urlTemplate: "/contacts" }), {
      ...masked,
      token: "short",
    });
    expect(result.requests[0]!.headers.Authorization).toBe("Bearer ••••");
  });
});

describe("batching", () => {
  const records = Array.from({ length: 5 }, (_, i) => ({ email: `u${i}@example.com`, secret: i }));

  it("json_array: chunks of `size`, exclusions applied before batching", async () => {
    const result = await buildRequests(
      records,
      config({ urlTemplate: "/contacts/bulk", excludedAttributes: ["secret"], batching: { enabled: true, size: 2 } }),
      real,
    );
    expect(result.requests.map((request) => request.recordIndexes)).toEqual([[0, 1], [2, 3], [4]]);
    expect(result.requests[0]!.body).toBe('[{"email":"u0@example.com"},{"email":"u1@example.com"}]');
    expect(result.requests[2]!.body).toBe('[{"email":"u4@example.com"}]');
  });

  it("json_object_property: the other props and the records under the property", async () => {
    const cfg = config({
      urlTemplate: "/contacts/bulk",
      excludedAttributes: ["secret"],
      batching: {
        enabled: true,
        size: 3,
        algorithm: "json_object_property",
        propertyName: "contacts",
        otherPropsJson: '{"source":"crm","dry_run":false}',
      },
    });
    const result = await buildRequests(records, cfg, real);
    expect(result.requests.map((request) => request.body)).toEqual([
      '{"source":"crm","dry_run":false,"contacts":[{"email":"u0@example.com"},{"email":"u1@example.com"},{"email":"u2@example.com"}]}',
      '{"source":"crm","dry_run":false,"contacts":[{"email":"u3@example.com"},{"email":"u4@example.com"}]}',
    ]);
  });

  it("code: the function's return value, serialized; a string is sent as is", async () => {
    const code =
      "(records, context) => ({ batch: context.batchIndex, size: context.batchSize, contacts: records.map((r) => ({ email: r.email.toUpperCase() })) })";
    const result = await buildRequests(
      records,
      config({
        urlTemplate: "/contacts/bulk",
        excludedAttributes: ["secret"],
        batching: { enabled: true, size: 4, algorithm: "code", code },
      }),
      real,
    );
    expect(result.requests.map((request) => request.body)).toEqual([
      '{"batch":0,"size":4,"contacts":[{"email":"U0@EXAMPLE.COM"},{"email":"U1@EXAMPLE.COM"},{"email":"U2@EXAMPLE.COM"},{"email":"U3@EXAMPLE.COM"}]}',
      '{"batch":1,"size":4,"contacts":[{"email":"U4@EXAMPLE.COM"}]}',
    ]);
    const ndjson = await buildRequests(
      records.slice(0, 2),
      config({
        urlTemplate: "/x",
        excludedAttributes: ["secret"],
        batching: { enabled: true, algorithm: "code", code: "(rs) => rs.map((r) => JSON.stringify(r)).join('\\n')" },
      }),
      real,
    );
    expect(ndjson.requests[0]!.body).toBe('{"email":"u0@example.com"}\n{"email":"u1@example.com"}');
  });

  it("code: the records passed in have exclusions applied", async () => {
    const result = await buildRequests(
      records.slice(0, 1),
      config({
        urlTemplate: "/x",
        excludedAttributes: ["secret"],
        batching: { enabled: true, algorithm: "code", code: "(rs) => Object.keys(rs[0])" },
      }),
      real,
    );
    expect(result.requests[0]!.body).toBe('["email"]');
  });

  it("code: a failing function makes record errors with the line, and no request", async () => {
    const code = "(records) => {\n  const x = 1;\n  return missing.value;\n}";
    const result = await buildRequests(
      records.slice(0, 2),
      config({ urlTemplate: "/x", batching: { enabled: true, algorithm: "code", code } }),
      { ...real, firstSeq: 1 },
    );
    expect(result.requests).toEqual([]);
    expect(result.recordErrors).toEqual([
      {
        index: 0,
        seq: 1,
        message: "The grouping code failed: Line 3: ReferenceError: 'missing' is not defined",
        line: 3,
      },
      {
        index: 1,
        seq: 2,
        message: "The grouping code failed: Line 3: ReferenceError: 'missing' is not defined",
        line: 3,
      },
    ]);
  });

  it("code: works with a plain runner function too (one run per batch)", async () => {
    const plain: CodeRunner = (code, batch, context) => runCode(code, batch, context);
    const result = await buildRequests(
      records,
      config({
        urlTemplate: "/x",
        batching: { enabled: true, size: 2, algorithm: "code", code: "(r, c) => c.batchIndex" },
      }),
      { ...real, runCode: plain },
    );
    expect(result.requests.map((request) => request.body)).toEqual(["0", "1", "2"]);
  });

  it("never sends a record to another record's URL: batches group records by resolved URL", async () => {
    const byCompany = [
      { company: "a", email: "1" },
      { company: "b", email: "2" },
      { company: "a", email: "3" },
      { company: "", email: "4" },
      { company: "b", email: "5" },
      { company: "a", email: "6" },
    ];
    const cfg = config({ urlTemplate: "/companies/{company}/contacts", batching: { enabled: true, size: 2 } });
    const result = await buildRequests(byCompany, cfg, real);
    expect(
      result.requests.map((request) => [request.url.replace("https://api.intercom.io", ""), request.recordIndexes]),
    ).toEqual([
      ["/companies/a/contacts", [0, 2]],
      ["/companies/a/contacts", [5]],
      ["/companies/b/contacts", [1, 4]],
    ]);
    expect(result.recordErrors.map((error) => [error.index, error.attribute])).toEqual([[3, "company"]]);
  });
});

describe("config errors", () => {
  it("builds nothing from settings that would make wrong requests (the panel shows why)", async () => {
    const unsaved = {
      ...config({ urlTemplate: "/contacts" }),
      urlTemplate: "https://{host}/x",
      headersText: "Authorization:x",
      batching: {
        enabled: true,
        size: 0,
        algorithm: "json_object_property" as const,
        propertyName: "",
        otherPropsJson: "{",
        code: "",
      },
    };
    const result = await buildRequests(contacts, unsaved, real);
    expect(result.requests).toEqual([]);
    expect(result.configErrors.map((error) => error.path.join("."))).toEqual([
      "config.urlTemplate",
      "config.headersText",
      "config.batching.size",
      "config.batching.propertyName",
      "config.batching.otherPropsJson",
    ]);
  });

  it("handles no records", async () => {
    expect(await buildRequests([], config({ urlTemplate: "/contacts" }), real)).toEqual({
      requests: [],
      recordErrors: [],
      configErrors: [],
    });
  });
});
