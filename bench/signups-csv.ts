import { createWriteStream } from "node:fs";
import { once } from "node:events";

// A flat sign-up export, as a user would upload it: quoted commas, numbers and dates as text.
export const SIGNUPS_CSV_HEADER = "id,email,first_name,last_name,company,plan,score,signed_up_at,active,notes\n";

export function signupsCsvRow(i: number): string {
  return `${i},user${i}@example.com,First${i % 977},Last${i % 1013},"Company ${i % 5003}, Inc.",${["free", "pro", "team"][i % 3]},${(i % 1000) / 10},${1_700_000_000 + i},${i % 2 === 0},"note ${i} lorem ipsum dolor"\n`;
}

export async function writeSignupsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(SIGNUPS_CSV_HEADER);
  for (let i = 1; i <= rows; i++) {
    if (!out.write(signupsCsvRow(i))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
