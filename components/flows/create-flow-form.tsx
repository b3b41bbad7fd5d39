"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { TextField } from "@/components/ui/text-field";
import { createFlowSchema, type CreateFlowInput } from "@/lib/flows/schemas";
import { useCreateFlow } from "./use-create-flow";

/** Name a flow and go straight to its canvas. */
export function CreateFlowForm() {
  const router = useRouter();
  const form = useForm<CreateFlowInput>({ resolver: zodResolver(createFlowSchema), defaultValues: { name: "" } });
  const createFlow = useCreateFlow();
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const flow = await createFlow.mutateAsync(values);
      router.push(`/flows/${flow.id}`);
    } catch (error) {
      applyServerErrors(error, ["name"], form.setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <div className="form-row">
        <TextField
          label="New flow name"
          placeholder="e.g. Signups to Intercom"
          registration={form.register("name")}
          error={errors.name}
        />
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create flow"}
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
