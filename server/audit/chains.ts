// The audit trail is a fixed set of hash chains rather than one: every append takes its chain's lock until commit, and
// with a single chain every transaction that audits anything would queue behind every other. Events that belong
// together (all of one run) share a chain, so their order is provable; the verifier walks each chain.
export const AUDIT_CHAINS = 16;
const AUDIT_LOCK_BASE = 0x6261746f6e00; // "baton" << 8

/** FNV-1a of the key, modulo the number of chains. */
export function chainOf(key: string | null | undefined): number {
  if (!key) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AUDIT_CHAINS;
}

export function chainLockKey(chain: number): number {
  return AUDIT_LOCK_BASE + chain;
}
