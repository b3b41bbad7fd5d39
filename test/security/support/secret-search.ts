import { Redis } from "ioredis";
import pino from "pino";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";

// Where a planted secret could end up, searched exhaustively: every Redis key under a prefix (any
// type), every text-like column of every table, and everything this process logs.

export interface Hit {
  where: string;
  excerpt: string;
}

function excerpt(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return text.slice(Math.max(0, at - 80), at + needle.length + 80);
}

export function findIn(where: string, text: string, needles: readonly string[]): Hit[] {
  return needles.filter((needle) => text.includes(needle)).map((needle) => ({ where, excerpt: excerpt(text, needle) }));
}

/** Every key matching `${prefix}*`, read according to its type. */
export async function searchRedis(
  url: string,
  prefix: string,
  needles: readonly string[],
): Promise<{ keys: number; hits: Hit[] }> {
  const redis = new Redis(url);
  const hits: Hit[] = [];
  let keys = 0;
  try {
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      for (const key of batch) {
        keys++;
        hits.push(...findIn(`redis ${key}`, `${key}\n${await readKey(redis, key)}`, needles));
      }
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return { keys, hits };
}

async function readKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case "string":
      return (await redis.get(key)) ?? "";
    case "hash":
      return JSON.stringify(await redis.hgetall(key));
    case "list":
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case "set":
      return JSON.stringify(await redis.smembers(key));
    case "zset":
      return JSON.stringify(await redis.call("ZRANGE", key, "0", "-1", "WITHSCORES"));
    case "stream":
      return JSON.stringify(await redis.xrange(key, "-", "+"));
    case "none":
      return "";
    default:
      throw new Error(`Redis key ${key} has type ${type}, which this search cannot read`);
  }
}

/** Every text, varchar, json, jsonb and text[] column of every table, with LIKE on its text form. */
export async function searchDatabase(db: Db, needles: readonly string[]): Promise<{ columns: string[]; hits: Hit[] }> {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar'))
    ORDER BY c.table_name, c.column_name`;
  const hits: Hit[] = [];
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const rows = await db.$queryRawUnsafe<{ v: string }[]>(
        `SELECT ${quote(column_name)}::text AS v FROM ${quote(table_name)} WHERE strpos(${quote(column_name)}::text, $1) > 0 LIMIT 3`,
        needle,
      );
      for (const row of rows) hits.push({ where: `${table_name}.${column_name}`, excerpt: excerpt(row.v, needle) });
    }
  }
  return { columns: columns.map((c) => `${c.table_name}.${c.column_name}`), hits };
}

/**
 * Tees everything this process logs (pino's own destination writes straight to the file
 * descriptor, so process.stdout is not enough) and everything written to stdout/stderr.
 */
export function captureProcessOutput(): { text(): string; stop(): void } {
  let captured = "";
  const logger = log as unknown as Record<symbol, { write(chunk: string): unknown }>;
  const original = logger[pino.symbols.streamSym]!;
  logger[pino.symbols.streamSym] = { write: (chunk: string) => ((captured += chunk), original.write(chunk)) };
  const previousLevel = log.level;
  log.level = "trace";
  const tee = (stream: NodeJS.WriteStream) => {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = write as typeof stream.write;
    };
  };
  const untee = [tee(process.stdout), tee(process.stderr)];
  return {
    text: () => captured,
    stop() {
      logger[pino.symbols.streamSym] = original;
      log.level = previousLevel;
      for (const undo of untee) undo();
    },
  };
}
