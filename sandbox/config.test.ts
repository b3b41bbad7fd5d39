import { describe, expect, it } from "vitest";
import { ConfigError, readSandboxConfig } from "./config";

describe("readSandboxConfig", () => {
  it("defaults to 127.0.0.1:4010 with no apps", () => {
    expect(readSandboxConfig({})).toMatchObject({
      port: 4010,
      host: "127.0.0.1",
      bootstrapApps: [],
      allowRemoteAdmin: false,
    });
  });

  it("reads the port, host, durations and bootstrap apps", () => {
    const config = readSandboxConfig({
      SANDBOX_PORT: "5000",
      SANDBOX_HOST: "0.0.0.0",
      SANDBOX_EXPORT_DURATION_MS: "100",
      SANDBOX_BOOTSTRAP_APPS: '[{"name":"Demo","token":"demo-token","rateLimitPer10s":10}]',
    });
    expect(config).toMatchObject({
      port: 5000,
      host: "0.0.0.0",
      exportDurationMs: 100,
      bootstrapApps: [{ name: "Demo", token: "demo-token", rateLimitPer10s: 10 }],
    });
  });

  it.each([
    [{ SANDBOX_PORT: "99999" }, "SANDBOX_PORT"],
    [{ SANDBOX_BOOTSTRAP_APPS: "[{" }, "not valid JSON"],
    [{ SANDBOX_BOOTSTRAP_APPS: '[{"name":"No token"}]' }, "a token is required"],
    [{ SANDBOX_BOOTSTRAP_APPS: '[{"name":"A","token":"t"},{"name":"B","token":"t"}]' }, "same token twice"],
  ])("refuses %j with a clear message", (env, fragment) => {
    expect(() => readSandboxConfig(env)).toThrow(ConfigError);
    expect(() => readSandboxConfig(env)).toThrow(fragment);
  });
});
