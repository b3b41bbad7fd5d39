import { db } from "@/lib/db/client";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { sandboxBaseUrl } from "@/lib/connectors/intercom/regions";
import { createCredential } from "@/lib/credentials/create-credential";
import { emptyFlowDefinition } from "@/lib/flows/schemas";
import { freezeFlowLayout } from "@/lib/flows/update-flow";
import { appendRecords } from "@/lib/nexsets/append-records";
import { localSecret } from "../services/local-secrets";
import { demoContacts } from "./demo-contacts";
import { DEMO_CRM_FILE_NAME, demoCrmRecords } from "./demo-crm-export";

export const DEMO_EMAIL = "demo@flowgate.local";

export interface SeedResult {
  created: boolean;
  email: string;
  password: string;
}

/**
 * First run only: a demo organisation and user, a credential for the local Intercom sandbox,
 * and a flow with two file sources: forty contacts shaped like Intercom's body, and a flat CRM
 * export that needs the field mapping, so there is something to send at once.
 */
export async function seedDemo(): Promise<SeedResult> {
  const password = localSecret("demo-password", 12).value;
  const existing = await db().user.findUnique({ where: { email: DEMO_EMAIL } });
  if (existing) return { created: false, email: DEMO_EMAIL, password };

  const { organisationId } = await signUpWithOrganisation({
    organisationName: "Demo Company",
    name: "Demo User",
    email: DEMO_EMAIL,
    password,
  });
  // With the sandbox region turned off (INTERCOM_SANDBOX_URL=off) the demo has no credential to offer.
  if (sandboxBaseUrl()) {
    await createCredential(db(), organisationId, {
      name: "Intercom sandbox",
      region: "sandbox",
      authKind: "access_token",
      token: localSecret("sandbox-demo-token").value,
    });
  }
  const flow = await db().flow.create({
    data: { organisationId, name: "Demo: contacts to Intercom", definition: emptyFlowDefinition() },
  });
  const source = await db().source.create({
    data: {
      organisationId,
      flowId: flow.id,
      kind: "file",
      name: "demo-contacts.json",
      config: { fileName: "demo-contacts.json", format: "json" },
    },
  });
  const nexset = await db().nexset.create({ data: { organisationId, sourceId: source.id, name: "Demo contacts" } });
  await appendRecords(db(), nexset.id, demoContacts());
  // Beside it, a flat CRM export: sending it to "Create a contact" shows the Map fields step at work.
  const crm = await db().source.create({
    data: {
      organisationId,
      flowId: flow.id,
      kind: "file",
      name: DEMO_CRM_FILE_NAME,
      config: { fileName: DEMO_CRM_FILE_NAME, format: "csv" },
    },
  });
  const crmNexset = await db().nexset.create({
    data: { organisationId, sourceId: crm.id, name: "CRM export (flat)" },
  });
  await appendRecords(db(), crmNexset.id, await demoCrmRecords());
  // The canvas opens with the source and its Nexset side by side, saved as the flow definition.
  await freezeFlowLayout(db(), organisationId, flow.id);
  return { created: true, email: DEMO_EMAIL, password };
}
