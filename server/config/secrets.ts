import { SECRET_NAMES, SECRET_PURPOSES, type TSecretName, type TSecrets } from "./secret-names";

// The installation's secrets, one key per purpose. There is no default value: a process gets them from its
// environment (`npm start` and `npm run dev` generate them on first start and pass them on, see secrets-file.ts),
// and a production process without them refuses to start (instrumentation.ts, worker/index.ts, prisma/seed.ts).
// An audit MAC key, when one exists, is one more entry in SECRET_PURPOSES (secret-names.ts).

export { SECRET_NAMES, SECRET_PURPOSES, type TSecretName, type TSecrets } from "./secret-names";
export const MIN_SECRET_LENGTH = 32;

/** Values published in Baton's source or docs: they protect nothing, wherever they are set. */
const PUBLISHED_VALUES = new Set(["baton-development-secret-change-me-in-production"]);
const HOW_TO_FIX = "run `npm start` (it generates and stores secrets) or set it; see README, Configuration";

export class SecretsError extends Error {
  override name = "SecretsError";
}

function problemOf(name: TSecretName, value: string | undefined): string | null {
  if (value === undefined || value === "") return `${name} is not set: ${HOW_TO_FIX}`;
  if (PUBLISHED_VALUES.has(value)) {
    return `${name} is a published development value that protects nothing: remove it so \`npm start\` generates one, or set a random value (e.g. \`openssl rand -base64 32\`); see README, Configuration`;
  }
  if (value.length < MIN_SECRET_LENGTH) {
    return `${name} is too short (${value.length} characters; at least ${MIN_SECRET_LENGTH}): remove it so \`npm start\` generates one, or set a longer random value; see README, Configuration`;
  }
  return null;
}

/** The secrets from `source`, or a SecretsError whose message is one line naming the first problem. */
export function parseSecrets(source: Record<string, string | undefined>): TSecrets {
  for (const name of SECRET_NAMES) {
    const problem = problemOf(name, source[name]);
    if (problem) throw new SecretsError(problem);
  }
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, source[n] as string])) as TSecrets;
  if (new Set(Object.values(secrets)).size !== SECRET_NAMES.length) {
    throw new SecretsError(
      `${SECRET_NAMES.join(" and ")} must be different values (one key per purpose: ${SECRET_NAMES.map((n) => `${n} ${SECRET_PURPOSES[n]}`).join(", ")}); see README, Configuration`,
    );
  }
  return secrets;
}

let cached: TSecrets | undefined;

/** The secrets of this process, from its environment (see fillSecretsFromFile for scripts run by hand). */
export function getSecrets(): TSecrets {
  cached ??= parseSecrets(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetSecretsCache(): void {
  cached = undefined;
}
