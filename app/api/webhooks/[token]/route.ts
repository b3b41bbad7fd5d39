import { withApi } from "@/lib/api/with-api";
import { db } from "@/lib/db/client";
import { ingestWebhook } from "@/lib/sources/webhook/ingest-webhook";
import { ingestWebhookRoute } from "@/lib/sources/webhook/webhook-route";

export const dynamic = "force-dynamic";

// Public on purpose: the token in the URL is the credential. The body is handed over unread so
// lib/ can check the token first and stop reading at the source's size limit.
export const POST = withApi(ingestWebhookRoute, ({ req, params }) =>
  ingestWebhook({ db: db(), token: params.token, headers: req.headers, rawBody: req.body }),
);
