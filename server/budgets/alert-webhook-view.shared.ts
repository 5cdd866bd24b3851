// Isomorphic: the alert webhook as the API and Settings → Organisation show it.

/** Never the secret, except `secret` in the one answer that generated it. */
export type TAlertWebhookView = { url: string | null; hasSecret: boolean; isEnabled: boolean; secret?: string };

/** What became of one delivery: the receiver's status, or why nothing was received. */
export type TAlertDelivery = { isDelivered: boolean; status: number | null; error: string | null };

/** The headers a delivery carries: see server/budgets/alert-webhook.ts signAlert. */
export const ALERT_SIGNATURE_HEADER = "X-Baton-Signature";
export const ALERT_TIMESTAMP_HEADER = "X-Baton-Timestamp";
