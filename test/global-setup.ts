import type { TestProject } from "vitest/node";
import { applyMigrations, readMigrations } from "@/lib/db/migrations";
import { createDatabase, databaseExists, ensurePostgres } from "@/scripts/services/postgres";
import { ensureRedis } from "@/scripts/services/redis";
import { createHash } from "node:crypto";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
    redisUrl: string;
  }
}

// Starts (or reuses) PostgreSQL and Redis once, and builds a migrated template database that
// each integration test file clones (CREATE DATABASE … TEMPLATE) so files never share state.
export default async function setup(project: TestProject) {
  const postgres = await ensurePostgres();
  const redis = await ensureRedis();
  const migrations = await readMigrations();
  // Names too: a renamed migration is recorded under its new name, so it needs a template of its own.
  const digest = createHash("sha256")
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join())
    .digest("hex")
    .slice(0, 12);
  const template = `flowgate_template_${digest}`;
  if (!(await databaseExists(postgres.serverUrl, template))) {
    await createDatabase(postgres.serverUrl, template);
    await applyMigrations(postgres.databaseUrl(template));
  }
  project.provide("pgServerUrl", postgres.serverUrl);
  project.provide("templateDatabase", template);
  project.provide("redisUrl", redis.url);
  return async () => {
    await redis.stop();
    await postgres.stop();
  };
}
