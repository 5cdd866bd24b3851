// Which webhook secrets open a workflow at a given moment: the current one, and after a rotation the previous one
// until its grace period ends. The webhook and the builder's panel both read it from here.
export type TWebhookSecrets = {
  webhookSecret: string;
  previousWebhookSecret: string | null;
  previousWebhookSecretExpiresAt: Date | null;
};

export function isPreviousSecretValid(row: TWebhookSecrets, now: Date): boolean {
  return row.previousWebhookSecret !== null && row.previousWebhookSecretExpiresAt !== null && row.previousWebhookSecretExpiresAt > now;
}

export function validWebhookSecrets(row: TWebhookSecrets, now: Date): string[] {
  return isPreviousSecretValid(row, now) ? [row.webhookSecret, row.previousWebhookSecret!] : [row.webhookSecret];
}
