// Drives every Intercom endpoint the sandbox implements, in one version, and keeps each answer
// for the conformance test to validate against that version's description.
import { onlyPreview, versionAtLeast } from "./intercom/versions";
import { type CallResult, startTestSandbox, type TestSandbox } from "./test-support";

export interface CapturedAnswer {
  method: string;
  /** The concrete path called, e.g. /contacts/6762… */
  path: string;
  /** The route template that answered, e.g. /contacts/{contact_id}. */
  route: string;
  status: number;
  answeredVersion: string | null;
  body: unknown;
}

export async function captureAnswers(
  version: string,
): Promise<{ answers: CapturedAnswer[]; close: () => Promise<void> }> {
  const t: TestSandbox = await startTestSandbox(
    // Lag 0: the search answer must carry the contacts just created for their shape to be validated.
    { exportDurationMs: 60, bulkJobDurationMs: 60, searchIndexLagMs: 0 },
    { rateLimitPer10s: 10_000 },
  );
  const answers: CapturedAnswer[] = [];
  const call = async (
    method: string,
    route: string,
    path: string,
    body?: unknown,
    token: string | null = t.token,
  ): Promise<CallResult> => {
    const result = await t.call(method, path, { body, version, token });
    answers.push({
      method,
      path,
      route,
      status: result.status,
      answeredVersion: result.headers.get("intercom-version"),
      body: result.body,
    });
    return result;
  };
  const id = (r: CallResult, key = "id") => String((r.body as Record<string, unknown>)[key]);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const admin = await call("GET", "/me", "/me");
  await call("GET", "/me", "/me", undefined, null);
  await call("POST", "/data_attributes", "/data_attributes", { name: "tier", model: "contact", data_type: "string" });
  await call("POST", "/data_attributes", "/data_attributes", { name: "sector", model: "company", data_type: "string" });
  await call("GET", "/data_attributes", "/data_attributes?model=contact");

  const a = id(
    await call("POST", "/contacts", "/contacts", {
      email: "a@example.com",
      external_id: "ext-a",
      name: "A",
      custom_attributes: { tier: "gold" },
    }),
  );
  const b = id(await call("POST", "/contacts", "/contacts", { role: "lead", name: "B" }));
  await call("POST", "/contacts", "/contacts", { email: "a@example.com" });
  await call("POST", "/contacts", "/contacts", { email: 7 });
  await call("GET", "/contacts/{contact_id}", `/contacts/${a}`);
  await call("GET", "/contacts/{contact_id}", "/contacts/000000000000000000000000");
  await call("PUT", "/contacts/{contact_id}", `/contacts/${a}`, { name: "A2", phone: "+353" });
  await call("GET", "/contacts", "/contacts?per_page=1");
  await call("POST", "/contacts/search", "/contacts/search", {
    query: { operator: "AND", value: [{ field: "role", operator: "=", value: "user" }] },
    pagination: { per_page: 5 },
  });
  if (versionAtLeast(version, "2.14"))
    await call("GET", "/contacts/find_by_external_id/{external_id}", "/contacts/find_by_external_id/ext-a");
  await call("POST", "/contacts/{contact_id}/archive", `/contacts/${b}/archive`);
  await call("POST", "/contacts/{contact_id}/unarchive", `/contacts/${b}/unarchive`);

  const company = id(
    await call("POST", "/companies", "/companies", {
      company_id: "acme",
      name: "Acme",
      plan: "pro",
      size: 10,
      custom_attributes: { sector: "retail" },
    }),
  );
  await call("GET", "/companies", "/companies");
  await call("GET", "/companies/{company_id}", `/companies/${company}`);
  await call("POST", "/contacts/{contact_id}/companies", `/contacts/${a}/companies`, { id: company });
  await call("GET", "/contacts/{contact_id}/companies", `/contacts/${a}/companies`);
  await call("DELETE", "/contacts/{contact_id}/companies/{company_id}", `/contacts/${a}/companies/${company}`);

  const tag = id(await call("POST", "/tags", "/tags", { name: "VIP" }));
  await call("GET", "/tags", "/tags");
  await call("POST", "/contacts/{contact_id}/tags", `/contacts/${a}/tags`, { id: tag });
  await call("GET", "/contacts/{contact_id}/tags", `/contacts/${a}/tags`);
  await call("DELETE", "/contacts/{contact_id}/tags/{tag_id}", `/contacts/${a}/tags/${tag}`);

  await call("POST", "/contacts/{contact_id}/notes", `/contacts/${a}/notes`, { body: "Hello", admin_id: id(admin) });
  await call("GET", "/contacts/{contact_id}/notes", `/contacts/${a}/notes`);
  await call("POST", "/events", "/events", {
    event_name: "signed-up",
    created_at: 1_700_000_000,
    user_id: "ext-a",
    metadata: { plan: "pro" },
  });

  const conversation = id(
    await call("POST", "/conversations", "/conversations", { from: { type: "user", id: a }, body: "Hi" }),
    "conversation_id",
  );
  await call("POST", "/conversations/{conversation_id}/reply", `/conversations/${conversation}/reply`, {
    type: "admin",
    message_type: "comment",
    admin_id: id(admin),
    body: "Hello",
  });
  await call("GET", "/conversations/{conversation_id}", `/conversations/${conversation}`);
  await call("POST", "/messages", "/messages", {
    message_type: "email",
    subject: "Welcome",
    body: "Hi",
    template: "plain",
    from: { type: "admin", id: Number(id(admin)) },
    to: { type: "user", id: a },
  });

  const ticketType = ((await call("GET", "/ticket_types", "/ticket_types")).body as { data: Array<{ id: string }> })
    .data[0]!.id;
  const ticket = id(
    await call("POST", "/tickets", "/tickets", {
      ticket_type_id: ticketType,
      contacts: [{ id: a }],
      ticket_attributes: { _default_title_: "Bug" },
    }),
  );
  await call("GET", "/tickets/{ticket_id}", `/tickets/${ticket}`);

  const now = Math.floor(Date.now() / 1000);
  const job = id(
    await call("POST", "/export/content/data", "/export/content/data", {
      created_at_after: now - 86_400,
      created_at_before: now,
    }),
    "job_identifier",
  );
  await sleep(80);
  await call("GET", "/export/content/data/{job_identifier}", `/export/content/data/${job}`);
  await call("GET", "/download/content/data/{job_identifier}", `/download/content/data/${job}`);
  const second = id(
    await call("POST", "/export/content/data", "/export/content/data", {
      created_at_after: now - 86_400,
      created_at_before: now,
    }),
    "job_identifier",
  );
  await call("POST", "/export/cancel/{job_identifier}", `/export/cancel/${second}`);

  if (onlyPreview(version)) {
    const bulk = id(
      await call("POST", "/contacts/bulk", "/contacts/bulk", {
        contacts: [{ email: "bulk@example.com", name: "Bulk" }],
      }),
    );
    await call("PUT", "/contacts/bulk", "/contacts/bulk", { contacts: [{ id: a, name: "A3" }], job: { id: bulk } });
    await call("POST", "/contacts/bulk/delete", "/contacts/bulk/delete", { contacts: [{ id: b }] });
    await call("POST", "/contacts/bulk", "/contacts/bulk", {
      contacts: Array.from({ length: 101 }, (_, i) => ({ email: `x${i}@example.com` })),
    });
    await sleep(80);
    await call("GET", "/contacts/bulk/{id}", `/contacts/bulk/${bulk}`);
  }
  await call("DELETE", "/contacts/{contact_id}", `/contacts/${a}`);

  // Injected failures answer in the same error.list form.
  t.sandbox.setFaults({ appId: t.appId, errorRate: 1, errorStatus: 503 });
  await call("GET", "/me", "/me");
  t.sandbox.setFaults({ appId: t.appId, errorRate: 0, rateLimitPer10s: 1 });
  await call("GET", "/me", "/me");
  return { answers, close: () => t.sandbox.close() };
}
