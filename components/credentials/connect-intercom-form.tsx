"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { ConnectionNameAndRegion } from "./connection-fields";
import { type StartOAuthInput, startOAuthSchema } from "@/lib/credentials/schemas";
import { currentReturnPath, useStartOAuth } from "./use-start-oauth";
import { FormError } from "@/components/ui/form-error";

interface ConnectIntercomFormProps {
  /** Runs just before the browser leaves for Intercom (the wizard keeps its unsaved form here). */
  onBeforeLeave?: () => void;
  onCancel?: () => void;
}

/**
 * Connect with Intercom: name, region and Personal or Organisational, then Intercom's consent page.
 * Intercom grants the permissions set on the OAuth app; the connection comes back selected.
 * Not a <form>: it also sits inside the destination wizard's form.
 */
export function ConnectIntercomForm({ onBeforeLeave, onCancel }: ConnectIntercomFormProps) {
  const form = useForm<StartOAuthInput>({
    resolver: zodResolver(startOAuthSchema),
    defaultValues: { name: "", region: "sandbox", oauthKind: "organisational" },
  });
  const startOAuth = useStartOAuth();
  const { errors, isSubmitting } = form.formState;

  const connect = form.handleSubmit(async (values) => {
    try {
      const { authorizeUrl } = await startOAuth.mutateAsync({ ...values, returnTo: currentReturnPath() });
      onBeforeLeave?.();
      window.location.assign(authorizeUrl);
    } catch (error) {
      applyServerErrors(error, ["name", "region", "oauthKind"], form.setError);
    }
  });

  return (
    <div className="form-stack" role="group" aria-label="Connect with Intercom">
      <ConnectionNameAndRegion
        name={form.register("name")}
        nameError={errors.name}
        namePlaceholder="e.g. Support workspace (OAuth)"
        region={form.register("region")}
        regionError={errors.region}
      />
      <fieldset className="field">
        <legend>Who may use it</legend>
        <label>
          <input type="radio" value="organisational" {...form.register("oauthKind")} /> Organisational — everyone in
          your organisation
        </label>
        <label>
          <input type="radio" value="personal" {...form.register("oauthKind")} /> Personal — only you
        </label>
        {errors.oauthKind?.message && <span className="field-error">{errors.oauthKind.message}</span>}
      </fieldset>
      <FormError message={errors.root?.message} />
      <div className="form-row">
        <button type="button" className="btn btn-primary" disabled={isSubmitting} onClick={() => void connect()}>
          {isSubmitting ? "Opening Intercom…" : "Connect with Intercom"}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
