"use client";

import { useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { dataTypeForSamples } from "@/lib/destinations/mapping/data-attribute-types";
import { readAttributePath } from "@/lib/destinations/mapping/attribute-path";
import { MAPPING_TYPES } from "@/lib/destinations/mapping/convert-value";
import type { MappingWarning } from "@/lib/destinations/mapping/check-mapping";
import type { MappingSource } from "@/lib/destinations/steps/mapping-step";
import { errorAt, type WizardFormValues } from "../form-values";
import { useWizardData } from "../wizard-data";
import styles from "../wizard.module.css";
import { CreateAttributeForm } from "./create-attribute-form";

const EMPTY_SOURCE: Record<MappingSource["kind"], MappingSource> = {
  attribute: { kind: "attribute", path: "" },
  constant: { kind: "constant", value: "" },
  template: { kind: "template", template: "" },
};

export interface MappingRowProps {
  index: number;
  count: number;
  targetType: string | undefined;
  warnings: readonly MappingWarning[];
  targetsListId: string;
  attributesListId: string;
  credentialId: string | undefined;
  customModel: "contact" | "company" | undefined;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

/** One mapping row: target (with Intercom's type), source (attribute, constant or template), conversion. */
export function MappingRowEditor(props: MappingRowProps) {
  const { index, count, warnings } = props;
  const { nexset } = useWizardData();
  const { register, formState } = useFormContext<WizardFormValues>();
  const base = `config.mapping.rows.${index}` as const;
  const { field: source } = useController<WizardFormValues, `${typeof base}.source`>({ name: `${base}.source` });
  const reason = useFormContext<WizardFormValues>().watch(`${base}.reason`);
  const [creating, setCreating] = useState<string>();
  const error = (path: string) => errorAt(formState.errors, `${base}.${path}`);
  const value = source.value ?? EMPTY_SOURCE.attribute;
  const samples = value.kind === "attribute" ? nexset.samples.map((s) => readAttributePath(s, value.path)) : [];

  return (
    <li className={styles.mappingRow} aria-label={`Mapping row ${index + 1}`}>
      <div className="form-row">
        <input
          className="input input-mono"
          aria-label={`Target of row ${index + 1}`}
          list={props.targetsListId}
          placeholder="email or custom_attributes.plan"
          aria-invalid={error("target") ? true : undefined}
          {...register(`${base}.target`)}
        />
        {props.targetType && <span className="badge">{props.targetType}</span>}
        <span aria-hidden="true">←</span>
        <select
          className="input"
          aria-label={`Source kind of row ${index + 1}`}
          value={value.kind}
          onChange={(event) => source.onChange(EMPTY_SOURCE[event.target.value as MappingSource["kind"]])}
        >
          <option value="attribute">attribute</option>
          <option value="constant">constant</option>
          <option value="template">template</option>
        </select>
        <SourceInput index={index} source={value} onChange={source.onChange} listId={props.attributesListId} />
        <select className="input" aria-label={`Convert row ${index + 1} to`} {...register(`${base}.type`)}>
          {MAPPING_TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Move row ${index + 1} up`}
          disabled={index === 0}
          onClick={() => props.onMove(index, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Move row ${index + 1} down`}
          disabled={index === count - 1}
          onClick={() => props.onMove(index, index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Remove row ${index + 1}`}
          onClick={() => props.onRemove(index)}
        >
          ×
        </button>
      </div>
      {reason && <span className="field-hint">Matched: {reason}</span>}
      {["target", "source", "source.path", "source.value", "source.template", "type"].map((path) => {
        const message = error(path);
        return message ? (
          <span key={path} className="field-error" role="alert">
            {message}
          </span>
        ) : null;
      })}
      {warnings.map((warning) => (
        <div key={warning.message} className="alert alert-warning" role="status">
          {warning.message}
          {warning.kind === "missing-attribute" &&
            props.credentialId &&
            props.customModel &&
            creating === undefined && (
              <button type="button" className="btn btn-small" onClick={() => setCreating(warning.attributeName)}>
                Create in Intercom
              </button>
            )}
          {warning.kind === "missing-attribute" &&
            creating !== undefined &&
            props.credentialId &&
            props.customModel && (
              <CreateAttributeForm
                credentialId={props.credentialId}
                name={creating}
                model={props.customModel}
                suggestedType={dataTypeForSamples(samples)}
                onDone={() => setCreating(undefined)}
              />
            )}
        </div>
      ))}
    </li>
  );
}

function SourceInput({
  index,
  source,
  onChange,
  listId,
}: {
  index: number;
  source: MappingSource;
  onChange: (source: MappingSource) => void;
  listId: string;
}) {
  const label = `Source of row ${index + 1}`;
  if (source.kind === "attribute")
    return (
      <input
        className="input input-mono"
        aria-label={label}
        list={listId}
        placeholder="attribute, e.g. address.city"
        value={source.path}
        onChange={(event) => onChange({ kind: "attribute", path: event.target.value })}
      />
    );
  if (source.kind === "constant")
    return (
      <input
        className="input input-mono"
        aria-label={label}
        placeholder='lead, 12, true, {"a": 1}'
        value={source.value}
        onChange={(event) => onChange({ kind: "constant", value: event.target.value })}
      />
    );
  return (
    <input
      className="input input-mono"
      aria-label={label}
      placeholder="{first_name} {last_name}"
      value={source.template}
      onChange={(event) => onChange({ kind: "template", template: event.target.value })}
    />
  );
}
