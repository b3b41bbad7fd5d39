"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import { oauthAppSettingsSchema, type SaveOAuthAppInput, saveOAuthAppSchema } from "@/lib/credentials/schemas";
import { fetchJson } from "@/lib/query/fetch-json";
import { FormError } from "@/components/ui/form-error";

const KEY = ["settings", "intercom-oauth"] as const;
const URL = "/api/v1/settings/intercom-oauth";
const SOURCES = { settings: "saved here", environment: "from the environment", sandbox_demo: "the sandbox demo" };

/** Settings → the Intercom OAuth app behind Connect with Intercom, and the redirect URL to register. */
export function OAuthAppCard() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: () => fetchJson(URL, { schema: oauthAppSettingsSchema }) });
  const save = useMutation({
    mutationFn: (input: SaveOAuthAppInput) =>
      fetchJson(URL, { method: "PUT", json: input, schema: oauthAppSettingsSchema }),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  const form = useForm<SaveOAuthAppInput>({
    resolver: zodResolver(saveOAuthAppSchema),
    defaultValues: { clientId: "", clientSecret: "" },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      form.reset({ clientId: "", clientSecret: "" });
    } catch (error) {
      applyServerErrors(error, ["clientId", "clientSecret"], form.setError);
    }
  });
  const data = current.data;
  return (
    <section className="card" aria-labelledby="oauth-app-title">
      <h2 className="card-title" id="oauth-app-title">
        Intercom OAuth app
      </h2>
      <p className="card-description">
        Connect with Intercom uses this app. Register this redirect URL in Intercom&apos;s Developer Hub (your app →
        Authentication → Use OAuth): <code>{data?.redirectUrl ?? "…"}</code>
      </p>
      {data && (
        <p>
          {data.clientId
            ? `Client id ${data.clientId} (${data.source ? SOURCES[data.source] : ""}).`
            : "Not configured: set INTERCOM_OAUTH_CLIENT_ID and INTERCOM_OAUTH_CLIENT_SECRET, or save an app here."}
        </p>
      )}
      <form className="form-stack" onSubmit={(e) => void submit(e)} noValidate>
        <TextField label="Client id" registration={form.register("clientId")} error={form.formState.errors.clientId} />
        <TextField
          label="Client secret"
          type="password"
          autoComplete="off"
          hint="Stored encrypted; never shown again. Organisation admins only."
          registration={form.register("clientSecret")}
          error={form.formState.errors.clientSecret}
        />
        <FormError message={form.formState.errors.root?.message} />
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
            Save OAuth app
          </button>
        </div>
      </form>
    </section>
  );
}
