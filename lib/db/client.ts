import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}

// One client per process. Next.js dev reloads modules, so the instance lives on globalThis.
const holder = globalThis as unknown as { flowgateDb?: Db };

export function db(): Db {
  if (!holder.flowgateDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start Flowgate with `npm start`, or set DATABASE_URL.");
    holder.flowgateDb = createDb(url);
  }
  return holder.flowgateDb;
}
