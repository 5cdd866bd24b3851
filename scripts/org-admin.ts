// `npm run org-admin -- <email> [--revoke]`: makes an existing account organisation admin (or, with --revoke, takes
// the role away; the last active organisation admin cannot be removed). Uses DATABASE_URL like the other scripts; audited.
import { getEnv } from "../server/config/env";
import { createDb } from "../server/db/client";
import { AppError } from "../server/errors";
import { setOrgAdmin } from "../server/users/set-org-admin";

const USAGE = "Usage: npm run org-admin -- <email> [--revoke]";

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith("--"));
  const [email, ...extra] = argv.filter((a) => !a.startsWith("--"));
  if (!email || extra.length > 0 || flags.some((f) => f !== "--revoke")) {
    console.error(USAGE);
    return 2;
  }
  const isOrgAdmin = !flags.includes("--revoke");
  const db = createDb(getEnv().DATABASE_URL);
  try {
    const actor = { type: "system" as const, label: "npm run org-admin" };
    const result = await setOrgAdmin(db, actor, { email, isOrgAdmin });
    const role = result.isOrgAdmin ? "organisation admin" : "no longer organisation admin";
    const count = `${result.orgAdminCount} active organisation admin${result.orgAdminCount === 1 ? "" : "s"}`;
    console.log(
      result.isChanged
        ? `${result.email} is now ${role} (${count}).`
        : `${result.email} is already ${role}; nothing changed (${count}).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error([error.message, ...error.issues.map((i) => `${i.message}.`)].join(" "));
      return 1;
    }
    console.error(`org-admin failed: ${error instanceof Error ? error.message.split("\n").at(-1) : String(error)}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main(process.argv.slice(2));
