import { randomBytes } from "node:crypto";

/**
 * A row id made before the row is written, shaped like Prisma's cuid() ids (25 lowercase
 * characters starting with "c"), for rows whose other columns depend on their id (secrets bound to
 * their row: lib/crypto/secrets.ts).
 */
export function newRowId(): string {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(15, "0")
    .slice(-15);
  return `c${time}${random}`;
}
