import type { FieldErrors, FieldValues } from "react-hook-form";
import type { DestinationView } from "@/lib/destinations/destination-view";
import {
  type DestinationFormValues,
  type DestinationInput,
  WIZARD_STEPS,
  defaultDestinationConfig,
} from "@/lib/destinations/schemas";

export type WizardFormValues = DestinationFormValues;
export type WizardOutput = DestinationInput;

/** Every field the server may name in a 400, for placing its issues on the form. */
export const WIZARD_FIELDS = [
  "name",
  "nexsetId",
  "credentialId",
  ...WIZARD_STEPS.flatMap((step) => step.fields),
] as const;

export function initialFormValues(
  nexset: { id: string; name: string },
  destination?: DestinationView,
): WizardFormValues {
  if (destination)
    return {
      name: destination.name,
      nexsetId: destination.nexsetId,
      credentialId: destination.credentialId,
      config: destination.config,
    };
  return {
    name: `${nexset.name} → Intercom`.slice(0, 120),
    nexsetId: nexset.id,
    credentialId: "",
    config: structuredClone(defaultDestinationConfig),
  };
}

/** The error at a dotted path ("config.batching.size") in react-hook-form's nested errors. */
export function errorAt(errors: FieldErrors<FieldValues>, path: string): string | undefined {
  let current: unknown = errors;
  for (const key of path.split("."))
    current = current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined;
  const message = current && typeof current === "object" ? (current as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : undefined;
}

/** Index of the first step holding an error for one of `paths`, or -1. */
export function stepIndexFor(paths: readonly string[]): number {
  return WIZARD_STEPS.findIndex((step) =>
    paths.some(
      (path) =>
        step.fields.some((field) => path === field || path.startsWith(`${field}.`)) ||
        (path === "credentialId" && step.id === "credential"),
    ),
  );
}
