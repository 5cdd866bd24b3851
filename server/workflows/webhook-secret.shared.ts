// Isomorphic: what the builder's webhook panel receives, and the grace periods it offers after a rotation.

/** Grace periods a builder may choose for the old secret after a rotation: none, 1 hour, 24 hours, 7 days. */
export const WEBHOOK_GRACE_SECONDS = [0, 3600, 86_400, 604_800] as const;
export type TWebhookGraceSeconds = (typeof WEBHOOK_GRACE_SECONDS)[number];

export type TWebhookAuthMode = "secret" | "hmac";

export type TWebhookInfo = {
  path: string;
  /** The address on NEXTAUTH_URL, the public URL of the app. */
  url: string;
  /** The trigger's auth in the draft, and in the published version (null when none is published or it is not a webhook). */
  auth: TWebhookAuthMode | null;
  publishedAuth: TWebhookAuthMode | null;
  rotatedAt: string | null;
  previousSecretExpiresAt: string | null;
  canManageSecret: boolean;
};

export type TRotatedSecret = { secret: string; rotatedAt: string; previousSecretExpiresAt: string | null };
