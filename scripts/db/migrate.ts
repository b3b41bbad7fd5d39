import { applyMigrations } from "@/lib/db/migrations";

// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to migrate (npm start does this for you).");
  process.exit(1);
}
const applied = await applyMigrations(url);
console.log(
  applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
);
