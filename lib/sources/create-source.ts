import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SourceKind } from "./schemas";

type Tx = Prisma.TransactionClient;

export interface NewSource {
  /** Given when a column depends on it (a webhook secret bound to its row); else generated. */
  id?: string;
  organisationId: string;
  kind: SourceKind;
  name: string;
  flowId?: string;
  config?: Prisma.InputJsonValue;
  credentialId?: string;
  webhookTokenHash?: string;
  webhookSecretCipher?: string;
  scheduleMinutes?: number;
  nextRunAt?: Date;
  originDestinationId?: string;
}

export interface CreatedSource {
  sourceId: string;
  nexsetId: string;
}

/** Every source owns exactly one Nexset, created with it (named after it). */
export async function createSourceInTx(tx: Tx, input: NewSource): Promise<CreatedSource> {
  if (input.flowId) {
    const flow = await tx.flow.findFirst({
      where: { id: input.flowId, organisationId: input.organisationId },
      select: { id: true },
    });
    if (!flow) throw notFound("Flow");
  }
  const source = await tx.source.create({
    data: {
      id: input.id,
      organisationId: input.organisationId,
      kind: input.kind,
      name: input.name,
      flowId: input.flowId,
      config: input.config ?? {},
      credentialId: input.credentialId,
      webhookTokenHash: input.webhookTokenHash,
      webhookSecretCipher: input.webhookSecretCipher,
      scheduleMinutes: input.scheduleMinutes,
      nextRunAt: input.nextRunAt,
      originDestinationId: input.originDestinationId,
    },
    select: { id: true },
  });
  const nexset = await tx.nexset.create({
    data: { organisationId: input.organisationId, sourceId: source.id, name: input.name },
    select: { id: true },
  });
  return { sourceId: source.id, nexsetId: nexset.id };
}
