// Schema inference (npx tsx bench/infer-schema.ts): ms to fold records into a Nexset's schema, for
// the shapes that used to be quadratic (every record a new key: a hostile webhook body) and for an
// ordinary flat export. Figures are medians of 5 runs; the last line is JSON for tooling.
import { EMPTY_SCHEMA, mergeSchema } from "@/lib/nexsets/infer-schema";
import { median } from "./stats";

const SHAPES: Record<string, () => Record<string, unknown>[]> = {
  "80,000 records, one new key each": () => Array.from({ length: 80_000 }, (_, i) => ({ [`k${i}`]: i })),
  "100,000 flat records, 20 attributes": () =>
    Array.from({ length: 100_000 }, (_, i) =>
      Object.fromEntries(Array.from({ length: 20 }, (_, a) => [`attribute_${a}`, a % 3 === 0 ? null : `${i}-${a}`])),
    ),
  "20,000 response records, nested bodies": () =>
    Array.from({ length: 20_000 }, (_, i) => ({
      status: 200,
      body: {
        type: "contact",
        id: `c${i}`,
        location: { city: "Dublin", country: "IE" },
        custom_attributes: { plan: "pro" },
      },
    })),
};

const figures: Record<string, number> = {};
for (const [name, make] of Object.entries(SHAPES)) {
  const records = make();
  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    const start = performance.now();
    mergeSchema(EMPTY_SCHEMA, 0, records);
    if (run > 0) times.push(performance.now() - start); // the first run warms up
  }
  figures[name] = Math.round(median(times) * 10) / 10;
  console.log(`${name.padEnd(44)}${String(figures[name]).padStart(10)} ms`);
}
console.log(JSON.stringify({ medianMs: figures }));
