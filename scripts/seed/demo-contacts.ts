// Forty realistic contact records for the demo Nexset: the kind of export a team sends to Intercom.
const PEOPLE = [
  ["Ada", "Lovelace"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
  ["Katherine", "Johnson"],
  ["Linus", "Torvalds"],
  ["Margaret", "Hamilton"],
  ["Tim", "Berners-Lee"],
  ["Radia", "Perlman"],
  ["Dennis", "Ritchie"],
  ["Barbara", "Liskov"],
  ["Ken", "Thompson"],
  ["Frances", "Allen"],
  ["Donald", "Knuth"],
  ["Hedy", "Lamarr"],
  ["Guido", "van Rossum"],
  ["Anita", "Borg"],
  ["Bjarne", "Stroustrup"],
  ["Shafi", "Goldwasser"],
  ["John", "McCarthy"],
  ["Mary", "Kenneth Keller"],
  ["Edsger", "Dijkstra"],
  ["Sophie", "Wilson"],
  ["James", "Gosling"],
  ["Karen", "Spärck Jones"],
  ["Yukihiro", "Matsumoto"],
  ["Adele", "Goldberg"],
  ["Niklaus", "Wirth"],
  ["Jean", "Sammet"],
  ["Brendan", "Eich"],
  ["Lynn", "Conway"],
  ["Rob", "Pike"],
  ["Evelyn", "Boyd Granville"],
  ["Leslie", "Lamport"],
  ["Joan", "Clarke"],
  ["Anders", "Hejlsberg"],
  ["Elizabeth", "Feinler"],
  ["Vint", "Cerf"],
  ["Marissa", "Mayer"],
  ["Whitfield", "Diffie"],
  ["Zoë", "Ōkubo"],
] as const;
const COMPANIES = [
  "Analytical Engines Ltd",
  "Harvard Mark I",
  "Bletchley Analytics",
  "Orbital Dynamics",
  "Kernel Works",
];
const PLANS = ["free", "starter", "pro", "enterprise"];
const CITIES = ["London", "New York", "Paris", "Berlin", "Tokyo", "Sydney", "Dublin", "Toronto"];

/** The custom attributes the demo records carry; the sandbox's demo app declares them, as an Intercom workspace would. */
export const DEMO_CUSTOM_ATTRIBUTES = [
  { name: "company_name", dataType: "string" },
  { name: "plan", dataType: "string" },
  { name: "city", dataType: "string" },
  { name: "monthly_spend", dataType: "float" },
  { name: "seats", dataType: "integer" },
  { name: "newsletter", dataType: "boolean" },
] as const;

/** Records shaped like Intercom's create-contact body, so "Create a contact" can send them as they are. */
export function demoContacts(): Record<string, unknown>[] {
  return PEOPLE.map(([first, last], i) => {
    const handle = `${first}.${last}`
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z.]/g, "");
    return {
      role: i % 7 === 6 ? "lead" : "user",
      external_id: `cust-${String(1001 + i)}`,
      email: `${handle}@example.com`,
      name: `${first} ${last}`,
      phone: `+44 20 7946 ${String(100 + i * 7).padStart(4, "0")}`,
      signed_up_at: Math.floor(Date.UTC(2025, i % 12, 1 + (i % 27)) / 1000),
      custom_attributes: {
        company_name: COMPANIES[i % COMPANIES.length],
        plan: PLANS[i % PLANS.length],
        city: CITIES[i % CITIES.length],
        monthly_spend: Math.round(((i * 37) % 500) * 100) / 100 + 9.99,
        seats: 1 + ((i * 13) % 40),
        newsletter: i % 3 !== 0,
      },
    };
  });
}
