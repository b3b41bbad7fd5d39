import { useId } from "react";
import type { FieldError, UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { intercomRegions } from "@/lib/connectors/intercom/regions";

// The fields every way of making a connection starts with (an access token, Connect with Intercom):
// its name and the Intercom region it lives in.

interface ConnectionFieldsProps {
  name: UseFormRegisterReturn;
  nameError?: FieldError;
  namePlaceholder: string;
  region: UseFormRegisterReturn;
  regionError?: FieldError;
}

export function ConnectionNameAndRegion(props: ConnectionFieldsProps) {
  const regionId = useId();
  return (
    <>
      <TextField
        label="Connection name"
        placeholder={props.namePlaceholder}
        registration={props.name}
        error={props.nameError}
      />
      <div className="field">
        <label htmlFor={regionId}>Region</label>
        <select id={regionId} className="input" {...props.region}>
          {intercomRegions.map((region) => (
            <option key={region.id} value={region.id}>
              {region.name}
            </option>
          ))}
        </select>
        {props.regionError?.message && <span className="field-error">{props.regionError.message}</span>}
      </div>
    </>
  );
}
