import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldErrors, Resolver } from "react-hook-form";
import { destinationInputSchema } from "@/lib/destinations/schemas";
import { validateDestinationAgainstContext } from "@/lib/destinations/validate-against-context";
import type { WizardFormValues, WizardOutput } from "./form-values";

/**
 * The destination schema (the one the API parses), plus the server's host check: the endpoint URL
 * must be on the chosen credential's Intercom host. The same message the server would send shows at
 * the field before anything is saved or sent.
 */
export function createWizardResolver(
  baseUrlFor: (credentialId: string) => string | undefined,
): Resolver<WizardFormValues, unknown, WizardOutput> {
  const schemaResolver = zodResolver(destinationInputSchema);
  return async (values, context, options) => {
    const result = await schemaResolver(values, context, options);
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
