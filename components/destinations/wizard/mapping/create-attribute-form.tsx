"use client";

import { useState } from "react";
import { DATA_ATTRIBUTE_TYPES, createDataAttributeSchema } from "@/lib/credentials/data-attribute-schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { useCreateDataAttribute } from "./use-create-data-attribute";

/** "Create in Intercom" for a custom attribute the workspace lacks: name and type (inferred, editable). */
export function CreateAttributeForm({
  credentialId,
  name: initialName,
  model,
  suggestedType,
  onDone,
}: {
  credentialId: string;
  name: string;
  model: "contact" | "company";
  suggestedType: (typeof DATA_ATTRIBUTE_TYPES)[number];
  onDone: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [dataType, setDataType] = useState(suggestedType);
  const [error, setError] = useState<string>();
  const create = useCreateDataAttribute(credentialId);
  const submit = async () => {
    const parsed = createDataAttributeSchema.safeParse({ name, model, dataType });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    try {
      await create.mutateAsync(parsed.data);
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? failure.message : "Could not create the attribute");
    }
  };
  return (
    <div className="form-row" role="group" aria-label={`Create ${model} attribute in Intercom`}>
      <input
        className="input"
        aria-label="Attribute name"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <select
        className="input"
        aria-label="Attribute type"
        value={dataType}
        onChange={(event) => setDataType(event.target.value as typeof dataType)}
      >
        {DATA_ATTRIBUTE_TYPES.map((type) => (
          <option key={type}>{type}</option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={create.isPending}
        onClick={() => void submit()}
      >
        {create.isPending ? "Creating…" : `Create ${model} attribute`}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
