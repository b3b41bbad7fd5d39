import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  WIZARD_STEPS,
  defaultDestinationConfig,
  destinationConfigSchema,
  destinationInputSchema,
  destinationStepSchemas as steps,
} from "./schemas";

function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("wizard step schemas", () => {
  it("credential: needs an id", () => {
    expect(issues(steps.credential, { credentialId: "cred_1" })).toEqual([]);
    expect(issues(steps.credential, { credentialId: "  " })).toEqual([
      { path: "credentialId", message: "Choose or create a credential" },
    ]);
    expect(issues(steps.credential, {})).toEqual([{ path: "credentialId", message: "Choose or create a credential" }]);
  });

  it("method: the five HTTP methods, POST by default", () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
      expect(issues(steps.method, { method })).toEqual([]);
    expect(steps.method.parse({})).toEqual({ method: "POST" });
    expect(issues(steps.method, { method: "OPTIONS" })).toEqual([
      { path: "method", message: "Choose a method: GET, POST, PUT, PATCH, DELETE" },
    ]);
    expect(issues(steps.method, { method: "post" })).toHaveLength(1);
  });

  it("format: one of the connector's content formats", () => {
    expect(steps.format.parse({})).toEqual({ format: "json" });
    expect(issues(steps.format, { format: "xml" })).toEqual([
      { path: "format", message: "Choose a content format: JSON" },
    ]);
  });

  it("endpoint: a path or an absolute URL with placeholders; errors at urlTemplate", () => {
    expect(steps.endpoint.parse({ endpointId: "contacts.update", urlTemplate: " /contacts/{contact_id} " })).toEqual({
      endpointId: "contacts.update",
      urlTemplate: "/contacts/{contact_id}",
    });
    expect(issues(steps.endpoint, { urlTemplate: "https://{host}/x" })).toEqual([
      { path: "urlTemplate", message: "Placeholders can't be used in the host part of the URL" },
    ]);
    expect(issues(steps.endpoint, { urlTemplate: "" })[0]?.path).toBe("urlTemplate");
  });

  it("headers: values may hold colons; Authorization refused with the reason; version defaults to the newest stable", () => {
    expect(steps.headers.parse({ headersText: "X-Callback:https://a.example:8443/x" })).toEqual({
      headersText: "X-Callback:https://a.example:8443/x",
      intercomVersion: "2.16",
    });
    expect(issues(steps.headers, { headersText: "Authorization: Bearer abc" })).toEqual([
      { path: "headersText", message: "Header 1: Authorization is added from the credential; remove it here" },
    ]);
    expect(issues(steps.headers, { headersText: "X-A:1,X-A:2,Content-Type:x" })).toEqual([
      {
        path: "headersText",
        message: 'Header 2: "X-A" is already set by header 1; Header 3: Content-Type is set from the content format',
      },
    ]);
    expect(issues(steps.headers, { intercomVersion: "Preview" })).toEqual([]);
    expect(issues(steps.headers, { intercomVersion: "1.4" })[0]?.path).toBe("intercomVersion");
  });

  it("exclude: names, no duplicates", () => {
    expect(steps.exclude.parse({})).toEqual({ excludedAttributes: [] });
    expect(issues(steps.exclude, { excludedAttributes: ["email", "phone"] })).toEqual([]);
    expect(issues(steps.exclude, { excludedAttributes: ["email", "email"] })).toEqual([
      { path: "excludedAttributes.1", message: '"email" is excluded twice' },
    ]);
  });

  describe("batching", () => {
    const on = (batching: Record<string, unknown>) => ({ batching: { enabled: true, ...batching } });

    it("is off by default with size 100 and JSON array", () => {
      expect(steps.batching.parse({})).toEqual({
        batching: {
          enabled: false,
          size: 100,
          algorithm: "json_array",
          propertyName: "",
          otherPropsJson: "",
          code: "",
        },
      });
    });

    it.each([
      [0, "Batch size must be at least 1"],
      [10_001, "Batch size can be at most 10,000"],
      [100_001, "Batch size can be at most 10,000"],
      [1.5, "Batch size must be a whole number from 1 to 10,000"],
      [Number.NaN, "Batch size must be a whole number from 1 to 10,000"],
      ["100", "Batch size must be a whole number from 1 to 10,000"],
    ])("refuses size %j at batching.size", (size, message) => {
      expect(issues(steps.batching, on({ size }))).toEqual([{ path: "batching.size", message }]);
    });

    it("accepts the bounds", () => {
      expect(issues(steps.batching, on({ size: 1 }))).toEqual([]);
      expect(issues(steps.batching, on({ size: 10_000 }))).toEqual([]);
    });

    it("json_object_property needs a property name and other props as a JSON object", () => {
      expect(
        issues(
          steps.batching,
          on({ algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: '{"source":"crm"}' }),
        ),
      ).toEqual([]);
      expect(issues(steps.batching, on({ algorithm: "json_object_property" }))).toEqual([
        { path: "batching.propertyName", message: "Enter the property that holds the records, e.g. contacts" },
      ]);
      const invalid = issues(
        steps.batching,
        on({ algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: "{source: crm}" }),
      );
      expect(invalid).toHaveLength(1);
      expect(invalid[0]!.path).toBe("batching.otherPropsJson");
      // The JSON parser's own words follow our prefix.
      expect(invalid[0]!.message).toMatch(/^Other props is not valid JSON: .*position 1/);
      expect(
        issues(
          steps.batching,
          on({ algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: "[1]" }),
        ),
      ).toEqual([
        { path: "batching.otherPropsJson", message: 'Other props must be a JSON object, e.g. {"source": "flowgate"}' },
      ]);
      expect(
        issues(
          steps.batching,
          on({ algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: '{"contacts":[]}' }),
        ),
      ).toEqual([
        { path: "batching.otherPropsJson", message: 'Other props must not contain "contacts": the records go there' },
      ]);
    });

    it("code needs code", () => {
      expect(issues(steps.batching, on({ algorithm: "code", code: "  " }))).toEqual([
        { path: "batching.code", message: "Write the grouping function (start from the template)" },
      ]);
      expect(issues(steps.batching, on({ algorithm: "code", code: "(r) => r" }))).toEqual([]);
    });

    it("ignores the other algorithms' fields, and everything but the size while off", () => {
      expect(
        issues(steps.batching, {
          batching: { enabled: false, algorithm: "json_object_property", otherPropsJson: "{" },
        }),
      ).toEqual([]);
      expect(issues(steps.batching, on({ algorithm: "code", code: "(r) => r", otherPropsJson: "{" }))).toEqual([]);
    });

    it("refuses an unknown algorithm", () => {
      expect(issues(steps.batching, on({ algorithm: "xml" }))[0]?.path).toBe("batching.algorithm");
    });
  });

  it("response webhook: a checkbox, off by default", () => {
    expect(steps.responseWebhook.parse({})).toEqual({ responseWebhook: { enabled: false } });
    expect(issues(steps.responseWebhook, { responseWebhook: { enabled: "yes" } })[0]?.path).toBe(
      "responseWebhook.enabled",
    );
  });
});

describe("composed schemas", () => {
  it("fills every default from a minimal config", () => {
    expect(destinationConfigSchema.parse({ urlTemplate: "/contacts" })).toEqual({
      ...defaultDestinationConfig,
      urlTemplate: "/contacts",
      endpointId: undefined,
      batching: { ...defaultDestinationConfig.batching, code: "" },
    });
  });

  it("the defaults are valid once a URL is chosen", () => {
    expect(issues(destinationConfigSchema, { ...defaultDestinationConfig, urlTemplate: "/contacts" })).toEqual([]);
    expect(issues(destinationConfigSchema, defaultDestinationConfig)[0]?.path).toBe("urlTemplate");
  });

  it("puts each error at its full path in the destination input", () => {
    const input = {
      name: "",
      nexsetId: "nx_1",
      credentialId: "",
      config: {
        urlTemplate: "https://evil.com@api.intercom.io",
        headersText: "authorization:x",
        batching: { enabled: true, size: 0 },
      },
    };
    expect(issues(destinationInputSchema, input).map((issue) => issue.path)).toEqual([
      "name",
      "credentialId",
      "config.urlTemplate",
      "config.headersText",
      "config.batching.size",
    ]);
  });

  it("lists the wizard steps as data, each validating its own fields", () => {
    expect(WIZARD_STEPS.map((step) => step.id)).toEqual([
      "credential",
      "method",
      "format",
      "endpoint",
      "mapping",
      "headers",
      "exclude",
      "batching",
      "responseWebhook",
      "review",
    ]);
    const values = {
      name: "Create contacts",
      nexsetId: "nx_1",
      credentialId: "cred_1",
      config: { ...defaultDestinationConfig, urlTemplate: "/contacts" },
    };
    for (const step of WIZARD_STEPS) expect(step.schema.safeParse(values).success).toBe(true);
    const badBatch = {
      ...values,
      config: { ...values.config, batching: { ...values.config.batching, enabled: true, size: 0 } },
    };
    const failing = WIZARD_STEPS.filter((step) => !step.schema.safeParse(badBatch).success).map((step) => step.id);
    expect(failing).toEqual(["batching", "review"]);
    const batching = WIZARD_STEPS.find((step) => step.id === "batching")!;
    expect(batching.fields).toContain("config.batching.size");
  });
});
