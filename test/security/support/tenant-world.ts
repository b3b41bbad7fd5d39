import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { sealCredentialToken } from "@/lib/credentials/seal-token";
import type { Db } from "@/lib/db/client";
import { defaultDestinationConfig, destinationConfigSchema } from "@/lib/destinations/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendRecords } from "@/lib/nexsets/append-records";
import { createWebhookSource } from "@/lib/sources/webhook/create-webhook-source";
import type { Sandbox } from "@/sandbox/server";

// One organisation with one of every object, written straight to the database, for the
// isolation, fuzzing and canary tests. Two of these (A and B) make the cross-tenant world.

export interface TenantIds {
  credentialId: string;
  flowId: string;
  sourceId: string;
  nexsetId: string;
  destinationId: string;
  callId: string;
  errorRecordId: string;
  sourceRunId: string;
}

export interface Tenant {
  name: string;
  organisationId: string;
  userId: string;
  email: string;
  password: string;
  apiKey: string;
  apiKeyId: string;
  sandboxToken: string;
  webhookToken: string;
  ids: TenantIds;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export async function seedTenant(
  db: Db,
  sandbox: Sandbox,
  label: string,
  opts: { sandboxToken?: string } = {},
): Promise<Tenant> {
  const tag = randomBytes(4).toString("hex");
  const email = `${label.toLowerCase()}-${tag}@tenant.test`;
  const password = `tenant password ${tag}`;
  const name = `Tenant ${label} ${tag}`;
  const { organisationId, userId } = await signUpWithOrganisation(
    { organisationName: name, name: `Owner ${label}`, email, password },
    db,
  );
  const { key, apiKey } = await createApiKey({ organisationId, userId }, { name: `${label} key` }, db);
  const app = sandbox.createApp({
    name: `${label} workspace`,
    ...(opts.sandboxToken ? { token: opts.sandboxToken } : {}),
  });

  const credential = await db.credential.create({
    data: {
      ...sealCredentialToken(organisationId, app.token),
      organisationId,
      name: `${label} sandbox`,
      region: "sandbox",
      workspaceName: `${label} workspace`,
      verifiedAt: new Date(),
    },
  });
  const flow = await db.flow.create({ data: { organisationId, name: `${label} flow` } });
  const webhook = await createWebhookSource(db, organisationId, { name: `${label} signups`, flowId: flow.id });
  await appendRecords(db, webhook.nexsetId, [
    { email: `ada-${tag}@example.com`, name: "Ada" },
    { email: `bob-${tag}@example.com`, name: "Bob" },
    { email: `cy-${tag}@example.com`, name: "Cy" },
  ]);
  const config = destinationConfigSchema.parse({
    ...defaultDestinationConfig,
    method: "POST",
    urlTemplate: "/contacts",
  });
  const destination = await db.destination.create({
    data: {
      organisationId,
      flowId: flow.id,
      nexsetId: webhook.nexsetId,
      credentialId: credential.id,
      name: `${label} destination`,
      config: json(config),
      configVersions: { create: { version: 1, config: json(config) } },
    },
  });
  const call = await db.deliveryCall.create({
    data: {
      organisationId,
      destinationId: destination.id,
      kind: "delivery",
      firstSeq: 1,
      lastSeq: 1,
      recordCount: 1,
      configVersion: 1,
      method: "POST",
      url: `${sandbox.url}/contacts`,
      requestHeaders: json({ authorization: "Bearer ••••" }),
      requestBody: "{}",
      responseStatus: 400,
      responseHeaders: json({}),
      responseBody: "{}",
      outcome: "permanent",
      errorMessage: "bad",
      latencyMs: 5,
    },
  });
  const errorRecord = await db.errorRecord.create({
    data: {
      organisationId,
      destinationId: destination.id,
      firstSeq: 1,
      lastSeq: 1,
      reason: "Intercom refused it",
      configVersion: 1,
      requestMethod: "POST",
      responseStatus: 400,
    },
  });
  const run = await db.sourceRun.create({
    data: { sourceId: webhook.sourceId, status: "succeeded", recordsAdded: 3, finishedAt: new Date() },
  });
  return {
    name,
    organisationId,
    userId,
    email,
    password,
    apiKey: key,
    apiKeyId: apiKey.id,
    sandboxToken: app.token,
    webhookToken: webhook.token,
    ids: {
      credentialId: credential.id,
      flowId: flow.id,
      sourceId: webhook.sourceId,
      nexsetId: webhook.nexsetId,
      destinationId: destination.id,
      callId: String(call.id),
      errorRecordId: String(errorRecord.id),
      sourceRunId: run.id,
    },
  };
}

/** Every table's full contents for one organisation's objects, to prove nothing of B changed. */
export async function snapshotTenant(db: Db, t: Tenant): Promise<string> {
  const o = t.organisationId;
  const rows = await Promise.all([
    db.organisation.findMany({ where: { id: o } }),
    db.user.findMany({ where: { organisationId: o } }),
    db.apiKey.findMany({ where: { organisationId: o }, omit: { lastUsedAt: true } }),
    db.credential.findMany({ where: { organisationId: o } }),
    db.flow.findMany({ where: { organisationId: o } }),
    db.source.findMany({ where: { organisationId: o }, include: { runs: true } }),
    db.nexset.findMany({ where: { organisationId: o }, include: { records: true } }),
    db.destination.findMany({ where: { organisationId: o }, include: { configVersions: true, claims: true } }),
    db.deliveryCall.findMany({ where: { organisationId: o } }),
    db.errorRecord.findMany({ where: { organisationId: o } }),
  ]);
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}
