import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_OUTPUT, NO_PORTS } from "../ports.shared";

export const ZWebhookTriggerConfig = z.object({
  /**
   * secret: the caller sends the workflow's secret in X-Baton-Secret; hmac: the caller signs each request —
   * X-Baton-Timestamp = unix seconds, X-Baton-Signature = sha256=<HMAC-SHA256 of "<timestamp>.<raw body>">.
   */
  auth: z.enum(["secret", "hmac"]).default("secret"),
  /** immediate: answer 202 with the run id; wait: hold the request until the run ends or the timeout passes. */
  responseMode: z.enum(["immediate", "wait"]).default("immediate"),
  waitTimeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
});

export const definition: TNodeDefinition<typeof ZWebhookTriggerConfig> = {
  type: "trigger.webhook",
  version: 1,
  label: "Webhook",
  category: "trigger",
  icon: "webhook",
  description: "Starts a run on POST /api/hooks/<workflow id>. `trigger.body`, `trigger.headers` and `trigger.query` hold the request.",
  configSchema: ZWebhookTriggerConfig,
  defaults: { auth: "secret", responseMode: "immediate", waitTimeoutMs: 30_000 },
  inputs: NO_PORTS,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => `POST, ${c.auth === "hmac" ? "HMAC-signed" : "secret header"}, ${c.responseMode === "wait" ? "waits for result" : "answers at once"}`,
  ui: {
    auth: { kind: "select", options: [{ value: "secret", label: "Secret header" }, { value: "hmac", label: "HMAC signature with timestamp" }] },
    responseMode: { kind: "select", options: [{ value: "immediate", label: "Answer at once" }, { value: "wait", label: "Wait for the result" }] },
    waitTimeoutMs: { kind: "number" },
  },
};
