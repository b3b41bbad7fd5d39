// The curl commands the webhook pages show. With a signing secret, the example computes a
// Standard Webhooks signature in the shell (openssl), exactly as the server verifies it.

const SAMPLE_BODY = '[{"email":"ada@example.com","name":"Ada Lovelace"}]';

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

export function webhookCurlExample(url: string, options: { secret?: string; signed?: boolean } = {}): string {
  if (!options.signed) {
    return [
      `curl -X POST ${quote(url)} \\`,
      `  -H 'content-type: application/json' \\`,
      `  -d ${quote(SAMPLE_BODY)}`,
    ].join("\n");
  }
  return [
    `SECRET=${quote(options.secret ?? "whsec_…your signing secret…")}`,
    `BODY=${quote(SAMPLE_BODY)}`,
    `ID="msg_$(date +%s%N)"; TS=$(date +%s)`,
    `KEY=$(printf %s "\${SECRET#whsec_}" | base64 -d | xxd -p -c 256)`,
    `SIG=$(printf %s "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64)`,
    `curl -X POST ${quote(url)} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "webhook-id: $ID" -H "webhook-timestamp: $TS" -H "webhook-signature: v1,$SIG" \\`,
    `  -d "$BODY"`,
  ].join("\n");
}

/** The URL as shown after creation: the token is not kept, so only its shape is known later. */
export function maskedWebhookUrl(origin: string, pathTemplate = "/api/webhooks/{token}"): string {
  return `${origin}${pathTemplate.replace("{token}", "whk_••••••••••••")}`;
}
