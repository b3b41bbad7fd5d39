"use client";

import { CopyField } from "./copy-field";
import { useRemoveSigningSecret } from "./use-remove-signing-secret";
import { useRotateSigningSecret } from "./use-rotate-signing-secret";
import styles from "./sources.module.css";

/** The HMAC option: require Standard Webhooks signatures (a new secret, shown once) or stop requiring them. */
export function WebhookSigningCard({ sourceId, signed }: { sourceId: string; signed: boolean }) {
  const rotate = useRotateSigningSecret(sourceId);
  const remove = useRemoveSigningSecret(sourceId);
  const error = rotate.error ?? remove.error;

  function onRotate() {
    const message = signed
      ? "Replace the signing secret? Calls signed with the current one will be refused."
      : "Require signatures? Unsigned calls will be refused.";
    if (window.confirm(message)) rotate.mutate();
  }
  function onRemove() {
    if (window.confirm("Stop requiring signatures? Anyone with the URL can then post records."))
      remove.mutate(undefined, { onSuccess: () => rotate.reset() });
  }

  return (
    <section className="card" aria-labelledby="signing-title">
      <h2 id="signing-title" className="card-title">
        Signatures (HMAC)
      </h2>
      <p className="card-description">
        {signed
          ? "Calls must carry a Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature) made with the secret."
          : "Not required: any call with the URL's token is accepted."}
      </p>
      {rotate.data && <CopyField label="Signing secret (shown once)" value={rotate.data.secret} />}
      <div className={styles.actions} style={{ marginTop: 12 }}>
        <button type="button" className="btn" onClick={onRotate} disabled={rotate.isPending}>
          {signed ? "New secret" : "Require signatures"}
        </button>
        {signed && (
          <button type="button" className="btn btn-danger" onClick={onRemove} disabled={remove.isPending}>
            Stop requiring signatures
          </button>
        )}
      </div>
      {error && <p className="field-error">{error.message}</p>}
    </section>
  );
}
