import { findSyncOperation } from "@/lib/connectors/intercom/sync/sync-operations";
import type { ContentFormatDefinition } from "@/lib/connectors/types";
import type { ConfigError } from "./build-types";
import { type HeaderPair, parseHeadersText } from "./headers-text";
import { type BodyMapper, createBodyMapper } from "./mapping/map-destination-records";
import { parseOtherPropsJson } from "./other-props";
import type { DestinationConfig } from "./schemas";
import { type UrlTemplate, parseUrlTemplate } from "./url-template";

export interface PreparedBuild {
  template: UrlTemplate;
  userHeaders: HeaderPair[];
  otherProps: Record<string, unknown>;
  format: ContentFormatDefinition;
  /** Record → body (exclusions, then the mapping); undefined for methods that send no body. */
  bodyMapper: BodyMapper | undefined;
}

const BODILESS_METHODS = new Set(["GET", "DELETE"]);

export function sendsBody(method: string): boolean {
  return !BODILESS_METHODS.has(method);
}

/**
 * Parses the text fields once per build. The panel builds from unsaved form values, so anything
 * that would make a wrong request is reported as a config error and nothing is built.
 */
export function prepareBuild(
  config: DestinationConfig,
  formats: readonly ContentFormatDefinition[],
): PreparedBuild | ConfigError[] {
  const errors: ConfigError[] = [];
  const template = parseUrlTemplate(config.urlTemplate);
  if (!template.ok) errors.push({ path: ["config", "urlTemplate"], message: template.message });
  const headers = parseHeadersText(config.headersText);
  if (!headers.ok)
    errors.push({ path: ["config", "headersText"], message: headers.errors.map((error) => error.message).join("; ") });
  const format = formats.find((candidate) => candidate.id === config.format);
  if (!format) errors.push({ path: ["config", "format"], message: `Unknown content format "${config.format}"` });

  let otherProps: Record<string, unknown> = {};
  const { batching } = config;
  const sync = findSyncOperation(config.endpointId);
  if (sync && batching.enabled)
    errors.push({
      path: ["config", "batching", "enabled"],
      message: `“${sync.name}” runs each record's own sequence of calls: turn batching off`,
    });
  if (sync && config.method !== sync.method)
    errors.push({ path: ["config", "method"], message: `“${sync.name}” starts with ${sync.method} ${sync.path}` });
  if (batching.enabled) {
    if (!Number.isInteger(batching.size) || batching.size < 1)
      errors.push({ path: ["config", "batching", "size"], message: "Batch size must be a whole number of at least 1" });
    if (batching.algorithm === "json_object_property") {
      if (batching.propertyName.trim() === "")
        errors.push({
          path: ["config", "batching", "propertyName"],
          message: "Enter the property that holds the records",
        });
      const parsed = parseOtherPropsJson(batching.otherPropsJson);
      if (parsed.ok) otherProps = parsed.value;
      else errors.push({ path: ["config", "batching", "otherPropsJson"], message: parsed.message });
    }
    if (batching.algorithm === "code" && batching.code.trim() === "")
      errors.push({ path: ["config", "batching", "code"], message: "Write the grouping function" });
  }
  const bodyMapper = sendsBody(config.method) ? createBodyMapper(config) : undefined;
  if (Array.isArray(bodyMapper)) errors.push(...bodyMapper);
  if (errors.length > 0 || !template.ok || !headers.ok || !format || Array.isArray(bodyMapper)) return errors;
  return { template: template.template, userHeaders: headers.headers, otherProps, format, bodyMapper };
}
