import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpWithOrganisation } from "@/lib/auth/sign-up";
import { spawnTsxProcess, type WorkerProcess } from "@/test/delivery/worker-process";
import { freshDatabase, freshRedisPrefix, redisUrl, type TestDatabase } from "@/test/fresh-database";

// Issue 18 item 6: two web processes share one sign-in limit through Redis; only failures count;
// past the free failures a guesser is slowed down (one attempt per growing wait), never locked out;
// the client address is the entry our one trusted proxy added, so extra X-Forwarded-For entries
// buy nothing; sign-up is throttled per address.

const APP = "http://localhost:3996";
let t: TestDatabase;
let web: { process: WorkerProcess; url: string }[] = [];
const email = `ada-${randomBytes(3).toString("hex")}@example.com`;
const password = "analytical engine 1843";

async function startWebProcess(env: Record<string, string>) {
  const child = spawnTsxProcess("test/security/support/web-process-main.ts", env, "web process listening");
  await child.ready;
  const port = /web process listening (\d+)/.exec(child.output())?.[1];
  return { process: child, url: `http://127.0.0.1:${port}` };
}

function post(index: number, path: string, body: unknown, address: string) {
  return fetch(`${web[index]!.url}${path}`, {
    method: "POST",
    // The caller's own entries come first; our (one, trusted) proxy appends the real address.
    headers: { "content-type": "application/json", origin: APP, "x-forwarded-for": `203.0.113.66, ${address}` },
    body: JSON.stringify(body),
  });
}

const signIn = (index: number, address: string, pass: string) =>
  post(index, "/api/auth/sign-in/email", { email, password: pass }, address);

beforeAll(async () => {
  t = await freshDatabase();
  await signUpWithOrganisation({ organisationName: "Limits Co", name: "Ada", email, password }, t.db);
  const env = {
    DATABASE_URL: t.url,
    REDIS_URL: redisUrl(),
    FLOWGATE_REDIS_PREFIX: freshRedisPrefix(),
    FLOWGATE_URL: APP,
    BETTER_AUTH_SECRET: `shared-limits-${randomBytes(16).toString("hex")}`,
    FLOWGATE_TRUSTED_PROXIES: "1",
    LOG_LEVEL: "warn",
  };
  web = await Promise.all([startWebProcess(env), startWebProcess(env)]);
}, 90_000);

afterAll(async () => {
  await Promise.all(web.map((w) => w.process.kill("SIGTERM")));
  await t?.drop();
});

describe("sign-in failures are counted once for all web processes", () => {
  it("slows a guesser down across both processes, whatever X-Forwarded-For entries it adds", async () => {
    const guesser = "198.51.100.10";
    const statuses: number[] = [];
    // Five free failures and the first slowed one, alternating between the two processes.
    for (let i = 0; i < 6; i++) statuses.push((await signIn(i % 2, guesser, `guess ${i} of many`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const slowed = await signIn(0, guesser, "guess 7 of many");
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await slowed.json()).toMatchObject({ message: expect.stringMatching(/Try again in \d+ second/) });
    // The other process agrees, and the right password waits too (slowed, not let through).
    expect((await signIn(1, guesser, password)).status).toBe(429);
  });

  it("never locks the owner out: another address signs in at once, the guesser's after the wait", async () => {
    expect((await signIn(1, "198.51.100.20", password)).status).toBe(200);
    const guesser = "198.51.100.10";
    const wait = await signIn(0, guesser, password);
    const seconds = Number(wait.headers.get("retry-after") || "0");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));
    expect((await signIn(0, guesser, password)).status).toBe(200);
    // A success clears that address's count: five free failures again.
    const after: number[] = [];
    for (let i = 0; i < 5; i++) after.push((await signIn(i % 2, guesser, `again ${i} wrong`)).status);
    expect(after).toEqual([401, 401, 401, 401, 401]);
  }, 90_000);

  it("counts failures only: many successful sign-ins use up nothing", async () => {
    const owner = "198.51.100.30";
    for (let i = 0; i < 12; i++) expect((await signIn(i % 2, owner, password)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(i % 2, owner, `wrong ${i} again`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  }, 60_000);
});

describe("sign-up is throttled per address across processes", () => {
  it("the eleventh sign-up from one address within the hour is a 429; another address still signs up", async () => {
    const tag = randomBytes(3).toString("hex");
    const signUp = (i: number, address: string) =>
      post(
        i % 2,
        "/api/sign-up",
        {
          organisationName: `Burst ${tag} ${i}`,
          name: `Burst ${i}`,
          email: `burst-${tag}-${i}-${address.replaceAll(".", "-")}@example.com`,
          password: `burst password ${tag}`,
        },
        address,
      );
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUp(i, "198.51.100.40")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    expect((await signUp(11, "198.51.100.41")).status).toBe(201);
  }, 90_000);
});
