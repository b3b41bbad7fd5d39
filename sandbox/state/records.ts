// In-memory records of one Intercom app. Times are unix seconds, as Intercom reports them.

export type ContactRole = "user" | "lead";

export interface ContactRecord {
  id: string;
  /** Creation order; list cursors point at it, so deletions between pages never shift a page. */
  seq: number;
  role: ContactRole;
  email: string | null;
  externalId: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  ownerId: string | null;
  signedUpAt: number | null;
  lastSeenAt: number | null;
  unsubscribedFromEmails: boolean;
  languageOverride: string | null;
  customAttributes: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** Epoch ms from which POST /contacts/search finds it (Intercom's search index lags writes). */
  searchableFromMs: number;
  /** tag id → applied_at */
  tags: Map<string, number>;
  companyIds: Set<string>;
}

export interface CompanyRecord {
  id: string;
  companyId: string;
  name: string | null;
  plan: string | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  monthlySpend: number;
  remoteCreatedAt: number | null;
  lastRequestAt: number | null;
  customAttributes: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** A company as Intercom first stores it: its ids and times, every other field empty. */
export function newCompanyRecord(id: string, companyId: string, now: number): CompanyRecord {
  return {
    id,
    companyId,
    name: null,
    plan: null,
    size: null,
    website: null,
    industry: null,
    monthlySpend: 0,
    remoteCreatedAt: null,
    lastRequestAt: null,
    customAttributes: {},
    createdAt: now,
    updatedAt: now,
  };
}

export interface TagRecord {
  id: string;
  name: string;
}

export interface NoteRecord {
  id: string;
  contactId: string;
  body: string;
  authorId: string;
  createdAt: number;
}

export interface EventRecord {
  eventName: string;
  createdAt: number;
  contactId: string;
  metadata: Record<string, unknown>;
}

export interface ConversationPart {
  id: string;
  partType: string;
  body: string;
  author: { type: string; id: string };
  createdAt: number;
}

export interface ConversationRecord {
  id: string;
  contactId: string;
  sourceMessageId: string;
  subject: string;
  body: string;
  author: { type: string; id: string };
  deliveredAs: string;
  createdAt: number;
  updatedAt: number;
  parts: ConversationPart[];
}

/** What the content export reports: one receipt per outbound message. */
export interface MessageRecord {
  id: string;
  messageType: string;
  subject: string;
  body: string;
  contactId: string;
  conversationId: string | null;
  createdAt: number;
}

export interface TicketRecord {
  id: string;
  ticketId: string;
  ticketTypeId: string;
  contactIds: string[];
  attributes: Record<string, unknown>;
  createdAt: number;
}

export interface DataAttributeRecord {
  id: number;
  name: string;
  model: "contact" | "company";
  dataType: string;
  description: string;
  options: string[];
  custom: boolean;
  createdAt: number;
}
