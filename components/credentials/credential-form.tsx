"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { ConnectionNameAndRegion } from "./connection-fields";
import { TextField } from "@/components/ui/text-field";
import {
  type CreateCredentialInput,
  createCredentialSchema,
  type PublicCredential,
  type TestConnectionResult,
} from "@/lib/credentials/schemas";
import { TestConnectionResultView } from "./test-connection-result";
import { useCreateCredential } from "./use-create-credential";
import { useTestConnection } from "./use-test-connection";
import { FormError } from "@/components/ui/form-error";

interface CredentialFormProps {
  onCreated: (credential: PublicCredential) => void;
  onCancel?: () => void;
}

/**
 * Name, region and access token, with "Test connection" (GET /me, nothing stored) and "Save
 * connection". Not a <form>: it also sits inside the destination wizard's form, so its buttons
 * submit through react-hook-form directly.
 */
export function CredentialForm({ onCreated, onCancel }: CredentialFormProps) {
  const form = useForm<CreateCredentialInput>({
    resolver: zodResolver(createCredentialSchema),
    defaultValues: { name: "", region: "us", authKind: "access_token", token: "" },
  });
  const createCredential = useCreateCredential();
  const testConnection = useTestConnection();
  const [tested, setTested] = useState<TestConnectionResult | undefined>();
  const { errors, isSubmitting } = form.formState;

  const runTest = async () => {
    setTested(undefined);
    if (!(await form.trigger(["region", "token"]))) return;
    try {
      setTested(await testConnection.mutateAsync({ region: form.getValues("region"), token: form.getValues("token") }));
    } catch (error) {
      applyServerErrors(error, ["region", "token"], form.setError);
    }
  };

  const save = form.handleSubmit(async (values) => {
    try {
      onCreated(await createCredential.mutateAsync(values));
      form.reset();
      setTested(undefined);
    } catch (error) {
      applyServerErrors(error, ["name", "region", "token"], form.setError);
    }
  });

  return (
    <div className="form-stack" role="group" aria-label="New Intercom connection">
      <ConnectionNameAndRegion
        name={form.register("name")}
        nameError={errors.name}
        namePlaceholder="e.g. Support workspace"
        region={form.register("region", { onChange: () => setTested(undefined) })}
        regionError={errors.region}
      />
      <TextField
        label="Access token"
        type="password"
        autoComplete="off"
        hint="From your Intercom app (Developer Hub → Authentication). Stored encrypted; never shown again."
        registration={form.register("token", { onChange: () => setTested(undefined) })}
        error={errors.token}
      />
      {tested && <TestConnectionResultView result={tested} />}
      <FormError message={errors.root?.message} />
      <div className="form-row">
        <button type="button" className="btn" onClick={runTest} disabled={testConnection.isPending}>
          {testConnection.isPending ? "Testing…" : "Test connection"}
        </button>
        <button type="button" className="btn btn-primary" onClick={save} disabled={isSubmitting}>
          {isSubmitting ? "Checking token…" : "Save connection"}
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
