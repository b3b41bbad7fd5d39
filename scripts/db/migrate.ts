import { upgradeDatabase } from "@/lib/db/upgrade-database";

// `npm run db:migrate`: applies pending migrations to DATABASE_URL, then re-encrypts stored secrets
// not yet bound to their row (needs the same FLOWGATE_ENCRYPTION_KEYS as the app).
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to migrate (npm start does this for you).");
  process.exit(1);
}
const { applied, reencrypted } = await upgradeDatabase(url);
console.log(
  applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
);
if (reencrypted) console.log(`Re-encrypted ${reencrypted} stored secret(s).`);
