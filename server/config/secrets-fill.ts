import { ensureSecretsFile } from "./secrets-file";

/**
 * For the worker and the seed started by hand in development (e.g. `npx tsx prisma/seed.ts`): secrets missing from
 * the environment are taken from the secrets file `npm run dev` uses (created if needed), so every local process of
 * one machine agrees on them. In production (and in tests) it does nothing: there the environment must give them.
 * Not for the web process: Next.js bundles it, and `npm run dev` passes the secrets in its environment.
 */
export function fillSecretsFromFile(env: NodeJS.ProcessEnv = process.env): void {
  if ((env.NODE_ENV ?? "development") !== "development") return;
  const file = ensureSecretsFile(env);
  if (file.createdNames.length > 0) {
    process.stderr.write(
      `baton: generated ${file.createdNames.join(" and ")} and stored them in ${file.path} (mode 0600)\n`,
    );
  }
  for (const [name, value] of Object.entries(file.values)) env[name] ??= value;
}
