import { randomBytes } from "node:crypto";

// Contacts and companies get 24-hex ids like Intercom's (a Mongo-style object id); tags, notes,
// conversations and the like get numeric strings, as Intercom's do.

let objectIdCounter = randomBytes(3).readUIntBE(0, 3);
const processPart = randomBytes(5).toString("hex");

export function newObjectId(nowMs = Date.now()): string {
  objectIdCounter = (objectIdCounter + 1) % 0xffffff;
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0");
  return seconds + processPart + objectIdCounter.toString(16).padStart(6, "0");
}

export function newToken(): string {
  return `sbx_${randomBytes(24).toString("base64url")}`;
}

export function newJobIdentifier(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** Numeric id sequences, one per kind, per app. */
export class NumericIds {
  private readonly next = new Map<string, number>();

  take(kind: string, start = 1): string {
    const value = this.next.get(kind) ?? start;
    this.next.set(kind, value + 1);
    return String(value);
  }
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
