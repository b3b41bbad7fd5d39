"use client";

import { useState } from "react";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { useForm } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import type { PublicCredential } from "@/lib/credentials/schemas";
import { useUpdateConnection } from "./use-connection";
import { FormError } from "@/components/ui/form-error";

interface Values {
  name: string;
  rateLimit: string;
}

/** Rename, and the connection's own budget per 10-second window (empty: the install's default). */
export function ManageConnectionCard({ connection }: { connection: PublicCredential }) {
  const update = useUpdateConnection(connection.id);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    defaultValues: { name: connection.name, rateLimit: connection.rateLimitPer10s?.toString() ?? "" },
  });
  const save = form.handleSubmit(async (values) => {
    setSaved(false);
    const rate = values.rateLimit.trim();
    try {
      await update.mutateAsync({ name: values.name, rateLimitPer10s: rate === "" ? null : Number(rate) });
      setSaved(true);
    } catch (error) {
      applyServerErrors(error, ["name"], form.setError);
      if (!form.formState.errors.name) form.setError("rateLimit", { message: (error as Error).message });
    }
  });
  return (
    <section className="card" aria-labelledby="manage-title">
      <h2 className="card-title" id="manage-title">
        Name and rate limit
      </h2>
      <form className="form-stack" onSubmit={(e) => void save(e)} noValidate>
        <TextField label="Connection name" registration={form.register("name")} error={form.formState.errors.name} />
        <TextField
          label="Rate limit (calls per 10 s)"
          inputMode="numeric"
          hint="Shared by every destination on this connection; empty uses the install's default."
          registration={form.register("rateLimit")}
          error={form.formState.errors.rateLimit}
        />
        <FormError message={form.formState.errors.root?.message} />
        {saved && (
          <div className="alert alert-success" role="status">
            Saved.
          </div>
        )}
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
            Save
          </button>
        </div>
      </form>
    </section>
  );
}
