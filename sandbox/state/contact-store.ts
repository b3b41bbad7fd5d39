import type { ContactRecord } from "./records";

export type NewContact = Omit<ContactRecord, "seq" | "tags" | "companyIds" | "archived" | "searchableFromMs">;

/**
 * Contacts of one app with the unique indexes Intercom enforces: external_id across every contact,
 * email among users only (leads may share an email with each other and with a user, so `byEmail`
 * indexes users and `leadsByEmail` the leads).
 */
export class ContactStore {
  private readonly byId = new Map<string, ContactRecord>();
  /** Kept in seq order: appends only, removals by binary search. */
  private readonly ordered: ContactRecord[] = [];
  private readonly byEmail = new Map<string, string>();
  private readonly byExternalId = new Map<string, string>();
  private readonly leadsByEmail = new Map<string, Set<string>>();
  private nextSeq = 1;
  private archived = 0;

  get(id: string): ContactRecord | undefined {
    return this.byId.get(id);
  }

  findByExternalId(externalId: string): ContactRecord | undefined {
    const id = this.byExternalId.get(externalId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The user with this email, else the first lead with it. */
  findByEmail(email: string): ContactRecord | undefined {
    const key = email.toLowerCase();
    const id = this.byEmail.get(key) ?? this.leadsByEmail.get(key)?.values().next().value;
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * The contact that already holds this external_id, or (for a user) this email among users, other
   * than `exceptId`. A lead's email never conflicts.
   */
  findConflict(
    role: ContactRecord["role"],
    email: string | null,
    externalId: string | null,
    exceptId?: string,
  ): ContactRecord | undefined {
    const byEmail = email && role === "user" ? this.byEmail.get(email.toLowerCase()) : undefined;
    const candidates = [
      externalId ? this.findByExternalId(externalId) : undefined,
      byEmail === undefined ? undefined : this.byId.get(byEmail),
    ];
    return candidates.find((c) => c !== undefined && c.id !== exceptId);
  }

  /** `searchableFromMs`: when Intercom's search index would first see it (search lags writes). */
  insert(fields: NewContact, searchableFromMs = 0): ContactRecord {
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
      searchableFromMs,
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
    const email = record.email?.toLowerCase();
    if (email && record.role === "user") this.byEmail.set(email, record.id);
    if (email && record.role === "lead") {
      const leads = this.leadsByEmail.get(email) ?? new Set<string>();
      this.leadsByEmail.set(email, leads.add(record.id));
    }
    if (record.externalId) this.byExternalId.set(record.externalId, record.id);
  }

  private unindex(record: ContactRecord): void {
    const email = record.email?.toLowerCase();
    if (email && this.byEmail.get(email) === record.id) this.byEmail.delete(email);
    const leads = email ? this.leadsByEmail.get(email) : undefined;
    if (email && leads?.delete(record.id) && leads.size === 0) this.leadsByEmail.delete(email);
    if (record.externalId && this.byExternalId.get(record.externalId) === record.id)
      this.byExternalId.delete(record.externalId);
  }
}
