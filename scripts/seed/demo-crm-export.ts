import { Readable } from "node:stream";
import { openFileRecords } from "@/lib/sources/file/open-file-records";

// A flat CRM export, as teams really have them: headers in title case, dates as text, a lifetime
// value the workspace has no attribute for, and empty cells. The first thing a new user sends to
// "Create a contact" shows the field mapping at work (no record here is shaped like Intercom's body).

const PEOPLE = [
  "Ada Lovelace",
  "Grace Hopper",
  "Alan Turing",
  "Katherine Johnson",
  "Margaret Hamilton",
  "Radia Perlman",
  "Barbara Liskov",
  "Hedy Lamarr",
  "Edsger Dijkstra",
  "Sophie Wilson",
  "Karen Spärck Jones",
  "Lynn Conway",
];
const PLANS = ["Starter", "Pro", "Enterprise"];
const CITIES = ["London", "Paris", "Berlin", "Dublin", ""];

export const DEMO_CRM_FILE_NAME = "crm-export.csv";

export function demoCrmCsv(): string {
  const lines = ["Email,Full Name,Plan,Seats,Signup Date,City,Lifetime Value"];
  PEOPLE.forEach((name, i) => {
    const email = `${name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z ]/g, "")
      .replace(/ /g, ".")}@crm.example.com`;
    const seats = i % 5 === 4 ? "" : String(1 + ((i * 7) % 30));
    const signup =
      i % 3 === 0 ? `2024-0${1 + (i % 9)}-1${i % 10}` : `2024-0${1 + (i % 9)}-0${1 + (i % 9)}T09:30:00+01:00`;
    lines.push([email, `"${name}"`, PLANS[i % 3], seats, signup, CITIES[i % 5], ((i * 131) % 900) + 99.5].join(","));
  });
  return `${lines.join("\n")}\n`;
}

/** The export parsed exactly as an upload of it would be. */
export async function demoCrmRecords(): Promise<Record<string, unknown>[]> {
  const file = await openFileRecords(Readable.from([Buffer.from(demoCrmCsv())]), { fileName: DEMO_CRM_FILE_NAME });
  const records: Record<string, unknown>[] = [];
  for await (const batch of file.batches) records.push(...batch);
  return records;
}
