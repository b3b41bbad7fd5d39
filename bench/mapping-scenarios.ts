import type { DestinationConfigInput } from "@/lib/destinations/schemas";

// The field-mapping benchmark's inputs: a flat CRM export as the CSV upload gives it (dates and
// yes/no as text, numbers as numbers, some cells empty) and a 20-row mapping with conversions.

const PLANS = ["free", "pro", "enterprise"];

export function flatCrmRecord(i: number): Record<string, unknown> {
  return {
    "Email Address": `user${i}@example.com`,
    "Full Name": `User Number ${i}`,
    "Customer ID": `crm-${100000 + i}`,
    Phone: `+35387${String(1000000 + i).slice(-7)}`,
    "Signup Date": `2024-0${1 + (i % 9)}-1${i % 10}T09:30:00+01:00`,
    "Last Seen": `2024-1${i % 3}-0${1 + (i % 9)}`,
    Plan: PLANS[i % PLANS.length],
    Seats: i % 17 === 0 ? null : 1 + (i % 40),
    "Monthly Spend": `${(i * 7.31) % 500}`,
    Newsletter: i % 3 === 0 ? "yes" : "no",
    City: "Dublin",
    Country: "IE",
    Industry: "Software",
    "Company Size": `${10 + (i % 90)}`,
    "Trial Ends": `2025-0${1 + (i % 9)}-01`,
    Score: `${i % 100}`,
    Verified: i % 2 === 0 ? "true" : "false",
    Segment: "mid-market",
    Source: "import",
    Region: "EMEA",
  };
}

const attr = (target: string, path: string, type: string) => ({
  target,
  source: { kind: "attribute" as const, path },
  type: type as "string",
});

export const FLAT_UNMAPPED: DestinationConfigInput = { method: "POST", urlTemplate: "/contacts" };

export const FLAT_MAPPED: DestinationConfigInput = {
  method: "POST",
  urlTemplate: "/contacts",
  mapping: {
    enabled: true,
    rows: [
      attr("email", "Email Address", "string"),
      { target: "name", source: { kind: "template", template: "{Full Name} ({Plan})" }, type: "string" },
      attr("external_id", "Customer ID", "string"),
      attr("phone", "Phone", "string"),
      attr("signed_up_at", "Signup Date", "timestamp"),
      attr("last_seen_at", "Last Seen", "timestamp"),
      attr("custom_attributes.plan", "Plan", "string"),
      attr("custom_attributes.seats", "Seats", "integer"),
      attr("custom_attributes.monthly_spend", "Monthly Spend", "float"),
      attr("unsubscribed_from_emails", "Newsletter", "boolean"),
      attr("custom_attributes.city", "City", "string"),
      attr("custom_attributes.country", "Country", "string"),
      attr("custom_attributes.industry", "Industry", "string"),
      attr("custom_attributes.company_size", "Company Size", "integer"),
      attr("custom_attributes.trial_ends", "Trial Ends", "timestamp"),
      attr("custom_attributes.score", "Score", "integer"),
      attr("custom_attributes.verified", "Verified", "boolean"),
      attr("custom_attributes.segment", "Segment", "string"),
      { target: "role", source: { kind: "constant", value: "user" }, type: "string" },
      attr("custom_attributes.region", "Region", "string"),
    ],
  },
};
