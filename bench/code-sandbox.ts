// Per-call cost of the Code node's sandbox for a trivial script: median and p95 of 200 calls after a warm-up.
// Run: npx tsx bench/code-sandbox.ts
import { runInSandbox } from "../server/nodes/tool-code/sandbox";

const CALLS = 200;
const input = { trigger: { body: { items: [{ price: 4 }, { price: 6 }] } }, nodes: {}, run: { id: "r", workflowId: "w", teamId: "t" } };
const limits = { timeoutMs: 1000, memoryLimitMb: 32 };

for (let i = 0; i < 20; i += 1) await runInSandbox("return 1;", input, limits);
const samples: number[] = [];
for (let i = 0; i < CALLS; i += 1) {
  const started = process.hrtime.bigint();
  await runInSandbox("return input.trigger.body.items.length;", input, limits);
  samples.push(Number(process.hrtime.bigint() - started) / 1000);
}
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
console.log(`code sandbox, trivial script: median ${at(0.5).toFixed(0)} µs, p95 ${at(0.95).toFixed(0)} µs over ${CALLS} calls`);
process.exit(0);
