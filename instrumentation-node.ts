import { getEnv } from "./server/config/env";
import { getSecrets } from "./server/config/secrets";

/**
 * A web process without the installation's secrets, or with a weak or published one, stops here with one line naming
 * the variable, instead of serving sessions nobody can trust (see server/config/secrets.ts).
 */
export function assertWebConfiguration(): void {
  try {
    getEnv();
    getSecrets();
  } catch (error) {
    process.stderr.write(`Baton web could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
