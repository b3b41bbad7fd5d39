import { readFile } from "node:fs/promises";
import { OpenAPIBackend, type Document } from "openapi-backend";
import { parse } from "yaml";
import { type DescribedVersion, descriptionDir, descriptionFile } from "./description-files";
import { type RepairReport, repairDescription } from "./repair-description";

export interface LoadedDescription {
  version: DescribedVersion;
  file: string;
  /** The parsed description, after repairDescription() (see there for what is repaired). */
  document: Document;
  repairs: RepairReport;
  /** openapi-backend instance; its validator compiles one schema per operation, lazily. */
  api: OpenAPIBackend;
}

const cache = new Map<string, Promise<LoadedDescription>>();

/**
 * Parses one description (1–1.5 MB of YAML, ~0.5 s) once per process and file.
 * Throws when the descriptions directory is absent; check descriptionDir() first to skip.
 */
export function loadDescription(version: DescribedVersion, dir = descriptionDir()): Promise<LoadedDescription> {
  const file = descriptionFile(version, dir);
  if (file === undefined) {
    return Promise.reject(
      new Error(
        "Intercom's OpenAPI descriptions were not found; set INTERCOM_OPENAPI_DIR or place them in ../shared/intercom-openapi",
      ),
    );
  }
  let loading = cache.get(file);
  if (!loading) {
    loading = readAndInit(version, file);
    cache.set(file, loading);
    loading.catch(() => cache.delete(file));
  }
  return loading;
}

async function readAndInit(version: DescribedVersion, file: string): Promise<LoadedDescription> {
  const document = parse(await readFile(file, "utf8")) as Document;
  const repairs = repairDescription(document as unknown as Record<string, unknown>);
  // quick: skip validating the description itself; logger off: Intercom uses formats ajv does not
  // know (date-time on integers, relative "uri"s), which are ignored rather than warned about;
  // allErrors: report every violation, not only the first.
  const api = new OpenAPIBackend({
    definition: document,
    quick: true,
    validate: true,
    ajvOpts: { logger: false, allErrors: true },
  });
  await api.init();
  return { version, file, document, repairs, api };
}
