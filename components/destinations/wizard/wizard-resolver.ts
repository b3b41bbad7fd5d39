import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { destinationInputSchema } from "@/lib/destinations/schemas";
import { mappingSourceErrors } from "@/lib/destinations/mapping/check-mapping-sources";
import type { FieldMapping } from "@/lib/destinations/steps/mapping-step";
import { validateDestinationAgainstContext } from "@/lib/destinations/validate-against-context";
import type { Attribute } from "@/lib/nexsets/infer-schema";
import type { WizardFormValues, WizardOutput } from "./form-values";

/**
 * The destination schema (the one the API parses), plus the server's host check: the endpoint URL
 * must be on the chosen credential's Intercom host. The same message the server would send shows at
 * the field before anything is saved or sent.
 */
export function createWizardResolver(
  baseUrlFor: (credentialId: string) => string | undefined,
  nexsetSchema?: { attributes: readonly Attribute[]; truncated: boolean },
): Resolver<WizardFormValues, unknown, WizardOutput> {
  const schemaResolver = zodResolver(destinationInputSchema);
  return async (values, context, options) => {
    const result = withMappingSourceErrors(await schemaResolver(values, context, options), nexsetSchema);
    const baseUrl = baseUrlFor(values.credentialId ?? "");
    const urlError = (result.errors as FieldErrors<WizardFormValues>).config?.urlTemplate;
    if (!baseUrl || urlError || typeof values.config?.urlTemplate !== "string") return result;
    const checked = validateDestinationAgainstContext(
      { urlTemplate: values.config.urlTemplate },
      { credentialRegionBaseUrl: baseUrl },
    );
    if (checked.ok) return result;
    const message = checked.errors[0]!.message;
    const errors = result.errors as FieldErrors<WizardFormValues>;
    return {
      values: {},
      errors: {
        ...errors,
        config: { ...errors.config, urlTemplate: { type: "host", message } },
      } as FieldErrors<WizardFormValues>,
    };
  };
}

type ResolverResult = Awaited<ReturnType<Resolver<WizardFormValues, unknown, WizardOutput>>>;

/** The server's check that each mapping row reads an attribute the Nexset has, at the row, before saving. */
function withMappingSourceErrors(
  result: ResolverResult,
  nexsetSchema: { attributes: readonly Attribute[]; truncated: boolean } | undefined,
): ResolverResult {
  const mapping = (result.values as { config?: { mapping?: FieldMapping } }).config?.mapping;
  if (!nexsetSchema || !mapping) return result;
  const errors = mappingSourceErrors(mapping, nexsetSchema);
  if (errors.length === 0) return result;
  const fieldErrors = {} as FieldErrors<WizardFormValues>;
  for (const error of errors) setPath(fieldErrors, error.path, { type: "nexset", message: error.message });
  return { values: {}, errors: fieldErrors };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let current = target;
  for (const key of keys.slice(0, -1)) current = (current[key] ??= {}) as Record<string, unknown>;
  current[keys[keys.length - 1]!] = value;
}
