"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { usePreviewState } from "@/components/destinations/sample-payload/preview-context";
import { errorAt, type WizardFormValues } from "../form-values";
import { useSelectedCredential, useWizardData } from "../wizard-data";
import styles from "../wizard.module.css";

const ALGORITHM_NAMES: Record<string, string> = {
  json_array: "JSON array",
  json_object_property: "property inside a JSON object",
  code: "code",
};

export function ReviewStep() {
  const { nexset } = useWizardData();
  const { register, control, formState } = useFormContext<WizardFormValues>();
  const config = useWatch({ control, name: "config" });
  const { credential } = useSelectedCredential();
  const preview = usePreviewState();
  const batching = config?.batching;
  const requests = preview.result?.requests.length ?? 0;

  return (
    <div className="form-stack">
      <TextField
        label="Destination name"
        registration={register("name")}
        error={{ message: errorAt(formState.errors, "name") }}
      />
      <dl className={styles.summary}>
        <dt>Nexset</dt>
        <dd>
          {nexset.name} ({nexset.recordCount.toLocaleString("en-US")} records)
        </dd>
        <dt>Connection</dt>
        <dd>{credential ? `${credential.name} (${credential.regionName})` : "—"}</dd>
        <dt>Request</dt>
        <dd>
          <code>
            {config?.method} {config?.urlTemplate || "—"}
          </code>
        </dd>
        <dt>Format</dt>
        <dd>{config?.format?.toUpperCase()}</dd>
        <dt>Headers</dt>
        <dd>
          {config?.headersText ? <code>{config.headersText}</code> : "none"} · Intercom-Version{" "}
          {config?.intercomVersion}
        </dd>
        <dt>Excluded</dt>
        <dd>{config?.excludedAttributes?.length ? config.excludedAttributes.join(", ") : "none"}</dd>
        <dt>Batching</dt>
        <dd>
          {batching?.enabled
            ? `${batching.size} per request, ${ALGORITHM_NAMES[batching.algorithm ?? ""] ?? batching.algorithm}`
            : "off (one request per record)"}
        </dd>
        <dt>Response webhook</dt>
        <dd>{config?.responseWebhook?.enabled ? "on: a webhook source is created on save" : "off"}</dd>
        <dt>Samples</dt>
        <dd>
          {requests} request{requests === 1 ? "" : "s"} from {nexset.samples.length} sample record
          {nexset.samples.length === 1 ? "" : "s"}
        </dd>
      </dl>
      <p className="muted">
        Done saves the destination as a draft. Activate it from its page to start delivering every record.
      </p>
    </div>
  );
}
