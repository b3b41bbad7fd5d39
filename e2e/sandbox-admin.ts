import { createSandboxAdminClient } from "../sandbox/admin-client";

// The sandbox the e2e stack started, and its admin API with the admin token `npm test` gave it
// (SANDBOX_ADMIN_TOKEN): the one way the specs reach /__sandbox.

export const SANDBOX_URL = (process.env.INTERCOM_SANDBOX_URL ?? "http://127.0.0.1:4010").replace(/\/+$/, "");

export const sandboxAdmin = createSandboxAdminClient(SANDBOX_URL, process.env.SANDBOX_ADMIN_TOKEN);
