// What the builder benchmark runs inside the page. Plain JavaScript strings rather than functions: the page gets the
// source as written, whatever the TypeScript loader would add to a compiled function.
import type { Page } from "@playwright/test";

export type TLoadFigures = { readyMs: number; interactiveMs: number; longTasks: [number, number][] };
export type TCanvasCounts = { nodes: number; edges: number; hiddenNodes: number; problemBadges: number };
export type TViewport = { x: number; y: number; zoom: number };

/**
 * Installed before the page's own scripts. On the page's own clock (performance.now() starts at navigation):
 *  - readyAt: the editor is there and React Flow has measured and placed the canvas (nodes present, none hidden while
 *    unmeasured, edges drawn, and the viewport moved by fitView from its initial identity transform);
 *  - interactiveAt: after that, the first probe (next frame, then a task) that comes back within 50 ms: the main
 *    thread is free to answer input, as in Time to Interactive.
 */
export const LOAD_PROBE = `(() => {
  const state = { readyAt: null, interactiveAt: null, longTasks: [] };
  window.__builderBench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const isReady = () => {
    if (!document.querySelector('[data-testid="workflow-editor"]')) return false;
    const nodes = document.querySelectorAll(".react-flow__node");
    if (nodes.length === 0) return false;
    for (const n of nodes) if (n.style.visibility === "hidden") return false;
    if (document.querySelectorAll(".react-flow__edge").length === 0) return false;
    const viewport = document.querySelector(".react-flow__viewport");
    const m = viewport && /translate\\(([-\\d.e]+)px, ?([-\\d.e]+)px\\) scale\\(([-\\d.e]+)\\)/.exec(viewport.style.transform);
    return Boolean(m) && !(Number(m[1]) === 0 && Number(m[2]) === 0 && Number(m[3]) === 1);
  };
  const probe = () => {
    const start = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      const end = performance.now();
      if (end - start <= 50) state.interactiveAt = end;
      else probe();
    }, 0));
  };
  const poll = () => {
    if (isReady()) {
      state.readyAt = performance.now();
      probe();
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

export async function waitForInteractive(page: Page, timeoutMs: number): Promise<TLoadFigures> {
  await page.waitForFunction("window.__builderBench && window.__builderBench.interactiveAt !== null", null, { timeout: timeoutMs, polling: 100 });
  const state = (await page.evaluate("window.__builderBench")) as { readyAt: number; interactiveAt: number; longTasks: [number, number][] };
  return { readyMs: state.readyAt, interactiveMs: state.interactiveAt, longTasks: state.longTasks };
}

export async function countCanvas(page: Page): Promise<TCanvasCounts> {
  return (await page.evaluate(`({
    nodes: document.querySelectorAll(".react-flow__node").length,
    edges: document.querySelectorAll(".react-flow__edge").length,
    hiddenNodes: [...document.querySelectorAll(".react-flow__node")].filter((n) => n.style.visibility === "hidden").length,
    problemBadges: document.querySelectorAll('.react-flow__node [data-testid$="-problems"]').length,
  })`)) as TCanvasCounts;
}

export async function readViewport(page: Page): Promise<TViewport> {
  const transform = (await page.evaluate(`document.querySelector(".react-flow__viewport").style.transform`)) as string;
  const m = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
  if (!m) throw new Error(`cannot read the canvas viewport transform "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/**
 * A point of the empty pane (React Flow pans when the pane itself is dragged) with room to drag `distance` px
 * horizontally inside the canvas; the direction is the side with more room.
 */
export async function findPanePoint(page: Page, distance: number): Promise<{ x: number; y: number; dx: number }> {
  const found = (await page.evaluate(`(() => {
    const rect = document.querySelector('[data-testid="builder-canvas"]').getBoundingClientRect();
    const distance = ${distance};
    for (const fy of [0.5, 0.3, 0.7, 0.4, 0.6, 0.2, 0.8]) {
      const y = Math.round(rect.top + rect.height * fy);
      for (const fx of [0.08, 0.92, 0.15, 0.85, 0.25, 0.75]) {
        const x = Math.round(rect.left + rect.width * fx);
        const el = document.elementFromPoint(x, y);
        if (!el || !el.classList.contains("react-flow__pane")) continue;
        const dx = x - rect.left > rect.right - x ? -distance : distance;
        if (x + dx > rect.left + 4 && x + dx < rect.right - 4) return { x, y, dx };
      }
    }
    return null;
  })()`)) as { x: number; y: number; dx: number } | null;
  if (!found) throw new Error("found no empty spot on the canvas to drag from (is the canvas covered by nodes or panels?)");
  return found;
}

export const FRAME_COUNTER = {
  start: `(() => {
    const s = { times: [], isRunning: true };
    const tick = (t) => { s.times.push(t); if (s.isRunning) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    window.__builderBenchFrames = s;
  })()`,
  stop: `(() => { const s = window.__builderBenchFrames; s.isRunning = false; return s.times; })()`,
};

/** Drags the pane by `dx` in `steps` mouse moves spread evenly over `durationMs`; returns the frame times meanwhile. */
export async function dragPane(page: Page, from: { x: number; y: number }, dx: number, steps: number, durationMs: number): Promise<number[]> {
  await page.mouse.move(from.x, from.y);
  await page.evaluate(FRAME_COUNTER.start);
  await page.mouse.down();
  const started = Date.now();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y);
    const wait = started + (durationMs * i) / steps - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await page.mouse.up();
  return (await page.evaluate(FRAME_COUNTER.stop)) as number[];
}
