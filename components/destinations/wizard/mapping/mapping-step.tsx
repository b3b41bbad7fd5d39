"use client";

import { useEffect, useId, useMemo } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { defaultMapping } from "@/lib/destinations/mapping/default-mapping";
import { MAX_MAPPING_ROWS, type FieldMapping, type MappingRow } from "@/lib/destinations/steps/mapping-step";
import { errorAt, type WizardFormValues } from "../form-values";
import { useWizardData } from "../wizard-data";
import { MappingRowEditor } from "./mapping-row";
import { type MappingContext, useMappingContext } from "./use-mapping-context";

/**
 * Map fields: each Intercom field of the endpoint from an attribute, a constant or a template. On the
 * first visit the default mapping is filled in (fields by name, custom attributes the workspace
 * defines), so the common case needs no click; what would not be sent is listed before any call.
 */
export function MappingStep() {
  const listIds = { targets: useId(), attributes: useId() };
  const { nexset, mode } = useWizardData();
  const { control, setValue, register, formState } = useFormContext<WizardFormValues>();
  const mapping = useWatch({ control, name: "config.mapping" }) as FieldMapping | undefined;
  const credentialId = useWatch({ control, name: "credentialId" }) || undefined;
  const { fields: rows, append, remove, move, replace } = useFieldArray({ control, name: "config.mapping.rows" });
  const watchedRows = useMemo(() => (mapping?.rows ?? []) as MappingRow[], [mapping?.rows]);
  const context = useMappingContext(watchedRows);
  const ready = !credentialId || context.workspace !== undefined || context.dataAttributes.isError;

  // A destination saved before mappings existed keeps sending records as they are until the user
  // turns the mapping on; a new one starts with it on.
  const fillDefault = (firstVisit: boolean) => {
    const proposal = defaultMapping({
      attributes: nexset.attributes,
      fields: context.fields,
      endpointName: context.endpoint?.name ?? "this endpoint",
      workspaceAttributes: context.workspace ?? [],
    });
    setValue(
      "config.mapping",
      {
        enabled: context.fields.length > 0 && !(firstVisit && mode === "edit"),
        rows: proposal.rows,
        emptyValues: mapping?.emptyValues ?? "omit",
      },
      { shouldDirty: true },
    );
    replace(proposal.rows); // the field array follows its own path, not its parent's
  };
  useEffect(() => {
    if (mapping === undefined && ready) fillDefault(true);
    // Only the first visit fills in a mapping; later changes are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapping === undefined, ready]);

  const enabled = mapping?.enabled ?? false;
  const rowsError = errorAt(formState.errors, "config.mapping.rows");
  return (
    <div className="form-stack">
      <label className="checkbox">
        <input type="checkbox" {...register("config.mapping.enabled")} /> Map fields (off: each record is sent as it is)
      </label>
      {!ready && <p className="muted">Reading the workspace’s data attributes…</p>}
      {context.dataAttributes.isError && (
        <div className="alert alert-warning" role="status">
          The workspace’s data attributes could not be read: {context.dataAttributes.error.message}
        </div>
      )}
      {enabled && (
        <>
          <TargetOptions id={listIds.targets} context={context} />
          <datalist id={listIds.attributes}>
            {nexset.attributePaths.map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
          <ol className="form-stack" aria-label="Field mapping" style={{ listStyle: "none", padding: 0 }}>
            {rows.map((row, index) => (
              <MappingRowEditor
                key={row.id}
                index={index}
                count={rows.length}
                targetType={targetType(context, watchedRows[index]?.target)}
                warnings={context.warnings.filter((warning) => warning.row === index)}
                targetsListId={listIds.targets}
                attributesListId={listIds.attributes}
                credentialId={credentialId}
                customModel={context.fields.find((field) => field.customAttributesOf)?.customAttributesOf}
                onMove={move}
                onRemove={remove}
              />
            ))}
          </ol>
          {rowsError && (
            <span className="field-error" role="alert">
              {rowsError}
            </span>
          )}
          <div className="form-row">
            <button
              type="button"
              className="btn btn-small"
              disabled={rows.length >= MAX_MAPPING_ROWS}
              onClick={() => append({ target: "", source: { kind: "attribute", path: "" }, type: "auto" })}
            >
              Add a row
            </button>
            <button type="button" className="btn btn-small" onClick={() => fillDefault(false)}>
              Reset to the default mapping
            </button>
            {credentialId && (
              <button type="button" className="btn btn-small" onClick={() => void context.dataAttributes.refresh()}>
                Reload data attributes
              </button>
            )}
            <label>
              Empty values{" "}
              <select className="input" {...register("config.mapping.emptyValues")}>
                <option value="omit">left out</option>
                <option value="null">sent as null</option>
              </select>
            </label>
          </div>
          {context.notSent.length > 0 && (
            <div className="alert alert-warning" role="status">
              Not sent: {context.notSent.map((name) => `“${name}”`).join(", ")}. No row reads{" "}
              {context.notSent.length === 1 ? "this attribute" : "these attributes"}; add a row to send{" "}
              {context.notSent.length === 1 ? "it" : "them"}.
            </div>
          )}
        </>
      )}
    </div>
  );
}

function TargetOptions({ id, context }: { id: string; context: MappingContext }) {
  const custom = context.fields.find((field) => field.customAttributesOf)?.customAttributesOf;
  const defined = (context.workspace ?? []).filter((a) => a.custom && a.model === custom);
  return (
    <datalist id={id}>
      {context.fields
        .filter((field) => !field.customAttributesOf)
        .map((field) => (
          <option key={field.name} value={field.name}>
            {field.type}
          </option>
        ))}
      {defined.map((attribute) => (
        <option key={attribute.name} value={`custom_attributes.${attribute.name}`}>
          {attribute.dataType}
        </option>
      ))}
    </datalist>
  );
}

/** The Intercom type shown beside a row's target: the field's, or the workspace attribute's. */
function targetType(context: MappingContext, target: string | undefined): string | undefined {
  if (!target) return undefined;
  const [top = "", ...rest] = target.split(".");
  const field = context.fields.find((candidate) => candidate.name === top);
  if (!field) return undefined;
  if (!field.customAttributesOf || rest.length === 0) return field.type;
  const name = rest.join(".");
  const attribute = context.workspace?.find((a) => a.custom && a.model === field.customAttributesOf && a.name === name);
  return attribute?.dataType ?? "not in workspace";
}
