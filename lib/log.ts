import pino from "pino";

// Anything that could hold a secret is redacted wherever it appears in a log line.
const SECRET_PATHS = [
  "token",
  "accessToken",
  "password",
  "secret",
  "apiKey",
  "authorization",
  "Authorization",
  "cookie",
  "*.token",
  "*.accessToken",
  "*.password",
  "*.secret",
  "*.apiKey",
  "*.authorization",
  "*.Authorization",
  "*.cookie",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
];

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.FLOWGATE_SERVICE ?? "flowgate" },
  redact: { paths: SECRET_PATHS, censor: "[redacted]" },
});

export type Logger = typeof log;
