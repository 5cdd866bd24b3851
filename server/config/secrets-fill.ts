import { readSecretsFile } from "./secrets-file";

/**
 * For the worker and the seed started by hand in development (e.g. `npm run worker`, `npx tsx prisma/seed.ts`, with
 * NODE_ENV unset or `development`): values missing from the environment are taken from the secrets file that
 * `npm start`/`npm run dev` created, so every local process of one machine agrees on them. It only reads: without a
 * file it fills nothing and the process refuses to start in one line (getSecrets). Creating the file is `npm start`'s
 * job alone, so a process started by hand can never make keys of its own that differ from the web's. In production
 * (and in tests) it does nothing: there the environment must give them. Not for the web process: Next.js bundles it,
 * and `npm run dev` passes the secrets in its environment.
 */
export function fillSecretsFromFile(env: NodeJS.ProcessEnv = process.env): void {
  if ((env.NODE_ENV ?? "development") !== "development") return;
  const values = readSecretsFile(env);
  if (!values) return;
  for (const [name, value] of Object.entries(values)) env[name] ??= value;
}
