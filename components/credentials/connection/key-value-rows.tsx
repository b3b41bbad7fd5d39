"use client";

import type { UseFieldArrayReturn, UseFormRegister } from "react-hook-form";
import type { TryRequestValues } from "./try-request-card";

interface Props {
  label: string;
  name: "query" | "headers";
  rows: UseFieldArrayReturn<TryRequestValues, "query" | "headers">;
  register: UseFormRegister<TryRequestValues>;
}

/** Key/value rows (query parameters, headers) with add and remove. */
export function KeyValueRows({ label, name, rows, register }: Props) {
  return (
    <fieldset className="field" aria-label={label}>
      <legend>{label}</legend>
      {rows.fields.map((row, index) => (
        <div className="form-row" key={row.id}>
          <input className="input" aria-label={`${label} ${index + 1} name`} {...register(`${name}.${index}.key`)} />
          <input className="input" aria-label={`${label} ${index + 1} value`} {...register(`${name}.${index}.value`)} />
          <button type="button" className="btn btn-small" onClick={() => rows.remove(index)}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn-small" onClick={() => rows.append({ key: "", value: "" })}>
          + Add {name === "query" ? "parameter" : "header"}
        </button>
      </div>
    </fieldset>
  );
}
