// Next.js calls register() once when a server starts (`next start`, `next dev`, the custom server of `npm run web`),
// before it serves anything. The check itself is Node-only (instrumentation-node.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertWebConfiguration } = await import("./instrumentation-node");
    assertWebConfiguration();
  }
}
