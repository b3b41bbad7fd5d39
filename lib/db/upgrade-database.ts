import { rotateSecrets } from "@/lib/crypto/rotate-secrets";
import { createDb } from "./client";
import { applyMigrations } from "./migrations";

/**
 * Applies pending migrations, then the steps SQL cannot do: re-encrypting stored secrets that are
 * not yet bound to their row or not under the current key (lib/crypto/rotate-secrets.ts).
 * Idempotent; `npm start` and `npm run db:migrate` run it.
 */
export async function upgradeDatabase(databaseUrl: string): Promise<{ applied: string[]; reencrypted: number }> {
  const applied = await applyMigrations(databaseUrl);
  const db = createDb(databaseUrl, 2);
  try {
    const report = await rotateSecrets(db);
    const reencrypted = [report.credentials, report.webhookSecrets, report.oauthClientSecrets].reduce(
      (sum, counts) => sum + counts.rotated,
      0,
    );
    return { applied, reencrypted };
  } finally {
    await db.$disconnect();
  }
}
