import { randomBytes } from "node:crypto";

/** A fresh random webhook secret (192 bits), for new workflows and the demo seed alike. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}
