"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/api-keys/schemas";
import { useCreateApiKey } from "./use-create-api-key";

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const form = useForm<CreateApiKeyInput>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: "" } });
  const createKey = useCreateApiKey();
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { apiKey, key } = await createKey.mutateAsync(values);
      onCreated({ name: apiKey.name, key });
      form.reset();
    } catch (error) {
      applyServerErrors(error, ["name"], form.setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <TextField
          label="New key name"
          placeholder="e.g. Data warehouse sync"
          registration={form.register("name")}
          error={errors.name}
        />
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create key"}
        </button>
      </div>
      {errors.root?.message && (
        <div className="alert alert-error" role="alert" style={{ marginTop: 12 }}>
          {errors.root.message}
        </div>
      )}
    </form>
  );
}
