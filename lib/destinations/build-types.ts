import type { ContentFormatDefinition, EndpointDefinition } from "@/lib/connectors/types";
import type { CodeRunner } from "@/lib/code-sandbox/types";

export type DestinationRecord = Record<string, unknown>;

export interface BuiltRequest {
  method: string;
  /** Absolute URL, placeholders resolved and encoded. */
  url: string;
  /** In the order they are sent; Authorization is masked when the build asked for it. */
  headers: Record<string, string>;
  /** Exactly the bytes the worker sends (undefined for GET and DELETE). */
  body: string | undefined;
  /** Positions in the `records` argument of the records this request carries. */
  recordIndexes: number[];
  /** `firstSeq + index` for each carried record, when the caller gave firstSeq. */
  seqs?: number[];
  warnings: string[];
}

export interface RecordError {
  index: number;
  seq?: number;
  /** The attribute at fault (an unresolvable URL placeholder). */
  attribute?: string;
  message: string;
  /** Line in the grouping code, when the code failed. */
  line?: number;
}

/** A setting that prevents building anything (the panel shows these while the form is unsaved). */
export interface ConfigError {
  path: string[];
  message: string;
}

export interface BuildResult {
  requests: BuiltRequest[];
  recordErrors: RecordError[];
  configErrors: ConfigError[];
}

/** The catalogue's lookup (lib/connectors/intercom findEndpoint): method + path or URL template. */
export type CatalogueLookup = (method: string, pathOrUrl: string, version?: string) => EndpointDefinition | undefined;

export interface BuildContext {
  /** The credential's region base URL; paths in the template are joined to it. */
  baseUrl: string;
  /** The access token. Omit in the browser: the panel only ever shows it masked. */
  token?: string;
  maskToken: boolean;
  /** Last characters of the token the UI may show, when the token itself is not available. */
  tokenHint?: string;
  runCode: CodeRunner;
  /** The organisation whose code this is: builds in the sandbox threads are shared fairly between owners. */
  owner?: string;
  firstSeq?: number;
  /** When given, each request gets the catalogue warnings (see build-warnings.ts). */
  findEndpoint?: CatalogueLookup;
  /** The connector's formats; defaults to JSON. */
  contentFormats?: readonly ContentFormatDefinition[];
}
