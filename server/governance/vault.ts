// The run's PII vault as it is stored (Run.piiVault): sealed with BATON_SECRET_KEY (server/crypto/secret-box.ts).
import { decryptSecret, encryptSecret, type TJsonSecret } from "../crypto/secret-box";
import { createVault, type TPiiVault } from "../policy/pii/redact";

/** The vault of a stored run; an empty one when it has none. */
export function openVault(sealed: string | null): TPiiVault {
  return sealed ? (decryptSecret(sealed) as unknown as TPiiVault) : createVault();
}

export function sealVault(vault: TPiiVault): string {
  return encryptSecret(vault as unknown as TJsonSecret);
}

export function isVaultEmpty(vault: TPiiVault): boolean {
  for (const _ in vault.entries) return false;
  return true;
}
