"use client";

import { useSyncExternalStore } from "react";
import { CopyField } from "./copy-field";
import { webhookCurlExample } from "./curl-example";

const noSubscribe = () => () => undefined;

/** The page's origin, read on the client only (the server does not know the public host). */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
}

/** Shown once, after creating a webhook source or rotating its URL: the full URL, and the secret. */
export function WebhookCreatedNotice({ path, secret, signed }: { path: string; secret?: string; signed?: boolean }) {
  const url = `${useOrigin()}${path}`;
  return (
    <div className="alert alert-success form-stack" role="status">
      <strong>Copy the URL now: it is shown only this once.</strong>
      <CopyField label="Webhook URL" value={url} />
      {secret && <CopyField label="Signing secret" value={secret} />}
      <CopyField
        label="Example request"
        value={webhookCurlExample(url, { signed: Boolean(secret) || signed, secret })}
        multiline
      />
    </div>
  );
}
