import { log } from "@/lib/log";

// Where the app is served and what it signs cookies with. Read lazily so tests and scripts can set
// the environment before the first use.

const DEV_SECRET = "flowgate-development-secret-do-not-use-in-production";
let warnedAboutDevSecret = false;

/** The public origin of the web app: FLOWGATE_URL, else http://localhost:${PORT:-3000}. */
export function appUrl(): string {
  const configured = process.env.FLOWGATE_URL?.trim();
  const raw = configured || `http://localhost:${process.env.PORT ?? "3000"}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `FLOWGATE_URL is not a URL (got "${raw}"). Set it to the address users open, e.g. https://flowgate.example.com.`,
    );
  }
  return url.origin;
}

export function isHttpsApp(): boolean {
  return appUrl().startsWith("https:");
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Origins allowed to make cookie-authenticated state-changing requests. On a loopback address the
 * other spellings of loopback (same port) are accepted too, so opening 127.0.0.1 instead of
 * localhost does not break sign-in during development.
 */
export function appOrigins(): string[] {
  const origin = new URL(appUrl());
  if (!LOOPBACK_HOSTS.includes(origin.hostname)) return [origin.origin];
  const port = origin.port ? `:${origin.port}` : "";
  return LOOPBACK_HOSTS.map((host) => `${origin.protocol}//${host}${port}`);
}

/** BETTER_AUTH_SECRET; a fixed development secret (with a warning) only outside production. */
export function authSecret(): string {
  const secret = process.env.BETTER_AUTH_SECRET?.trim();
  if (secret) {
    if (secret.length < 32)
      throw new Error("BETTER_AUTH_SECRET must be at least 32 characters. `npm start` generates one into .data/.");
    return secret;
  }
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "BETTER_AUTH_SECRET is not set. Start Flowgate with `npm start` (it generates one into .data/), or set it to 32+ random characters.",
    );
  }
  if (!warnedAboutDevSecret) {
    warnedAboutDevSecret = true;
    log.warn("BETTER_AUTH_SECRET is not set; using a fixed development secret. Never run like this in production.");
  }
  return DEV_SECRET;
}
