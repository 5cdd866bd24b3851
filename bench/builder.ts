// npm run bench:builder [-- --reps 5 --nodes 300 --edges 400 --port 3000 --trace /tmp/builder-trace.json]
// Opens a generated 300-node, 400-edge workflow in the builder (production build, headless Chromium, 1280×800) and
// measures, per repetition in a fresh browser context: the time from navigation until the canvas is interactive
// (rendered, measured, fitted, and the main thread free within 50 ms), then the frame rate while dragging the empty
// pane 600 px over 2 s. Targets: interactive under 1.5 s, panning at 50 fps or better. The last line is JSON.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { signInContext } from "../e2e/support/api-sign-in";
import { validateGraph } from "../server/workflows/validate-graph.shared";
import { freePort } from "../scripts/lib.mjs";
import { ensureBuild, startBenchApp, type TBenchApp } from "./builder-app";
import { countCanvas, dragPane, findPanePoint, LOAD_PROBE, readViewport, waitForInteractive, type TCanvasCounts } from "./builder-page";
import { generateGraph } from "./generate-graph";

const { values } = parseArgs({
  options: {
    reps: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    nodes: { type: "string", default: "300" },
    edges: { type: "string", default: "400" },
    port: { type: "string" },
    trace: { type: "string" },
  },
});
const REPS = Number(values.reps);
const WARMUP = Number(values.warmup);
const NODES = Number(values.nodes);
const EDGES = Number(values.edges);
const PAN_PX = 600;
const PAN_STEPS = 120;
const PAN_MS = 2000;
const TARGET = { interactiveMs: 1500, panFps: 50 };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 50);
const round1 = (x: number) => Math.round(x * 10) / 10;
const log = (line: string) => console.log(line);

type TRep = { readyMs: number; interactiveMs: number; blockingMs: number; fps: number; frameGaps: number[]; panPx: number; heapMb: number; counts: TCanvasCounts };

async function measureOnce(browser: Browser, app: TBenchApp, storageState: Awaited<ReturnType<BrowserContext["storageState"]>>, tracePath?: string): Promise<TRep> {
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 800 }, storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: LOAD_PROBE });
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
    const response = await page.goto(`/workflows/${app.workflowId}`, { waitUntil: "commit" });
    if (!response?.ok()) throw new Error(`opening the editor answered ${response?.status()} (${page.url()})`);
    const load = await waitForInteractive(page, 60_000);
    const counts = await countCanvas(page);
    if (counts.hiddenNodes > 0) throw new Error(`${counts.hiddenNodes} nodes are still hidden (unmeasured) after load`);

    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heapMb = (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / 2 ** 20;

    // Let the idle work after load (badges, deferred validation) settle, as a person would before dragging.
    await page.waitForTimeout(500);
    const before = await readViewport(page);
    const from = await findPanePoint(page, PAN_PX);
    const frames = await dragPane(page, from, from.dx, PAN_STEPS, PAN_MS);
    const after = await readViewport(page);
    if (tracePath) await browser.stopTracing();
    const panPx = after.x - before.x;
    if (Math.abs(panPx) < PAN_PX / 2 || Math.sign(panPx) !== Math.sign(from.dx))
      throw new Error(`dragging the pane by ${from.dx} px moved the canvas by ${round1(panPx)} px: the pan did not happen`);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    const seconds = (frames.at(-1)! - frames[0]!) / 1000;
    return {
      readyMs: load.readyMs,
      interactiveMs: load.interactiveMs,
      // As Total Blocking Time: the part of each long task beyond 50 ms, until interactive.
      blockingMs: load.longTasks.filter(([start]) => start < load.interactiveMs).reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
      fps: seconds > 0 ? (frames.length - 1) / seconds : 0,
      frameGaps: gaps,
      panPx,
      heapMb,
      counts,
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const graph = generateGraph({ nodes: NODES, edges: EDGES });
  const problems = validateGraph(graph).problems;
  if (graph.nodes.length !== NODES || graph.edges.length !== EDGES || problems.length > 0)
    throw new Error(`generated graph has ${graph.nodes.length} nodes, ${graph.edges.length} edges and ${problems.length} problems (want ${NODES}, ${EDGES}, 0)${problems[0] ? `: ${problems[0].message}` : ""}`);
  ensureBuild((line) => console.error(line));
  const app = await startBenchApp(graph, values.port ? Number(values.port) : await freePort());
  let browser: Browser | null = null;
  // Ctrl-C skips `finally`: still drop the database and stop the server.
  const interrupt = () => void app.stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const signIn = await browser.newContext({ baseURL: app.url });
    await signInContext(signIn, "admin");
    const storageState = await signIn.storageState();
    await signIn.close();

    for (let i = 0; i < WARMUP; i++) await measureOnce(browser, app, storageState);
    const reps: TRep[] = [];
    for (let i = 0; i < REPS; i++) {
      const rep = await measureOnce(browser, app, storageState, i === REPS - 1 ? values.trace : undefined);
      reps.push(rep);
      console.error(`  rep ${i + 1}/${REPS}: interactive ${Math.round(rep.interactiveMs)} ms, pan ${round1(rep.fps)} fps`);
    }
    report(reps);
  } finally {
    await browser?.close().catch(() => undefined);
    await app.stop();
  }
}

function report(reps: TRep[]) {
  const interactive = reps.map((r) => r.interactiveMs).sort((a, b) => a - b);
  const gaps = reps.flatMap((r) => r.frameGaps).sort((a, b) => a - b);
  const counts = reps.at(-1)!.counts;
  const figures = {
    nodes: NODES,
    edges: EDGES,
    reps: reps.length,
    interactive_ms: Math.round(median(interactive)),
    interactive_max_ms: Math.round(interactive.at(-1)!),
    canvas_ready_ms: Math.round(median(reps.map((r) => r.readyMs))),
    blocking_ms: Math.round(median(reps.map((r) => r.blockingMs))),
    pan_fps: round1(median(reps.map((r) => r.fps))),
    pan_min_fps: round1(Math.min(...reps.map((r) => r.fps))),
    pan_p95_frame_ms: round1(pct(gaps, 95)),
    heap_mb: round1(median(reps.map((r) => r.heapMb))),
    rendered_nodes: counts.nodes,
    rendered_edges: counts.edges,
    problem_badges: counts.problemBadges,
    load_avg_1m: round1(loadavg()[0]!),
  };
  const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
  log(`Builder bench: ${NODES} nodes, ${EDGES} edges, ${reps.length} repetitions (fresh browser context each), 1280×800 headless Chromium`);
  log(`  canvas interactive  p50 ${figures.interactive_ms} ms, max ${figures.interactive_max_ms} ms   target < ${TARGET.interactiveMs} ms: ${mark(figures.interactive_ms < TARGET.interactiveMs)}`);
  log(`    rendered+fitted   p50 ${figures.canvas_ready_ms} ms; blocking time (long tasks beyond 50 ms) p50 ${figures.blocking_ms} ms`);
  log(`  pan ${PAN_PX} px / ${PAN_MS / 1000} s  p50 ${figures.pan_fps} fps, min ${figures.pan_min_fps} fps, p95 frame ${figures.pan_p95_frame_ms} ms   target ≥ ${TARGET.panFps} fps: ${mark(figures.pan_fps >= TARGET.panFps)}`);
  log(`  rendered            ${figures.rendered_nodes} nodes, ${figures.rendered_edges} edges, ${figures.problem_badges} problem badges`);
  log(`  JS heap after load  ${figures.heap_mb} MB (after GC)`);
  log(`  machine load (1 min average) ${figures.load_avg_1m}: other processes on the cores skew these figures`);
  log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
