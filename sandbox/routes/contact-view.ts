import type { ContactRecord } from "../state/records";
import type { SandboxApp } from "../state/sandbox-app";

// The contact object in the shape of the descriptions' `contact` schema (and its recorded examples).

const EMBEDDED_LIMIT = 10;

function embeddedList(url: string, refs: Array<{ type: string; id: string; url: string }>): Record<string, unknown> {
  return {
    type: "list",
    data: refs.slice(0, EMBEDDED_LIMIT),
    url,
    total_count: refs.length,
    has_more: refs.length > EMBEDDED_LIMIT,
  };
}

export function presentContact(app: SandboxApp, contact: ContactRecord): Record<string, unknown> {
  const base = `/contacts/${contact.id}`;
  const notes = app.data.notesByContact.get(contact.id) ?? [];
  return {
    type: "contact",
    id: contact.id,
    workspace_id: app.id,
    external_id: contact.externalId,
    role: contact.role,
    email: contact.email ?? "",
    phone: contact.phone,
    name: contact.name,
    avatar: contact.avatar ? { type: "avatar", image_url: contact.avatar } : null,
    owner_id: contact.ownerId,
    social_profiles: { type: "list", data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: contact.unsubscribedFromEmails,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    signed_up_at: contact.signedUpAt,
    last_seen_at: contact.lastSeenAt,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: contact.languageOverride,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { type: "location", country: null, region: null, city: null, country_code: null, continent_code: null },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: contact.customAttributes,
    tags: embeddedList(
      `${base}/tags`,
      [...contact.tags.keys()].map((id) => ({ type: "tag", id, url: `/tags/${id}` })),
    ),
    notes: embeddedList(
      `${base}/notes`,
      notes.map((n) => ({ type: "note", id: n.id, url: `/notes/${n.id}` })),
    ),
    companies: embeddedList(
      `${base}/companies`,
      [...contact.companyIds].map((id) => ({ type: "company", id, url: `/companies/${id}` })),
    ),
    opted_out_subscription_types: embeddedList(`${base}/subscriptions`, []),
    opted_in_subscription_types: embeddedList(`${base}/subscriptions`, []),
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
  };
}

export function contactReference(contact: ContactRecord): { type: "contact"; id: string; external_id: string | null } {
  return { type: "contact", id: contact.id, external_id: contact.externalId };
}
