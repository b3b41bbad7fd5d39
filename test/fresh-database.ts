import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createDatabase } from "@/scripts/services/postgres";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A new database cloned from the migrated template: call in beforeAll, drop in afterAll. */
export async function freshDatabase(): Promise<TestDatabase> {
  const server = inject("pgServerUrl");
  const name = `flowgate_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await createDatabase(server, name, inject("templateDatabase"));
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  const db = createDb(url, 5);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A Redis key prefix no other test file uses, so queues and rate-limit keys never collide. */
export function freshRedisPrefix(): string {
  return `fgtest:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export function redisUrl(): string {
  return inject("redisUrl");
}
