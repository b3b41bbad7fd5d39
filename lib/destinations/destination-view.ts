import { z } from "zod";
import { type PersonalToRow, personalToFor, personalToSelect, type ViewerArg } from "@/lib/credentials/visibility";
import { type DestinationConfig, defaultDestinationConfig, destinationConfigSchema } from "./schemas";

// What the API answers about a destination (GET, POST, PUT /api/v1/destinations…): its settings as
// the wizard edits them, never the credential's token.

export const destinationViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    connector: z.string(),
    nexsetId: z.string(),
    flowId: z.string().nullable(),
    credentialId: z.string(),
    /**
     * Set when the connection is another user's personal one: their name. Its details stay hidden and
     * it can't be picked; the worker still delivers with it.
     */
    credentialPersonalTo: z.string().nullable(),
    status: z.string(),
    statusMessage: z.string().nullable(),
    config: destinationConfigSchema,
    configVersion: z.number().int(),
    /** Set when the stored settings no longer parse (an older version); the config shown is the defaults. */
    configProblem: z.string().nullable(),
    /** The webhook source that receives this destination's API responses, once it exists. */
    responseSource: z.object({ sourceId: z.string(), nexsetId: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Destination" });
export type DestinationView = z.output<typeof destinationViewSchema>;

export const destinationListSchema = z.object({ destinations: z.array(destinationViewSchema) });

export const destinationViewSelect = {
  id: true,
  name: true,
  connector: true,
  nexsetId: true,
  flowId: true,
  credentialId: true,
  status: true,
  statusMessage: true,
  config: true,
  configVersion: true,
  createdAt: true,
  updatedAt: true,
  responseSource: { select: { id: true, nexset: { select: { id: true } } } },
  credential: { select: personalToSelect },
} as const;

export interface DestinationViewRow {
  id: string;
  name: string;
  connector: string;
  nexsetId: string;
  flowId: string | null;
  credentialId: string;
  status: string;
  statusMessage: string | null;
  config: unknown;
  configVersion: number;
  createdAt: Date;
  updatedAt: Date;
  responseSource: { id: string; nexset: { id: string } | null } | null;
  credential: PersonalToRow;
}

export function toDestinationView(row: DestinationViewRow, viewer: ViewerArg): DestinationView {
  const parsed = destinationConfigSchema.safeParse(row.config);
  const config: DestinationConfig = parsed.success ? parsed.data : defaultDestinationConfig;
  const configProblem = parsed.success
    ? null
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  return {
    id: row.id,
    name: row.name,
    connector: row.connector,
    nexsetId: row.nexsetId,
    flowId: row.flowId,
    credentialId: row.credentialId,
    credentialPersonalTo: personalToFor(viewer, row.credential),
    status: row.status,
    statusMessage: row.statusMessage,
    config,
    configVersion: row.configVersion,
    configProblem,
    responseSource: row.responseSource
      ? { sourceId: row.responseSource.id, nexsetId: row.responseSource.nexset?.id ?? null }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
