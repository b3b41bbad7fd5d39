import { describe, expect, it } from "vitest";
import { stringifyJson } from "@/lib/api/json";
import {
  deliveryCallPageSchema,
  deliveryProgressSchema,
  errorRecordSchema,
  rateLimitUsageSchema,
} from "./monitoring-schemas";

// The server parses its answers with these schemas and the browser parses the JSON again with the
// same ones: both sides must agree, dates included.

const call = {
  id: "42",
  kind: "delivery",
  outcome: "success",
  firstSeq: 1,
  lastSeq: 1,
  recordCount: 1,
  configVersion: 3,
  attempt: 1,
  method: "POST",
  url: "http://127.0.0.1:4010/contacts",
  responseStatus: 200,
  errorMessage: null,
  latencyMs: 12,
  createdAt: new Date("2026-01-02T03:04:05.000Z"),
  syncStep: null,
  recordOutcome: null,
  requestBody: '{"email":"a@b.c"}',
};

describe("monitoring schemas", () => {
  it("read the server's Date and the browser's ISO string alike, and drop what the list does not carry", () => {
    const onServer = deliveryCallPageSchema.parse({ items: [call], nextCursor: null });
    const inBrowser = deliveryCallPageSchema.parse(JSON.parse(stringifyJson(onServer)));
    expect(inBrowser).toEqual(onServer);
    expect(inBrowser.items[0]!.createdAt.toISOString()).toBe("2026-01-02T03:04:05.000Z");
    expect(inBrowser.items[0]).not.toHaveProperty("requestBody");
  });

  it("refuse a status, outcome or kind the engine does not know", () => {
    const progress = {
      status: "active",
      statusMessage: null,
      total: 1,
      delivered: 1,
      processed: 1,
      backlog: 0,
      errorRecords: 0,
      errorRecordsRecords: 0,
      inFlight: 0,
      outcomes: {
        created: 0,
        updated: 0,
        unchanged: 0,
        archived: 0,
        deleted: 0,
        already_gone: 0,
        exists_not_updated: 0,
      },
    };
    expect(deliveryProgressSchema.parse(progress).status).toBe("active");
    expect(deliveryProgressSchema.safeParse({ ...progress, status: "running" }).success).toBe(false);
    expect(deliveryCallPageSchema.safeParse({ items: [{ ...call, outcome: "maybe" }], nextCursor: null }).success).toBe(
      false,
    );
    expect(deliveryCallPageSchema.safeParse({ items: [{ ...call, kind: "bulk" }], nextCursor: null }).success).toBe(
      false,
    );
  });

  it("keep an error record's exchange and a rate-limit reading's reset", () => {
    const record = errorRecordSchema.parse({
      id: "7",
      firstSeq: 3,
      lastSeq: 5,
      reason: "400 parameter_invalid",
      configVersion: 1,
      requestMethod: "POST",
      requestUrl: "u",
      requestBody: "[]",
      responseStatus: 400,
      responseBody: "{}",
      status: "open",
      createdAt: "2026-01-02T03:04:05.000Z",
      resolvedAt: null,
    });
    expect(record).toMatchObject({ status: "open", responseStatus: 400, resolvedAt: null });
    const usage = rateLimitUsageSchema.parse({
      visible: true,
      credentialId: "c",
      limitPer10s: 100,
      windowLimit: 80,
      used: 30,
      remaining: 50,
      windowEndsAt: null,
      resetInMs: null,
    });
    expect(usage.visible && usage.windowEndsAt).toBeNull();
    expect(rateLimitUsageSchema.safeParse({ ...usage, resetInMs: 1.5 }).success).toBe(false);
    // A colleague's personal connection: whose it is, and no figure of it gets through.
    expect(rateLimitUsageSchema.parse({ visible: false, personalTo: "Ada", limitPer10s: 100 })).toEqual({
      visible: false,
      personalTo: "Ada",
    });
  });
});
