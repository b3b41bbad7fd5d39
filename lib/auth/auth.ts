import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { db, type Db } from "@/lib/db/client";
import { appOrigins, appUrl, authSecret, isHttpsApp } from "./config";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./schemas";
import { guardSignIn, settleSignIn } from "./sign-in-guard";

/** A better-auth instance on the given database. The app uses getAuth(); tests build their own. */
export function createAuth(database: Db) {
  const secure = isHttpsApp();
  return betterAuth({
    appName: "Flowgate",
    baseURL: appUrl(),
    basePath: "/api/auth",
    secret: authSecret(),
    trustedOrigins: appOrigins(),
    database: prismaAdapter(database, { provider: "postgresql", transaction: true }),
    emailAndPassword: {
      enabled: true,
      // Users are created only with their organisation, by signUpWithOrganisation (/api/sign-up).
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      additionalFields: {
        organisationId: { type: "string", required: true, input: false },
        role: { type: "string", required: false, defaultValue: "member", input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Our own throttle (sign-in-guard.ts: failures only, in Redis, slowing down rather than locking
    // out) replaces better-auth's per-IP one, which counts every attempt.
    rateLimit: { enabled: false },
    hooks: { before: guardSignIn, after: settleSignIn },
    advanced: {
      // Security: better-auth turns its Origin/CSRF checks off when NODE_ENV=test or TEST is set;
      // pin them on so tests see production behaviour and a stray TEST variable can't disable them.
      disableOriginCheck: false,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as unknown as { flowgateAuth?: Auth };

/** The process-wide better-auth instance on db(); built on first use so env can be set first. */
export function getAuth(): Auth {
  holder.flowgateAuth ??= createAuth(db());
  return holder.flowgateAuth;
}
