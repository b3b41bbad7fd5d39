"use client";

import type { SourceDetail } from "@/lib/sources/schemas";
import { CopyField } from "./copy-field";
import { maskedWebhookUrl, webhookCurlExample } from "./curl-example";
import { useRotateWebhookToken } from "./use-rotate-webhook-token";
import { useOrigin, WebhookCreatedNotice } from "./webhook-created-notice";
import { WebhookSigningCard } from "./webhook-signing-card";

/** A webhook source's URL (masked: the token is only shown at creation or rotation) and how to call it. */
export function WebhookSourcePanel({ source }: { source: SourceDetail }) {
  const origin = useOrigin();
  const rotate = useRotateWebhookToken(source.id);
  const webhook = source.webhook;
  const masked = maskedWebhookUrl(origin, webhook?.pathTemplate);

  function onRotate() {
    if (window.confirm("Give this source a new URL? The current URL stops working at once.")) rotate.mutate();
  }

  return (
    <>
      <section className="card" aria-labelledby="webhook-url-title">
        <h2 id="webhook-url-title" className="card-title">
          Webhook URL
        </h2>
        <p className="card-description">
          POST one JSON object or an array of objects; each accepted call answers how many records were added. Bodies
          over {Math.round((webhook?.maxBodyBytes ?? 0) / 1024).toLocaleString()} KB are refused.
        </p>
        {rotate.data ? (
          <WebhookCreatedNotice path={rotate.data.path} signed={webhook?.signed} />
        ) : (
          <div className="form-stack">
            <CopyField label="Webhook URL (token hidden)" value={masked} />
            <CopyField
              label="Example request"
              value={webhookCurlExample(masked, { signed: webhook?.signed })}
              multiline
            />
          </div>
        )}
        <div style={{ marginTop: 12 }}>
          <button type="button" className="btn" onClick={onRotate} disabled={rotate.isPending}>
            {rotate.isPending ? "Rotating…" : "Rotate URL"}
          </button>
          {rotate.error && <span className="field-error"> {rotate.error.message}</span>}
        </div>
      </section>
      <WebhookSigningCard sourceId={source.id} signed={Boolean(webhook?.signed)} />
    </>
  );
}
