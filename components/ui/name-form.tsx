"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "./apply-server-errors";
import { TextField } from "./text-field";
import { FormError } from "./form-error";

type NameInput = { name: string };

/**
 * A name and a create button on one row, with the server's refusal on the field or above it: how a
 * flow or an API key is made. `create` resolves to true to empty the field for the next one.
 */
export function NameForm({
  schema,
  label,
  placeholder,
  submitLabel,
  className,
  create,
}: {
  schema: z.ZodType<NameInput, NameInput>;
  label: string;
  placeholder: string;
  submitLabel: string;
  className?: string;
  create: (values: NameInput) => Promise<boolean>;
}) {
  const form = useForm<NameInput>({ resolver: zodResolver(schema), defaultValues: { name: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      if (await create(values)) form.reset();
    } catch (error) {
      applyServerErrors(error, ["name"], form.setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className={className}>
      <div className="form-row">
        <TextField label={label} placeholder={placeholder} registration={form.register("name")} error={errors.name} />
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : submitLabel}
        </button>
      </div>
      <FormError message={errors.root?.message} style={{ marginTop: 12 }} />
    </form>
  );
}
