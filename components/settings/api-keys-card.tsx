"use client";

import { useState } from "react";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewApiKeyNotice } from "./new-api-key-notice";

export function ApiKeysCard() {
  // The full key lives only in this state, only until dismissed or the page is left.
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <section className="card" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" className="card-title">
        API keys
      </h2>
      <p className="card-description">
        Keys authenticate calls to the public API (<code>Authorization: Bearer &lt;key&gt;</code>). See the{" "}
        <a href="/api/v1/openapi.json">OpenAPI document</a>. A key is shown once, when you create it.
      </p>
      <CreateApiKeyForm onCreated={setCreated} />
      {created && <NewApiKeyNotice name={created.name} apiKey={created.key} onDismiss={() => setCreated(null)} />}
      <ApiKeysTable />
    </section>
  );
}
