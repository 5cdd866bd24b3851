import { z } from "zod";
import { encryptSecret, type TJsonSecret } from "../crypto/secret-box";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { NodeError } from "../nodes/node-error";
import { ZCredentialHosts } from "./credential-hosts";
import { credentialToAuth } from "./credentials";

// The one way a Credential row is made (today: the demo seed; there is no credentials page or API yet). It checks the
// secret data against the kind, normalises the hosts the credential may be sent to, and encrypts the data.

const ZJsonSecret: z.ZodType<TJsonSecret> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(ZJsonSecret), z.record(z.string(), ZJsonSecret)]),
);

export const ZCreateCredential = z.object({
  teamId: z.string().min(1),
  name: z.string().trim().min(1, "Name the credential").max(100, "A credential name has at most 100 characters"),
  kind: z.enum(["bearer", "basic", "header", "api_key_query"]),
  data: ZJsonSecret,
  /** Hosts it may be sent to (`api.example.com`, `*.example.com`); empty means nowhere. */
  allowedHosts: ZCredentialHosts,
  createdById: z.string().min(1).nullish(),
});
export type TCreateCredential = z.input<typeof ZCreateCredential>;

export async function createCredential(db: TDb, input: TCreateCredential): Promise<{ id: string; allowedHosts: string[] }> {
  const { teamId, name, kind, data, allowedHosts, createdById } = parseOrThrow(ZCreateCredential, input, "The credential is missing fields or has invalid ones.");
  try {
    credentialToAuth(kind, data, `Credential "${name}"`);
  } catch (error) {
    if (error instanceof NodeError) throw new AppError("VALIDATION", error.message, { issues: [{ path: "data", message: error.message }] });
    throw error;
  }
  return db.credential.create({
    data: { teamId, name, kind, encryptedData: encryptSecret(data), allowedHosts, createdById: createdById ?? null },
    select: { id: true, allowedHosts: true },
  });
}
