import { beforeAll, describe, expect, it } from "vitest";
import {
  descriptionDir,
  findOperation,
  type LoadedDescription,
  loadDescription,
  validateRequest,
  validateRequestBody,
  validateResponse,
} from ".";

const dir = descriptionDir();
if (!dir)
  console.warn(
    "Skipping OpenAPI conformance: Intercom's descriptions not found (set INTERCOM_OPENAPI_DIR or place them in ../shared/intercom-openapi).",
  );
const title = dir
  ? "OpenAPI helpers against Intercom's descriptions"
  : "SKIPPED: Intercom's OpenAPI descriptions not found — set INTERCOM_OPENAPI_DIR or place them in ../shared/intercom-openapi";

describe.skipIf(!dir)(title, () => {
  let v211: LoadedDescription;
  let v216: LoadedDescription;
  let preview: LoadedDescription;
  beforeAll(async () => {
    [v211, v216, preview] = await Promise.all([
      loadDescription("2.11"),
      loadDescription("2.16"),
      loadDescription("Preview"),
    ]);
  }, 30_000);

  it("loads each description once", async () => {
    expect(await loadDescription("2.16")).toBe(v216);
    expect(v211.repairs.danglingRefs).toContain("#/components/schemas/custom_attributes");
  });

  it("finds operations by concrete path or template, preferring literal segments, whatever the parameter names", () => {
    expect(findOperation(v216, "PUT", "/contacts/6762f0dd1bb69f9f2193bb83")).toMatchObject({
      operationId: "UpdateContact",
      pathTemplate: "/contacts/{contact_id}",
    });
    expect(findOperation(preview, "put", "/contacts/{contact_id}")).toMatchObject({
      operationId: "UpdateContact",
      pathTemplate: "/contacts/{id}",
    });
    expect(findOperation(v216, "POST", "/contacts/search")?.operationId).toBe("SearchContacts");
    expect(findOperation(preview, "PUT", "/contacts/bulk")?.operationId).toBe("BulkUpdateContacts");
    expect(findOperation(v216, "PATCH", "/contacts/abc")).toBeUndefined();
    expect(findOperation(v216, "POST", "/notes")).toBeUndefined();
    expect(findOperation(v211, "GET", "/contacts/find_by_external_id/x")).toBeUndefined();
  });

  it("validates request bodies with the description's schema", () => {
    expect(
      validateRequestBody(v216, { method: "POST", path: "/contacts", body: { email: "a@example.com" } }),
    ).toMatchObject({ valid: true, operationId: "CreateContact" });
    const wrong = validateRequestBody(v216, { method: "POST", path: "/contacts", body: { email: 5 } });
    expect(wrong.valid).toBe(false);
    expect(wrong.errors.join(" ")).toContain("/requestBody/email must be string");
    expect(
      validateRequestBody(v216, { method: "POST", path: "/contacts/x/notes", body: { admin_id: "1" } }).valid,
    ).toBe(false);
    const tooMany = { contacts: Array.from({ length: 101 }, (_, i) => ({ email: `${i}@example.com` })) };
    expect(validateRequestBody(preview, { method: "POST", path: "/contacts/bulk", body: tooMany }).valid).toBe(false);
    expect(validateRequestBody(v216, { method: "PATCH", path: "/contacts/x", body: {} })).toMatchObject({
      valid: false,
      described: false,
    });
  });

  it("validates whole requests, headers and query included", () => {
    expect(
      validateRequest(v211, {
        method: "GET",
        path: "/contacts",
        query: { per_page: "50" },
        headers: { "Intercom-Version": "2.11" },
      }).valid,
    ).toBe(true);
    expect(
      validateRequest(v211, { method: "GET", path: "/contacts", headers: { "Intercom-Version": "7.0" } }).valid,
    ).toBe(false);
  });

  it("validates answers: a described status by its schema, an undescribed error by the error schema", () => {
    expect(
      validateResponse(v216, {
        method: "GET",
        path: "/contacts/abc",
        status: 200,
        body: { type: "contact", id: "abc", created_at: "yesterday" },
      }),
    ).toMatchObject({ valid: false, described: true });
    const conflict = {
      type: "error.list",
      request_id: "3c6f1b0e-5d0b-4bb1-9f3a-6a0d3c2b1a00",
      errors: [{ code: "conflict", message: "A contact matching those details already exists with id=abc" }],
    };
    expect(validateResponse(v216, { method: "POST", path: "/contacts", status: 409, body: conflict })).toEqual({
      valid: true,
      described: false,
      operationId: "CreateContact",
      errors: [],
    });
    expect(
      validateResponse(v216, { method: "POST", path: "/contacts", status: 409, body: { errors: "nope" } }).valid,
    ).toBe(false);
    expect(validateResponse(v216, { method: "POST", path: "/contacts", status: 201, body: {} })).toMatchObject({
      valid: false,
      described: false,
    });
  });
});
