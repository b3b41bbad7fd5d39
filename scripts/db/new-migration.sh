#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema at
# git HEAD to the schema in the working tree.
# Prisma 7's migrate commands need a native engine that cannot be downloaded offline, so this
# runs Prisma 6.19's WebAssembly engine (`engine: "js"`) in a scratch folder; it only diffs.
set -euo pipefail
name=${1:?usage: scripts/db/new-migration.sh <name>}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

to_prisma6() { # Prisma 6 wants a url in the datasource and the classic generator
  sed -e 's/provider     = "prisma-client"/provider = "prisma-client-js"/' -e '/moduleFormat/d' -e '/output /d' \
      -e 's|  provider = "postgresql"|  provider = "postgresql"\n  url = "postgresql://unused"|'
}
to_prisma6 < "$root/prisma/schema.prisma" > "$work/to.prisma"
if git -C "$root" cat-file -e HEAD:prisma/schema.prisma 2>/dev/null; then
  git -C "$root" show HEAD:prisma/schema.prisma | to_prisma6 > "$work/from.prisma"
  from=(--from-schema-datamodel "$work/from.prisma")
else
  from=(--from-empty)
fi
cat > "$work/package.json" <<'JSON'
{ "name": "migration-diff", "private": true, "type": "module" }
JSON
cat > "$work/prisma.config.ts" <<'TS'
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  async adapter() { return new PrismaPg({ connectionString: "postgresql://unused" }); },
});
TS
(cd "$work" && npm install --silent prisma@6.19 @prisma/adapter-pg@6.19 pg >/dev/null)
dir="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
(cd "$work" && PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_SCHEMA_ENGINE_BINARY=/bin/true \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel to.prisma --script) > "$dir/migration.sql"
echo "wrote ${dir#$root/}/migration.sql"
