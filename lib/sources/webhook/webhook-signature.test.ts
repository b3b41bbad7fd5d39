import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from "./webhook-signature";

const body = Buffer.from('{"email":"a@x.io"}');
const now = new Date("2025-06-01T12:00:00Z");
const ts = Math.floor(now.getTime() / 1000);

function headersFor(secret: string, overrides: Record<string, string> = {}) {
  return {
    "webhook-id": "msg_1",
    "webhook-timestamp": String(ts),
    "webhook-signature": signWebhook(secret, "msg_1", ts, body),
    ...overrides,
  };
}

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("Standard Webhooks signatures", () => {
  it("matches the specification's published example", () => {
    // From the Standard Webhooks reference implementations' test vectors.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const payload = '{"test": 2432232314}';
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload)).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("accepts a good signature, also among several (secret rotation), with Headers or a plain object", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(() => verifyWebhookSignature({ secret, headers: headersFor(secret), body, now })).not.toThrow();
    const several = `v1,${Buffer.alloc(32).toString("base64")} ${signWebhook(secret, "msg_1", ts, body)}`;
    expect(() =>
      verifyWebhookSignature({
        secret,
        headers: new Headers(headersFor(secret, { "webhook-signature": several })),
        body,
        now,
      }),
    ).not.toThrow();
  });

  it("refuses a wrong secret, a changed body and missing headers", () => {
    const secret = generateWebhookSecret();
    const other = generateWebhookSecret();
    expect(refusal(() => verifyWebhookSignature({ secret, headers: headersFor(other), body, now }))).toMatch(
      /does not match the body/,
    );
    expect(
      refusal(() =>
        verifyWebhookSignature({ secret, headers: headersFor(secret), body: Buffer.from('{"email":"b@x.io"}'), now }),
      ),
    ).toMatch(/does not match the body/);
    expect(refusal(() => verifyWebhookSignature({ secret, headers: { "webhook-id": "msg_1" }, body, now }))).toMatch(
      /requires a signature/,
    );
  });

  it("refuses a timestamp more than 5 minutes old or ahead, even when correctly signed", () => {
    const secret = generateWebhookSecret();
    const stale = ts - 301;
    const staleHeaders = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(stale),
      "webhook-signature": signWebhook(secret, "msg_1", stale, body),
    };
    expect(refusal(() => verifyWebhookSignature({ secret, headers: staleHeaders, body, now }))).toMatch(
      /more than 5 minutes/,
    );
    const ahead = ts + 301;
    const aheadHeaders = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(ahead),
      "webhook-signature": signWebhook(secret, "msg_1", ahead, body),
    };
    expect(refusal(() => verifyWebhookSignature({ secret, headers: aheadHeaders, body, now }))).toMatch(
      /more than 5 minutes/,
    );
    const edge = ts - 299;
    const edgeHeaders = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(edge),
      "webhook-signature": signWebhook(secret, "msg_1", edge, body),
    };
    expect(() => verifyWebhookSignature({ secret, headers: edgeHeaders, body, now })).not.toThrow();
  });
});
