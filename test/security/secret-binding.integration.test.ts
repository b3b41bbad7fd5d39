import { describe, expect, it } from "vitest";
import { publicApiRoutes } from "@/lib/api/openapi/registry";
import { callHandler } from "./support/route-table";
import { securityWorldForFile } from "./support/security-world";

// Issue 18 item 11: a stored token is bound to its organisation and row. Someone who can write to
// the database (or restore a row into the wrong place) and copies organisation A's ciphertext into
// B's credential must not get B's requests sent with A's token.

const world = securityWorldForFile(publicApiRoutes);

describe("a token ciphertext copied into another organisation's credential", () => {
  it("is refused when used, and the token is never sent", async () => {
    const w = world();
    const fromA = await w.t.db.credential.findUniqueOrThrow({ where: { id: w.a.ids.credentialId } });
    await w.t.db.credential.update({
      where: { id: w.b.ids.credentialId },
      data: { tokenCiphertext: fromA.tokenCiphertext, tokenKeyId: fromA.tokenKeyId },
    });
    const appA = w.sandbox.registry.byToken(w.a.sandboxToken)?.id;
    const seenBefore = w.sandbox.requests(appA).length;

    const spec = publicApiRoutes.find((s) => s.method === "POST" && s.path === "/api/v1/credentials/{id}/test")!;
    const answer = await callHandler(w.handlerFor(spec), {
      method: "POST",
      path: spec.path,
      params: { id: w.b.ids.credentialId },
      headers: { authorization: `Bearer ${w.b.apiKey}` },
    });
    expect(answer.text).not.toContain("A workspace");
    expect(answer.json).not.toMatchObject({ ok: true });
    expect(answer.json).toMatchObject({ error: { message: expect.stringMatching(/integrity check/) } });
    expect(w.sandbox.requests(appA).length).toBe(seenBefore);
  });
});
