// Measures the request builder (npx tsx bench/request-builder.ts): median ms per buildRequests call
// on 100 and 10,000 contact records. Goals (issue 4): 100 records < 5 ms for the Sample Payload
// panel's recomputation; the code algorithm ≤ 3× JSON grouping. The last line is JSON for tooling.
import { createNodeCodeRunner } from "@/lib/code-sandbox/engine-node";
import { findEndpoint } from "@/lib/connectors/intercom/definition";
import type { BuildContext } from "@/lib/destinations/build-types";
import { buildRequests } from "@/lib/destinations/request-builder";
import { type DestinationConfigInput, destinationConfigSchema } from "@/lib/destinations/schemas";

const PLANS = ["free", "pro", "enterprise"];
const CITIES = ["Dublin", "Paris", "Sydney", "Austin", "Berlin"];

function sampleContact(i: number): Record<string, unknown> {
  return {
    external_id: `crm-${100000 + i}`,
    email: `user${i}@example.com`,
    name: `User Number ${i}`,
    phone: `+35387${String(1000000 + i).slice(-7)}`,
    role: i % 10 === 0 ? "lead" : "user",
    signed_up_at: 1_700_000_000 + i * 37,
    last_seen_at: 1_710_000_000 + i * 11,
    owner_id: 4000 + (i % 7),
    unsubscribed_from_emails: i % 13 === 0,
    company_name: `Company ${i % 250}`,
    city: CITIES[i % CITIES.length],
    country: "IE",
    plan: PLANS[i % PLANS.length],
    monthly_spend: Math.round(((i * 7.31) % 500) * 100) / 100,
    internal_notes: "imported from the CRM export of March",
  };
}

const SCENARIOS: Record<string, DestinationConfigInput> = {
  "no batching": { method: "POST", urlTemplate: "/contacts" },
  "batching json_array": { method: "POST", urlTemplate: "/contacts/bulk", batching: { enabled: true, size: 100, algorithm: "json_array" } },
  "batching json_object_property": {
    method: "POST",
    urlTemplate: "/contacts/bulk",
    batching: { enabled: true, size: 100, algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: '{"source":"flowgate"}' },
  },
  "batching code (wrap records)": {
    method: "POST",
    urlTemplate: "/contacts/bulk",
    batching: { enabled: true, size: 100, algorithm: "code", code: '(records) => ({ source: "flowgate", contacts: records })' },
  },
  "batching code (map records)": {
    method: "POST",
    urlTemplate: "/contacts/bulk",
    batching: { enabled: true, size: 100, algorithm: "code", code: "(records) => ({ contacts: records.map((r) => ({ email: r.email, name: r.name, custom_attributes: { plan: r.plan } })) })" },
  },
  "all options (json_object_property)": allOptions({ enabled: true, size: 100, algorithm: "json_object_property", propertyName: "contacts", otherPropsJson: '{"source":"flowgate"}' }),
  "all options (code)": allOptions({ enabled: true, size: 100, algorithm: "code", code: '(records, context) => ({ source: "flowgate", batch: context.batchIndex, contacts: records })' }),
};

function allOptions(batching: DestinationConfigInput["batching"]): DestinationConfigInput {
  return {
    method: "POST",
    urlTemplate: "/contacts/bulk?plan={plan}",
    headersText: "X-Flowgate-Run:bench,X-Trace-Url:https://example.com/a:b",
    intercomVersion: "Preview",
    excludedAttributes: ["internal_notes", "owner_id"],
    batching,
  };
}

const ctx: BuildContext = { baseUrl: "https://api.intercom.io", token: "dG9rOmJlbmNobWFyay10b2tlbi0xMjM0", maskToken: true, runCode: createNodeCodeRunner(), findEndpoint };

// Scenarios run round-robin (one build of each per round), so a busy machine slows all of them
// alike and the ratios stay fair; each figure is the median over the rounds.
async function measure(count: number, rounds: number): Promise<Record<string, number>> {
  const records = Array.from({ length: count }, (_, i) => sampleContact(i));
  const configs = Object.entries(SCENARIOS).map(([name, input]) => [name, destinationConfigSchema.parse(input)] as const);
  const times = new Map<string, number[]>(configs.map(([name]) => [name, []]));
  for (let round = -2; round < rounds; round++) {
    for (const [name, config] of configs) {
      const start = performance.now();
      const result = await buildRequests(records, config, ctx);
      const elapsed = performance.now() - start;
      if (result.configErrors.length > 0 || result.recordErrors.length > 0) throw new Error(`${name}: ${JSON.stringify(result).slice(0, 300)}`);
      if (round >= 0) times.get(name)!.push(elapsed); // the first two rounds warm up
    }
  }
  return Object.fromEntries([...times].map(([name, list]) => [name, median(list)]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 1000) / 1000;
}

const figures: Record<string, Record<string, number>> = {};
for (const [count, rounds] of [[100, 201], [10_000, 21]] as const) {
  for (const [name, ms] of Object.entries(await measure(count, rounds))) (figures[name] ??= {})[String(count)] = ms;
}

const ratio = (count: string, name: string) => Math.round((figures[name]![count]! / figures["batching json_object_property"]![count]!) * 100) / 100;
console.log(`${"scenario".padEnd(40)}${"100 rec (ms)".padStart(14)}${"10k rec (ms)".padStart(14)}`);
for (const [name, byCount] of Object.entries(figures)) console.log(`${name.padEnd(40)}${String(byCount["100"]).padStart(14)}${String(byCount["10000"]).padStart(14)}`);
const summary = {
  medianMs: figures,
  codeVsJsonObjectProperty: { "100": ratio("100", "batching code (wrap records)"), "10000": ratio("10000", "batching code (wrap records)") },
  codeMapVsJsonObjectProperty: { "100": ratio("100", "batching code (map records)"), "10000": ratio("10000", "batching code (map records)") },
  goals: { panel100Under5ms: Object.values(figures).every((byCount) => byCount["100"]! < 5), codeWithin3x: ratio("100", "batching code (wrap records)") <= 3 && ratio("10000", "batching code (wrap records)") <= 3 },
};
console.log(`code (wrap) vs json_object_property: ${summary.codeVsJsonObjectProperty["100"]}× at 100, ${summary.codeVsJsonObjectProperty["10000"]}× at 10k`);
console.log(JSON.stringify(summary));
