import { describe, expect, it } from "vitest";
import { createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import { defaultDestinationConfig } from "@/lib/destinations/schemas";
import { computePreview, tokenHintFrom } from "./compute-preview";

const samples = [
  { email: "ada@example.com", id: "c1", secret: "x" },
  { email: "bob@example.com", secret: "y" },
];
const base = {
  samples,
  credentialBaseUrl: "https://api.eu.intercom.io",
  fallbackBaseUrl: "https://api.intercom.io",
  tokenHint: "abcd",
  runCode: createNodeCodeRunner(),
};
const config = (patch: Record<string, unknown>) => ({
  ...defaultDestinationConfig,
  urlTemplate: "/contacts",
  ...patch,
});

describe("computePreview (the Sample Payload panel's build)", () => {
  it("builds the unsaved settings into requests on the credential's host, token masked, with catalogue warnings", async () => {
    const preview = await computePreview({
      ...base,
      config: config({ method: "PATCH", urlTemplate: "/contacts/{id}", excludedAttributes: ["secret"] }),
    });
    expect(preview.issues).toEqual([]);
    expect(preview.result?.requests).toHaveLength(1);
    const [request] = preview.result!.requests;
    expect(request).toMatchObject({
      method: "PATCH",
      url: "https://api.eu.intercom.io/contacts/c1",
      body: JSON.stringify({ email: "ada@example.com", id: "c1" }),
    });
    expect(request!.headers.Authorization).toBe("Bearer ••••abcd");
    expect(request!.warnings.join(" ")).toMatch(/PUT/);
    expect(preview.result?.recordErrors).toEqual([expect.objectContaining({ index: 1, attribute: "id" })]);
    expect(preview.codeError).toBeUndefined();
  });

  it("reports settings that can't be built, and a URL off the credential's host, instead of requests", async () => {
    const bad = await computePreview({ ...base, config: config({ headersText: "Authorization:Bearer x" }) });
    expect(bad.result).toBeUndefined();
    expect(bad.issues).toEqual([
      { path: "config.headersText", message: "Header 1: Authorization is added from the credential; remove it here" },
    ]);
    const offHost = await computePreview({
      ...base,
      config: config({ urlTemplate: "https://evil.example.com/contacts" }),
    });
    expect(offHost.result).toBeUndefined();
    expect(offHost.issues[0]).toMatchObject({
      path: "config.urlTemplate",
      message: expect.stringContaining("is not your credential's Intercom host"),
    });
  });

  it("runs grouping code in the sandbox and surfaces its failure with the line", async () => {
    const batching = {
      ...defaultDestinationConfig.batching,
      enabled: true,
      algorithm: "code",
      code: "(records) => {\n  throw new Error('nope');\n}",
    };
    const preview = await computePreview({ ...base, config: config({ batching }) });
    expect(preview.result?.requests).toEqual([]);
    expect(preview.codeError).toEqual({ message: "The grouping code failed: Line 2: Error: nope", line: 2 });
  });

  it("takes the token hint from the public mask only", () => {
    expect(tokenHintFrom("••••wxyz")).toBe("wxyz");
    expect(tokenHintFrom("••••")).toBe("");
    expect(tokenHintFrom(undefined)).toBeUndefined();
  });
});
