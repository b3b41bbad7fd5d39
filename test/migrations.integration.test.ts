import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrations";
import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { freshDatabase, type TestDatabase } from "./fresh-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

describe("migrations", () => {
  it("are recorded in Prisma's history table with sha256 checksums", async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    const files = await readMigrations();
    expect(rows).toEqual(files.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
  });

  it("apply nothing the second time", async () => {
    expect(await applyMigrations(t.url)).toEqual([]);
  });

  it("produce every table and column the Prisma client expects", async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    await client.end();
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === "YES"]));
    const models = schemaModels();
    expect(models.length).toBeGreaterThan(10);
    const expected = new Set<string>();
    for (const model of models) {
      for (const field of model.fields.filter((f) => f.kind !== "object")) {
        const key = `${model.dbName ?? model.name}.${field.dbName ?? field.name}`;
        expected.add(key);
        expect(columns.has(key), `${key} exists`).toBe(true);
        expect(columns.get(key), `${key} nullability`).toBe(!field.isRequired || field.isList); // Prisma keeps scalar lists in nullable array columns
      }
    }
    const extra = [...columns.keys()].filter((k) => !expected.has(k) && !k.startsWith("_prisma_migrations."));
    expect(extra, "columns no model declares").toEqual([]);
  });

  it("give the client a working database for every model", async () => {
    const org = await t.db.organisation.create({ data: { name: "Acme" } });
    const source = await t.db.source.create({ data: { organisationId: org.id, kind: "file", name: "contacts.csv" } });
    const nexset = await t.db.nexset.create({
      data: { organisationId: org.id, sourceId: source.id, name: "contacts" },
    });
    await t.db.nexsetRecord.create({ data: { nexsetId: nexset.id, seq: 1, data: { email: "a@example.com" } } });
    await expect(t.db.nexsetRecord.create({ data: { nexsetId: nexset.id, seq: 1, data: {} } })).rejects.toThrow(
      /Unique constraint/,
    );
  });
});

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  isRequired: boolean;
  isList: boolean;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

// The schema as Prisma's own parser reads it, independent of the migration SQL under test.
function schemaModels(): DmmfModel[] {
  const source = readFileSync(new URL("../prisma/schema.prisma", import.meta.url), "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", source]] }))) as {
    datamodel: { models: DmmfModel[] };
  };
  return dmmf.datamodel.models;
}
