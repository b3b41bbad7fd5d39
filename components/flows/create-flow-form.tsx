"use client";

import { useRouter } from "next/navigation";
import { NameForm } from "@/components/ui/name-form";
import { createFlowSchema } from "@/lib/flows/schemas";
import { useCreateFlow } from "./use-create-flow";

/** Name a flow and go straight to its canvas. */
export function CreateFlowForm() {
  const router = useRouter();
  const createFlow = useCreateFlow();
  return (
    <NameForm
      schema={createFlowSchema}
      label="New flow name"
      placeholder="e.g. Signups to Intercom"
      submitLabel="Create flow"
      className="card"
      create={async (values) => {
        const flow = await createFlow.mutateAsync(values);
        router.push(`/flows/${flow.id}`);
        return false;
      }}
    />
  );
}
