import { ALERT_SIGNATURE_HEADER, ALERT_TIMESTAMP_HEADER } from "@/server/budgets/alert-webhook-view.shared";

const EXAMPLE = `// Node.js: rawBody is the request body exactly as received (a string or Buffer), before any JSON parsing.
import { createHmac, timingSafeEqual } from "node:crypto";

function isFromBaton(headers, rawBody, secret) {
  const timestamp = headers["x-baton-timestamp"];
  const signature = headers["x-baton-signature"] ?? "";
  if (!/^\\d+$/.test(timestamp ?? "")) return false;
  // Refuse old deliveries, so a captured one cannot be replayed later.
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = "sha256=" + createHmac("sha256", secret).update(timestamp + ".").update(rawBody).digest("hex");
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}`;

const PAYLOAD = `{
  "type": "budget.threshold",
  "at": "2026-12-07T14:02:11.000Z",
  "budget": { "id": "…", "name": "Support monthly", "scope": "team", "period": "month", "amountUsd": "500.00" },
  "periodStart": "2026-12-01T00:00:00.000Z",
  "periodEnd": "2027-01-01T00:00:00.000Z",
  "threshold": 80,
  "percent": 81,
  "spentUsd": "398.20",
  "reservedUsd": "7.30",
  "onExceeded": "block"
}`;

/** How a receiver checks that a delivery came from Baton: the headers and the HMAC the code really sends. */
export function SignatureHelp() {
  return (
    <details className="mt-5 max-w-3xl rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-900">How to verify a delivery</summary>
      <div className="mt-3 space-y-3">
        <p>
          Every delivery is a <code className="font-mono text-xs">POST</code> with <code className="font-mono text-xs">Content-Type: application/json</code>,{" "}
          <code className="font-mono text-xs">User-Agent: Baton-Alerts</code> and two headers, signed as Baton&apos;s workflow webhooks are:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code className="font-mono text-xs">{ALERT_TIMESTAMP_HEADER}</code>: the time it was signed, in unix seconds.
          </li>
          <li>
            <code className="font-mono text-xs">{ALERT_SIGNATURE_HEADER}</code>: <code className="font-mono text-xs">sha256=</code> followed by the hex
            HMAC-SHA256, keyed with the signing secret, of the timestamp, a dot and the raw body (
            <code className="font-mono text-xs">&lt;timestamp&gt;.&lt;raw body&gt;</code>).
          </li>
        </ul>
        <p>Compute the same HMAC over the body as received (not re-serialised JSON), compare in constant time, and refuse old timestamps:</p>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{EXAMPLE}</pre>
        <p>A threshold alert&apos;s body (amounts in US dollars as text; percent of the amount with the calls in flight):</p>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{PAYLOAD}</pre>
      </div>
    </details>
  );
}
