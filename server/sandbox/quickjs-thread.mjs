// A worker thread of the code sandbox pool (sandbox-pool.ts): runs one script at a time in QuickJS compiled to
// WebAssembly and answers with JSON strings. Plain JavaScript on purpose: the thread loads the same way under tsx
// (the worker process), Vitest and plain Node, without a TypeScript loader.
//
// The sandbox has no host objects but the ones given here (a captured `console`): no network, filesystem, modules,
// timers or process. Each run gets a fresh runtime and context, so nothing carries over between runs. A script
// blocks this thread, never the process's event loop; QuickJS's interrupt handler stops it at its time limit, and the
// pool terminates the thread if it overruns that (the hard kill).
//
// Memory: in this QuickJS build `runtime.setMemoryLimit` only counts 8 bytes per allocation (malloc_usable_size is
// unavailable under Emscripten), so one `new ArrayBuffer(1e9)` or a few large strings pass it. The real limit is the
// WebAssembly memory itself: every module gets its own `WebAssembly.Memory` whose maximum is the limit plus the
// interpreter's baseline, so a run cannot take more than that, and a module whose memory grew is dropped afterwards
// (WebAssembly memory never shrinks) instead of keeping that memory in the thread.
//
// Protocol (validated by the pool): `{ kind: "ready" }` once warm; in `{ id, code, inputJson, timeoutMs, memoryLimitMb,
// maxResultBytes?, isSoftLimitEnabled }`; out `{ id, kind: "ok", resultJson, logs }`, `{ id, kind: "too-large", bytes, logs }`
// (a result over maxResultBytes of UTF-8 JSON is refused here, so it never crosses to the pool's process),
// `{ id, kind: "timeout" }` or `{ id, kind: "error", code, message, details? }`.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { RELEASE_SYNC, newQuickJSWASMModule, newVariant } from "quickjs-emscripten";

const MB = 1024 * 1024;
const WASM_PAGE_BYTES = 64 * 1024;
/** The QuickJS module declares 16 MB of initial memory; about 5.3 MB of it are static data, stack and a context. */
const MIN_MEMORY_BYTES = 16 * MB;
const BASELINE_BYTES = 6 * MB;
const MAX_IDLE_MODULES = 4;
/** QuickJS's own stack limit; well below what the host stack can take, so deep recursion fails inside the VM. */
const MAX_STACK_BYTES = 256 * 1024;
const MAX_LOG_LINES = 100;
const MAX_LOG_CHARS = 1000;
const LEVELS = ["log", "info", "warn", "error", "debug"];

/** Thrown inside this file for an expected failure; becomes an `error` answer. */
class SandboxFailure extends Error {
  constructor(code, message, details) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Thrown when QuickJS's interrupt handler stopped the script at its time limit; the pool words the message. */
class TimeLimitReached extends Error {}

/** Thrown when the result's JSON is above the job's maxResultBytes; the Code node words the message. */
class ResultTooLarge extends Error {
  constructor(bytes, logs) {
    super("result too large");
    this.bytes = bytes;
    this.logs = logs;
  }
}

let compiledWasm;
/** Clean modules ready for another run, at most one per memory limit. */
const idleModules = new Map();

/** Compiled once per thread (~20 ms); instantiating it for a new memory takes a few ms. */
function compileWasm() {
  compiledWasm ??= (async () => {
    const fromQuickJs = createRequire(createRequire(import.meta.url).resolve("quickjs-emscripten"));
    return WebAssembly.compile(await readFile(fromQuickJs.resolve("@jitl/quickjs-wasmfile-release-sync/wasm")));
  })().catch((error) => {
    compiledWasm = undefined;
    throw error;
  });
  return compiledWasm;
}

async function acquireModule(limitMb) {
  const idle = idleModules.get(limitMb);
  if (idle) {
    idleModules.delete(limitMb);
    return idle;
  }
  const maxBytes = Math.max(MIN_MEMORY_BYTES, limitMb * MB + BASELINE_BYTES);
  const memory = new WebAssembly.Memory({
    initial: MIN_MEMORY_BYTES / WASM_PAGE_BYTES,
    maximum: Math.ceil(maxBytes / WASM_PAGE_BYTES),
  });
  const variant = newVariant(RELEASE_SYNC, { wasmModule: await compileWasm(), wasmMemory: memory });
  return { quickjs: await newQuickJSWASMModule(variant), memory, maxBytes, limitMb };
}

function releaseModule(sandbox, isClean) {
  if (!isClean || sandbox.memory.buffer.byteLength > MIN_MEMORY_BYTES) return;
  idleModules.set(sandbox.limitMb, sandbox);
  const oldest = idleModules.keys().next();
  if (idleModules.size > MAX_IDLE_MODULES && !oldest.done) idleModules.delete(oldest.value);
}

async function run(job) {
  const sandbox = await acquireModule(job.memoryLimitMb);
  const runtime = sandbox.quickjs.newRuntime();
  let isClean = true;
  try {
    // Secondary: caps the number of live allocations (see above), which stops floods of small objects early.
    runtime.setMemoryLimit(job.memoryLimitMb * MB);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    if (job.isSoftLimitEnabled) {
      const deadline = Date.now() + job.timeoutMs;
      runtime.setInterruptHandler(() => Date.now() > deadline);
    }
    const vm = runtime.newContext();
    try {
      return runInContext(vm, job, sandbox);
    } finally {
      vm.dispose();
    }
  } catch (error) {
    if (error instanceof SandboxFailure || error instanceof TimeLimitReached || error instanceof ResultTooLarge) throw error;
    // An exception from the host side (e.g. the host stack exhausted by deeply nested values inside the WebAssembly
    // code) may leave the module's memory inconsistent: never reuse it.
    isClean = false;
    if (isMemoryExhausted(sandbox)) throw memoryFailure(job);
    const isStack = error instanceof RangeError;
    throw new SandboxFailure(
      "CODE_ERROR",
      isStack ? "Code nested values or calls too deeply and was stopped." : "The code sandbox failed while running this code.",
      { limit: isStack ? "stack" : "sandbox" },
    );
  } finally {
    // A module left inconsistent is dropped whole (its memory with it), so its runtime is not freed: QuickJS would
    // abort on the objects the interrupted host call left behind.
    if (isClean) {
      try {
        runtime.dispose();
      } catch {
        isClean = false;
      }
    }
    releaseModule(sandbox, isClean);
  }
}

function runInContext(vm, job, sandbox) {
  const logs = new LogCollector();
  const handles = [];
  const keep = (handle) => {
    handles.push(handle);
    return handle;
  };
  // Dumping an error needs memory and time: lift the limits that may have caused it.
  const fail = (errorHandle, phase) => {
    keep(errorHandle);
    vm.runtime.removeInterruptHandler();
    vm.runtime.setMemoryLimit(-1);
    throw toFailure(vm.dump(errorHandle), phase, job, sandbox);
  };
  try {
    const hostLog = keep(vm.newFunction("log", (level, message) => logs.add(vm.getString(level), vm.getString(message))));
    const prelude = vm.evalCode(PRELUDE, "baton-prelude.js");
    if (prelude.error) return fail(prelude.error, "setup");
    const setup = vm.callFunction(keep(prelude.value), vm.undefined, hostLog);
    if (setup.error) return fail(setup.error, "setup");
    const helpers = keep(setup.value);
    const parsed = vm.callFunction(keep(vm.getProp(helpers, "parse")), vm.undefined, keep(vm.newString(job.inputJson)));
    if (parsed.error) return fail(parsed.error, "setup");
    const inputHandle = keep(parsed.value);

    const compiled = vm.evalCode(wrapUserCode(job.code), "code.js");
    if (compiled.error) return fail(compiled.error, "syntax");
    const fn = keep(compiled.value);
    if (vm.typeof(fn) !== "function") {
      throw new SandboxFailure("CODE_ERROR", "Code must be the body of a function that ends with `return <value>`.");
    }
    const called = vm.callFunction(fn, vm.undefined, inputHandle);
    if (called.error) return fail(called.error, "run");
    const serialized = vm.callFunction(keep(vm.getProp(helpers, "serialize")), vm.undefined, keep(called.value));
    if (serialized.error) return fail(serialized.error, "result");
    const resultJson = vm.getString(keep(serialized.value));
    if (typeof job.maxResultBytes === "number") {
      const bytes = Buffer.byteLength(resultJson, "utf8");
      if (bytes > job.maxResultBytes) throw new ResultTooLarge(bytes, logs.list());
    }
    return { resultJson, logs: logs.list() };
  } finally {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
  }
}

/** The user's code becomes a function body; its first line stays line 1 of "code.js" so error lines match the editor. */
function wrapUserCode(code) {
  return `(function (input) { "use strict"; ${code}\n})`;
}

// Runs first in every context: installs `console` over the host log function and returns helpers captured before
// user code runs (so a user redefining JSON cannot break reading the input or checking the result).
const PRELUDE = `(function (hostLog) {
  "use strict";
  const { parse, stringify } = JSON;
  const format = (value) => {
    if (typeof value === "string") return value;
    if (value instanceof Error) return String(value);
    try { const json = stringify(value); return json === undefined ? String(value) : json; } catch { return String(value); }
  };
  const writer = (level) => (...args) => { hostLog(level, args.map(format).join(" ").slice(0, ${MAX_LOG_CHARS})); };
  globalThis.console = Object.freeze({
    log: writer("log"), info: writer("info"), warn: writer("warn"), error: writer("error"), debug: writer("debug"),
  });
  const kindOf = (value) => (typeof value === "bigint" ? "a BigInt" : typeof value === "symbol" ? "a symbol" : "a function");
  return {
    parse: (text) => parse(text),
    serialize(value) {
      if (value === undefined) return "null";
      if (value !== null && typeof value === "object" && typeof value.then === "function") {
        throw new TypeError("it is a Promise; code runs synchronously, so return a plain value");
      }
      return stringify(value, function (key, entry) {
        const type = typeof entry;
        if (type === "function" || type === "symbol" || type === "bigint") {
          throw new TypeError(kindOf(entry) + (key === "" ? "" : ' at key "' + key + '"'));
        }
        return entry;
      });
    },
  };
})`;

/** Keeps the first lines and counts the rest, so a chatty loop cannot flood the step output. */
class LogCollector {
  lines = [];
  dropped = 0;

  add(level, message) {
    if (this.lines.length >= MAX_LOG_LINES) {
      this.dropped += 1;
      return;
    }
    this.lines.push({ level: LEVELS.includes(level) ? level : "log", message: message.slice(0, MAX_LOG_CHARS) });
  }

  list() {
    if (this.dropped === 0) return this.lines;
    return [...this.lines, { level: "warn", message: `… ${this.dropped} more log lines were dropped` }];
  }
}

function isDumpedError(value) {
  return value !== null && typeof value === "object" && typeof value.name === "string" && typeof value.message === "string";
}

/** Turns what QuickJS threw into a step failure a person understands. */
function toFailure(thrown, phase, job, sandbox) {
  // Out of memory while building the error object leaves QuickJS throwing null or "": the memory tells.
  if (!isDumpedError(thrown) && (thrown === null || thrown === "") && isMemoryExhausted(sandbox)) return memoryFailure(job);
  if (!isDumpedError(thrown)) {
    return new SandboxFailure("CODE_ERROR", `Code threw ${shorten(safeJson(thrown))} (throw an Error to get a line number).`);
  }
  if (thrown.name === "InternalError" && thrown.message === "interrupted") return new TimeLimitReached();
  if (thrown.message === "out of memory") {
    const megabytes = Math.ceil(job.inputJson.length / MB);
    return phase === "setup"
      ? new SandboxFailure("CODE_ERROR", `The input of the code (${megabytes} MB of JSON) does not fit in ${job.memoryLimitMb} MB.`, {
          limit: "memory",
        })
      : memoryFailure(job);
  }
  if (thrown.message === "stack overflow") {
    return new SandboxFailure("CODE_ERROR", "Code recursed too deeply (stack overflow).", { limit: "stack" });
  }
  if (phase === "result") return new SandboxFailure("INVALID_OUTPUT", `Code returned a value that is not JSON: ${thrown.message}.`);
  const line = thrown.lineNumber ?? Number(/code\.js:(\d+)/.exec(thrown.stack ?? "")?.[1] ?? Number.NaN);
  const where = Number.isFinite(line) ? ` at line ${line}` : "";
  const details = Number.isFinite(line) ? { line } : undefined;
  if (phase === "syntax") {
    const hint = /\bawait\b/.test(job.code) ? " Code runs synchronously: `await`, promises and timers are not available." : "";
    return new SandboxFailure("CODE_ERROR", `Code has a syntax error${where}: ${thrown.message}.${hint}`, details);
  }
  return new SandboxFailure("CODE_ERROR", `Code threw an error${where}: ${thrown.name}: ${shorten(thrown.message)}`, details);
}

function memoryFailure(job) {
  return new SandboxFailure("CODE_ERROR", `Code used more than ${job.memoryLimitMb} MB.`, { limit: "memory" });
}

/** The module's memory has (nearly) reached its maximum: the last allocation that failed was the user's. */
function isMemoryExhausted(sandbox) {
  return sandbox.memory.buffer.byteLength + 4 * MB > sandbox.maxBytes;
}

function safeJson(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function shorten(text) {
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

// Warm-up: compile QuickJS and prepare a module for the usual memory limit, then tell the pool this thread is ready.
const warmLimitMb = typeof workerData?.warmMemoryLimitMb === "number" ? workerData.warmMemoryLimitMb : 32;
acquireModule(warmLimitMb).then(
  (sandbox) => {
    releaseModule(sandbox, true);
    parentPort?.postMessage({ kind: "ready" });
  },
  () => process.exit(1),
);

parentPort?.on("message", async (job) => {
  try {
    const { resultJson, logs } = await run(job);
    parentPort?.postMessage({ id: job.id, kind: "ok", resultJson, logs });
  } catch (error) {
    if (error instanceof TimeLimitReached) {
      parentPort?.postMessage({ id: job.id, kind: "timeout" });
    } else if (error instanceof ResultTooLarge) {
      parentPort?.postMessage({ id: job.id, kind: "too-large", bytes: error.bytes, logs: error.logs });
    } else if (error instanceof SandboxFailure) {
      parentPort?.postMessage({ id: job.id, kind: "error", code: error.code, message: error.message, details: error.details });
    } else {
      parentPort?.postMessage({ id: job.id, kind: "error", code: "CODE_ERROR", message: "The code sandbox failed while running this code." });
    }
  }
});
