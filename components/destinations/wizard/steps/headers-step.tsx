"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { INTERCOM_API_VERSIONS } from "@/lib/connectors/intercom/versions";
import { errorAt, type WizardFormValues } from "../form-values";

export function HeadersStep() {
  const versionId = useId();
  const { register, formState } = useFormContext<WizardFormValues>();
  const versionError = errorAt(formState.errors, "config.intercomVersion");
  return (
    <div className="form-stack">
      <TextField
        label="Request headers"
        className="input-mono"
        placeholder="X-Source:flowgate,X-Request-Tag:signup"
        autoComplete="off"
        spellCheck={false}
        hint="name:value pairs separated by commas (a value may contain colons). Authorization comes from the connection; Content-Type from the format."
        registration={register("config.headersText")}
        error={{ message: errorAt(formState.errors, "config.headersText") }}
      />
      <div className="field">
        <label htmlFor={versionId}>Intercom-Version</label>
        <select id={versionId} className="input" {...register("config.intercomVersion")}>
          {INTERCOM_API_VERSIONS.map((version) => (
            <option key={version} value={version}>
              {version === "Preview" ? "Preview (unstable; bulk contacts)" : version}
            </option>
          ))}
        </select>
        <span className="field-hint">Sent as the Intercom-Version header; the endpoint warnings check against it.</span>
        {versionError && (
          <span className="field-error" role="alert">
            {versionError}
          </span>
        )}
      </div>
    </div>
  );
}
