"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { checkEndpoint } from "@/lib/connectors/intercom/check-endpoint";
import { endpointsByObject, findEndpoint, findEndpointById } from "@/lib/connectors/intercom/definition";
import { intercomSyncOperations, type SyncOperationDefinition } from "@/lib/connectors/intercom/sync/sync-operations";
import { STABLE_API_VERSIONS } from "@/lib/connectors/intercom/versions";
import type { EndpointDefinition } from "@/lib/connectors/types";
import type { WizardFormValues } from "../form-values";
import { useSelectedCredential, useWizardData } from "../wizard-data";
import { SyncModeFields } from "./sync-mode-fields";
import { UrlTemplateField } from "./url-template-field";

// Sync operations lead the picker: they are what keeps Intercom in step with another system.
const GROUPS = [
  [intercomSyncOperations[0]?.object ?? "Sync", [...intercomSyncOperations]] as const,
  ...endpointsByObject(),
];

/** The newest version an endpoint exists in: stable ones first, Preview only if it is Preview-only. */
function versionFor(endpoint: EndpointDefinition, current: string): string {
  if (endpoint.versions.includes(current)) return current;
  const stable = [...STABLE_API_VERSIONS].reverse().find((version) => endpoint.versions.includes(version));
  return stable ?? endpoint.versions[endpoint.versions.length - 1] ?? current;
}

export function EndpointStep() {
  const pickerId = useId();
  const { nexset } = useWizardData();
  const { baseUrl } = useSelectedCredential();
  const { setValue, control } = useFormContext<WizardFormValues>();
  const [endpointId, method, urlTemplate, version] = useWatch({
    control,
    name: ["config.endpointId", "config.method", "config.urlTemplate", "config.intercomVersion"],
  });
  const chosen = endpointId ? findEndpointById(endpointId) : undefined;
  const check = urlTemplate && method && version ? checkEndpoint(method, urlTemplate, version) : undefined;

  const pick = (id: string) => {
    const endpoint = findEndpointById(id);
    setValue("config.endpointId", endpoint?.id, { shouldDirty: true });
    if (!endpoint) return;
    if ("sync" in endpoint) setValue("config.batching.enabled", false, { shouldDirty: true });
    setValue("config.method", endpoint.method, { shouldDirty: true });
    setValue("config.urlTemplate", `${baseUrl ?? ""}${endpoint.path}`, { shouldDirty: true, shouldValidate: true });
    const nextVersion = versionFor(endpoint, version ?? "");
    if (nextVersion !== version) setValue("config.intercomVersion", nextVersion, { shouldDirty: true });
  };

  return (
    <div className="form-stack">
      <div className="field">
        <label htmlFor={pickerId}>Intercom endpoint</label>
        <select id={pickerId} className="input" value={endpointId ?? ""} onChange={(event) => pick(event.target.value)}>
          <option value="">Custom URL (type it below)</option>
          {GROUPS.map(([object, endpoints]) => (
            <optgroup key={object} label={object}>
              {endpoints.map((endpoint) => (
                <option key={endpoint.id} value={endpoint.id}>
                  {endpoint.name} — {endpoint.method} {endpoint.path}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <span className="field-hint">
          {chosen
            ? chosen.description
            : "Choosing an endpoint fills the method and the URL with your connection's host; you can still edit the URL."}
        </span>
      </div>
      {chosen && "sync" in chosen && (
        <SyncModeFields operation={chosen as SyncOperationDefinition} attributes={nexset.attributes} />
      )}
      <UrlTemplateField
        attributes={nexset.attributePaths}
        onEdited={(url) => {
          // Keep the picker in step with a hand-edited URL.
          const match = method && version ? findEndpoint(method, url, version) : undefined;
          const keepsSync = chosen && "sync" in chosen && match?.method === chosen.method && match.path === chosen.path;
          if (match?.id !== endpointId && !keepsSync) setValue("config.endpointId", match?.id, { shouldDirty: true });
        }}
      />
      {check && (
        <div className={check.ok ? "alert alert-success" : "alert alert-warning"} role="status">
          {check.ok ? `${method} matches Intercom's “${check.endpoint.name}” in ${version}.` : check.message}
        </div>
      )}
    </div>
  );
}
