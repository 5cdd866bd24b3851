// Next.js calls register() once when a server starts (`next start`, `next dev`), before it serves anything.
// A web process without the installation's secrets, or with a weak or published one, stops here with one line
// naming the variable, instead of serving sessions nobody can trust (see server/config/secrets.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSecrets } = await import("./server/config/secrets");
  const { getEnv } = await import("./server/config/env");
  try {
    getEnv();
    getSecrets();
  } catch (error) {
    process.stderr.write(`Baton web could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
