"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import type { PublicCredential } from "@/lib/credentials/schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { useReplaceToken } from "./use-connection";

/** A new token, checked with GET /me; another workspace only after the user confirms it. */
export function ReplaceTokenCard({ connection }: { connection: PublicCredential }) {
  const replace = useReplaceToken(connection.id);
  const form = useForm<{ token: string }>({ defaultValues: { token: "" } });
  const [otherWorkspace, setOtherWorkspace] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const submit = async (allowOtherWorkspace: boolean) => {
    setDone(undefined);
    try {
      const updated = await replace.mutateAsync({ token: form.getValues("token"), allowOtherWorkspace });
      setOtherWorkspace(undefined);
      form.reset({ token: "" });
      setDone(`Token replaced (${updated.tokenMasked}, workspace ${updated.workspaceName ?? "?"}).`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === "other_workspace") setOtherWorkspace(error.message);
      else form.setError("token", { message: error instanceof Error ? error.message : "Could not replace the token" });
    }
  };

  return (
    <section className="card" aria-labelledby="replace-token-title">
      <h2 className="card-title" id="replace-token-title">
        Replace the token
      </h2>
      <p className="card-description">
        Checked with Intercom&apos;s GET /me before it is stored. Every destination and source keeps this connection.
      </p>
      <div className="form-stack">
        <TextField
          label="New access token"
          type="password"
          autoComplete="off"
          registration={form.register("token")}
          error={form.formState.errors.token}
        />
        {otherWorkspace && (
          <div className="alert alert-warning" role="alert">
            {otherWorkspace}{" "}
            <button type="button" className="btn btn-small" onClick={() => void submit(true)}>
              Switch workspaces
            </button>
          </div>
        )}
        {done && (
          <div className="alert alert-success" role="status">
            {done}
          </div>
        )}
        <div className="form-row">
          <button type="button" className="btn" disabled={replace.isPending} onClick={() => void submit(false)}>
            {replace.isPending ? "Checking…" : "Replace token"}
          </button>
        </div>
      </div>
    </section>
  );
}
