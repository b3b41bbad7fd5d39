import { asViewer, type ViewerArg } from "@/lib/credentials/visibility";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createFileSource } from "@/lib/sources/file/create-file-source";
import { createIntercomSource } from "@/lib/sources/intercom/create-intercom-source";
import { createWebhookSource } from "@/lib/sources/webhook/create-webhook-source";
import { createSourceBodySchema, type CreatedSourceView } from "./source-inputs";

/** POST /api/v1/sources: hands each kind to the sources domain's own create function. */
export async function createSourceOfKind(db: Db, viewer: ViewerArg, input: unknown): Promise<CreatedSourceView> {
  const { organisationId } = asViewer(viewer);
  const body = parseInput(createSourceBodySchema, input);
  if (body.kind === "webhook") {
    const { sourceId, nexsetId, token, path, secret } = await createWebhookSource(db, organisationId, body);
    return { sourceId, nexsetId, kind: "webhook", webhook: { token, path, ...(secret ? { secret } : {}) } };
  }
  const created =
    body.kind === "intercom"
      ? await createIntercomSource(db, viewer, body)
      : await createFileSource(db, organisationId, body);
  return { ...created, kind: body.kind, webhook: null };
}
