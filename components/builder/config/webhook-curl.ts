// Ready-to-copy shell examples for calling a workflow's webhook: the secret header, and a signed request (HMAC-SHA256
// of "<timestamp>.<body>" computed with openssl). The secret is read from an environment variable, so the examples
// can be pasted into scripts and tickets without leaking it.
export const SECRET_VARIABLE = "BATON_WEBHOOK_SECRET";
const SAMPLE_BODY = '{"hello":"world"}';

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function secretExport(secret: string | null): string {
  return `export ${SECRET_VARIABLE}=${secret === null ? "'<reveal the secret and paste it here>'" : quote(secret)}`;
}

export function curlWithSecretHeader(url: string): string {
  return [
    `curl -X POST ${quote(url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "X-Baton-Secret: $${SECRET_VARIABLE}" \\`,
    `  -H "Idempotency-Key: $(uuidgen)" \\`,
    `  --data-raw ${quote(SAMPLE_BODY)}`,
  ].join("\n");
}

/** The lines that compute the signature; also run by a test against the server's own signing. */
export const SIGNING_LINES = [
  `TS=$(date +%s)`,
  `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$${SECRET_VARIABLE}" | sed 's/^.* //')`,
];

export function curlSigned(url: string): string {
  return [
    `BODY=${quote(SAMPLE_BODY)}`,
    ...SIGNING_LINES,
    `curl -X POST ${quote(url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "X-Baton-Timestamp: $TS" \\`,
    `  -H "X-Baton-Signature: sha256=$SIG" \\`,
    `  -H "Idempotency-Key: $(uuidgen)" \\`,
    `  --data-raw "$BODY"`,
  ].join("\n");
}
