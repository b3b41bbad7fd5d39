import { ContactStore } from "./contact-store";
import { DataAttributeStore } from "./data-attributes";
import { NumericIds } from "./ids";
import type { BulkJob, ExportJob } from "./jobs";
import type {
  CompanyRecord,
  ConversationRecord,
  EventRecord,
  MessageRecord,
  NoteRecord,
  TagRecord,
  TicketRecord,
} from "./records";
import { RingBuffer } from "./ring-buffer";

const MAX_EVENTS = 50_000;

/** Everything one Intercom app holds; replaced wholesale on reset. */
export class AppData {
  readonly ids = new NumericIds();
  readonly contacts = new ContactStore();
  readonly companies = new Map<string, CompanyRecord>();
  readonly companyIdsByRemoteId = new Map<string, string>();
  /** company id → ids of the contacts attached to it */
  private readonly companyMembers = new Map<string, Set<string>>();
  readonly tags = new Map<string, TagRecord>();
  /** company plan name → plan id */
  readonly plans = new Map<string, string>();
  readonly notesByContact = new Map<string, NoteRecord[]>();
  readonly events = new RingBuffer<EventRecord>(MAX_EVENTS);
  readonly eventKeys = new Set<string>();
  readonly conversations = new Map<string, ConversationRecord>();
  readonly messages: MessageRecord[] = [];
  readonly tickets = new Map<string, TicketRecord>();
  readonly exportJobs = new Map<string, ExportJob>();
  readonly bulkJobs = new Map<string, BulkJob>();
  readonly dataAttributes: DataAttributeStore;

  constructor(readonly createdAt: number) {
    this.dataAttributes = new DataAttributeStore(createdAt);
  }

  /** Intercom ignores a duplicate event (same contact, name and created_at); so do we. */
  rememberEvent(event: EventRecord): boolean {
    const key = `${event.contactId}\u0000${event.eventName}\u0000${event.createdAt}`;
    if (this.eventKeys.has(key)) return false;
    if (this.eventKeys.size >= MAX_EVENTS * 4) this.eventKeys.clear();
    this.eventKeys.add(key);
    this.events.push(event);
    return true;
  }

  attachCompany(contactId: string, companyId: string): void {
    const members = this.companyMembers.get(companyId) ?? new Set<string>();
    members.add(contactId);
    this.companyMembers.set(companyId, members);
    this.contacts.get(contactId)?.companyIds.add(companyId);
  }

  detachCompany(contactId: string, companyId: string): void {
    this.companyMembers.get(companyId)?.delete(contactId);
    this.contacts.get(contactId)?.companyIds.delete(companyId);
  }

  companyUserCount(companyId: string): number {
    return this.companyMembers.get(companyId)?.size ?? 0;
  }
}
