// A real worker process (`tsx worker/index.ts`) on a test database and this file's Redis prefix, for restart and
// crash tests.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../scripts/lib.mjs";

export type TWorkerProcess = { child: ChildProcess; port: number; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

export async function spawnWorker(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<TWorkerProcess> {
  const port = await freePort();
  // BENCH_PROFILE_DIR: run the worker under the V8 CPU profiler (bench only); the profile is written on exit.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const [cmd, args] = profileDir
    ? ["node", ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "worker/index.ts"]]
    : ["npx", ["tsx", "worker/index.ts"]];
  const child = spawn(cmd, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_HEALTH_PORT: String(port), LOG_LEVEL: "warn", BATON_SERVICE: "worker", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited early (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`worker did not become healthy: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    port,
    output: () => output,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      // npx runs tsx runs node: signal the whole process group so SIGKILL reaches the real worker.
      process.kill(-child.pid!, signal);
      await exited;
    },
  };
}
