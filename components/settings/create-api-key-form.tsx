"use client";

import { NameForm } from "@/components/ui/name-form";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { useCreateApiKey } from "./use-create-api-key";

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: { name: string; key: string }) => void }) {
  const createKey = useCreateApiKey();
  return (
    <NameForm
      schema={createApiKeySchema}
      label="New key name"
      placeholder="e.g. Data warehouse sync"
      submitLabel="Create key"
      create={async (values) => {
        const { apiKey, key } = await createKey.mutateAsync(values);
        onCreated({ name: apiKey.name, key });
        return true;
      }}
    />
  );
}
