import type { ConfigError, DestinationRecord } from "../build-types";
import { withoutExcluded } from "../group-records";
import type { DestinationConfig } from "../schemas";
import { compileMapping, mapRecord, type MappedRecord } from "./apply-mapping";

type MappingConfig = Pick<DestinationConfig, "mapping" | "excludedAttributes">;

/** Record → body for one destination config; built once per build (or per batch of calls). */
export type BodyMapper = (record: DestinationRecord) => MappedRecord;

/**
 * The one place that turns a record into what is sent as its body: excluded attributes are dropped
 * from the record first, then the mapping (when on) builds the body from what is left. Without a
 * mapping the body is the record minus exclusions, as before mappings existed.
 */
export function createBodyMapper(config: MappingConfig): BodyMapper | ConfigError[] {
  const excluded = new Set(config.excludedAttributes);
  const mapping = config.mapping;
  if (!mapping?.enabled) return (record) => ({ ok: true, body: withoutExcluded(record, excluded) });
  const compiled = compileMapping(mapping);
  if (Array.isArray(compiled)) return compiled;
  return (record) => mapRecord(compiled, withoutExcluded(record, excluded));
}

export interface MappedDestinationRecords {
  /** One per input record: the body, or undefined when that record failed. */
  bodies: (DestinationRecord | undefined)[];
  failures: { index: number; attribute?: string; target: string; message: string }[];
}

/** Records + destination config → mapped bodies and per-record failures (for callers outside the builder). */
export function mapDestinationRecords(
  records: readonly DestinationRecord[],
  config: MappingConfig,
): MappedDestinationRecords | ConfigError[] {
  const mapper = createBodyMapper(config);
  if (Array.isArray(mapper)) return mapper;
  const result: MappedDestinationRecords = { bodies: [], failures: [] };
  records.forEach((record, index) => {
    const mapped = mapper(record);
    result.bodies.push(mapped.ok ? mapped.body : undefined);
    if (!mapped.ok)
      result.failures.push({ index, attribute: mapped.attribute, target: mapped.target, message: mapped.message });
  });
  return result;
}
