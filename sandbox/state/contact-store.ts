import type { ContactRecord } from "./records";

export type NewContact = Omit<ContactRecord, "seq" | "tags" | "companyIds" | "archived">;

/** Contacts of one app with the unique indexes Intercom enforces (email, external_id). */
export class ContactStore {
  private readonly byId = new Map<string, ContactRecord>();
  /** Kept in seq order: appends only, removals by binary search. */
  private readonly ordered: ContactRecord[] = [];
  private readonly byEmail = new Map<string, string>();
  private readonly byExternalId = new Map<string, string>();
  private nextSeq = 1;
  private archived = 0;

  get(id: string): ContactRecord | undefined {
    return this.byId.get(id);
  }

  findByExternalId(externalId: string): ContactRecord | undefined {
    const id = this.byExternalId.get(externalId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findByEmail(email: string): ContactRecord | undefined {
    const id = this.byEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The contact that already holds this email or external_id, other than `exceptId`. */
  findConflict(email: string | null, externalId: string | null, exceptId?: string): ContactRecord | undefined {
    const candidates = [
      externalId ? this.findByExternalId(externalId) : undefined,
      email ? this.findByEmail(email) : undefined,
    ];
    return candidates.find((c) => c !== undefined && c.id !== exceptId);
  }

  insert(fields: NewContact): ContactRecord {
    // Spelled out rather than spread: a literal gives every record one hidden class (fast reads).
    const record: ContactRecord = {
      id: fields.id,
      seq: this.nextSeq++,
      role: fields.role,
      email: fields.email,
      externalId: fields.externalId,
      phone: fields.phone,
      name: fields.name,
      avatar: fields.avatar,
      ownerId: fields.ownerId,
      signedUpAt: fields.signedUpAt,
      lastSeenAt: fields.lastSeenAt,
      unsubscribedFromEmails: fields.unsubscribedFromEmails,
      languageOverride: fields.languageOverride,
      customAttributes: fields.customAttributes,
      createdAt: fields.createdAt,
      updatedAt: fields.updatedAt,
      archived: false,
      tags: new Map(),
      companyIds: new Set(),
    };
    this.byId.set(record.id, record);
    this.ordered.push(record);
    this.index(record);
    return record;
  }

  update(record: ContactRecord, changes: Partial<NewContact>): void {
    this.unindex(record);
    Object.assign(record, changes);
    this.index(record);
  }

  remove(record: ContactRecord): void {
    this.unindex(record);
    this.byId.delete(record.id);
    const at = this.positionAfter(record.seq - 1);
    if (this.ordered[at] === record) this.ordered.splice(at, 1);
    if (record.archived) this.archived--;
  }

  setArchived(record: ContactRecord, archived: boolean): void {
    if (record.archived === archived) return;
    record.archived = archived;
    this.archived += archived ? 1 : -1;
  }

  get activeCount(): number {
    return this.byId.size - this.archived;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Up to `limit` unarchived contacts with seq greater than `afterSeq`, plus whether more follow. */
  pageAfter(afterSeq: number, limit: number): { items: ContactRecord[]; hasMore: boolean } {
    const items: ContactRecord[] = [];
    for (let i = this.positionAfter(afterSeq); i < this.ordered.length; i++) {
      const record = this.ordered[i]!;
      if (record.archived) continue;
      if (items.length === limit) return { items, hasMore: true };
      items.push(record);
    }
    return { items, hasMore: false };
  }

  all(): readonly ContactRecord[] {
    return this.ordered;
  }

  /** Index of the first record whose seq is greater than `seq`. */
  private positionAfter(seq: number): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ordered[mid]!.seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private index(record: ContactRecord): void {
    if (record.email) this.byEmail.set(record.email.toLowerCase(), record.id);
    if (record.externalId) this.byExternalId.set(record.externalId, record.id);
  }

  private unindex(record: ContactRecord): void {
    if (record.email && this.byEmail.get(record.email.toLowerCase()) === record.id)
      this.byEmail.delete(record.email.toLowerCase());
    if (record.externalId && this.byExternalId.get(record.externalId) === record.id)
      this.byExternalId.delete(record.externalId);
  }
}
