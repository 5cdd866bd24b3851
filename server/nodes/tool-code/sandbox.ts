// Runs user JavaScript in QuickJS compiled to WebAssembly. The sandbox has no host objects but the ones given here
// (a captured `console`): no network, filesystem, modules, timers or process. Each run gets a fresh runtime and
// context, so nothing carries over between runs. Execution is synchronous and blocks this thread until it ends
// (30 s at most), which is why the time limit is capped.
//
// Memory: in this QuickJS build `runtime.setMemoryLimit` only counts 8 bytes per allocation (malloc_usable_size is
// unavailable under Emscripten), so one `new ArrayBuffer(1e9)` or a few large strings pass it. The real limit is the
// WebAssembly memory itself: every module gets its own `WebAssembly.Memory` whose maximum is the limit plus the
// interpreter's baseline, so a run cannot take more than that, and a module whose memory grew is dropped afterwards
// (WebAssembly memory never shrinks) instead of keeping that memory in the worker.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import {
  RELEASE_SYNC,
  newQuickJSWASMModule,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from "quickjs-emscripten";
import { NodeError } from "../node-error";

export type TSandboxLog = { level: "log" | "info" | "warn" | "error" | "debug"; message: string };
export type TSandboxOptions = { timeoutMs: number; memoryLimitMb: number; signal?: AbortSignal };
export type TSandboxResult = { result: unknown; logs: TSandboxLog[] };

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

type TSandboxModule = { quickjs: QuickJSWASMModule; memory: WebAssembly.Memory; maxBytes: number; limitMb: number };

let compiledWasm: Promise<WebAssembly.Module> | undefined;
/** Clean modules ready for another run, at most one per memory limit. */
const idleModules = new Map<number, TSandboxModule>();

/** Compiled once per process (~20 ms); instantiating it for a new memory takes a few ms. */
function compileWasm(): Promise<WebAssembly.Module> {
  compiledWasm ??= (async () => {
    const fromQuickJs = createRequire(createRequire(import.meta.url).resolve("quickjs-emscripten"));
    return WebAssembly.compile(await readFile(fromQuickJs.resolve("@jitl/quickjs-wasmfile-release-sync/wasm")));
  })().catch((error: unknown) => {
    compiledWasm = undefined;
    throw error;
  });
  return compiledWasm;
}

async function acquireModule(limitMb: number): Promise<TSandboxModule> {
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

function releaseModule(sandbox: TSandboxModule, isClean: boolean): void {
  if (!isClean || sandbox.memory.buffer.byteLength > MIN_MEMORY_BYTES) return;
  idleModules.set(sandbox.limitMb, sandbox);
  const oldest = idleModules.keys().next();
  if (idleModules.size > MAX_IDLE_MODULES && !oldest.done) idleModules.delete(oldest.value);
}

export async function runInSandbox(code: string, input: unknown, options: TSandboxOptions): Promise<TSandboxResult> {
  const inputJson = JSON.stringify(input ?? null);
  const sandbox = await acquireModule(options.memoryLimitMb);
  if (options.signal?.aborted) {
    releaseModule(sandbox, true);
    throw new NodeError("CANCELLED", "Code was not run because the step was cancelled.");
  }
  const runtime = sandbox.quickjs.newRuntime();
  let isClean = true;
  try {
    // Secondary: caps the number of live allocations (see above), which stops floods of small objects early.
    runtime.setMemoryLimit(options.memoryLimitMb * MB);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    const deadline = Date.now() + options.timeoutMs;
    runtime.setInterruptHandler(() => Date.now() > deadline || options.signal?.aborted === true);
    const vm = runtime.newContext();
    try {
      return runInContext(vm, code, inputJson, { ...options, code, inputBytes: inputJson.length, sandbox });
    } finally {
      vm.dispose();
    }
  } catch (error) {
    if (error instanceof NodeError) throw error;
    // An exception from the host side (e.g. the host stack exhausted by deeply nested values inside the WebAssembly
    // code) may leave the module's memory inconsistent: never reuse it.
    isClean = false;
    if (isMemoryExhausted(sandbox)) throw limitError(`Code used more than ${options.memoryLimitMb} MB.`, "memory");
    const isStack = error instanceof RangeError;
    throw new NodeError(
      "CODE_ERROR",
      isStack
        ? "Code nested values or calls too deeply and was stopped."
        : "The code sandbox failed while running this code.",
      { cause: error, details: { limit: isStack ? "stack" : "sandbox" } },
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

function runInContext(vm: QuickJSContext, code: string, inputJson: string, ctx: TErrorContext): TSandboxResult {
  const logs = new LogCollector();
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle) => {
    handles.push(handle);
    return handle;
  };
  // Dumping an error needs memory and time: lift the limits that may have caused it.
  const fail = (errorHandle: QuickJSHandle, phase: TPhase): never => {
    keep(errorHandle);
    vm.runtime.removeInterruptHandler();
    vm.runtime.setMemoryLimit(-1);
    throw toSandboxError(vm.dump(errorHandle), phase, ctx);
  };
  try {
    const hostLog = keep(
      vm.newFunction("log", (level, message) => logs.add(vm.getString(level), vm.getString(message))),
    );
    const prelude = vm.evalCode(PRELUDE, "baton-prelude.js");
    if (prelude.error) return fail(prelude.error, "setup");
    const setup = vm.callFunction(keep(prelude.value), vm.undefined, hostLog);
    if (setup.error) return fail(setup.error, "setup");
    const helpers = keep(setup.value);
    const parsed = vm.callFunction(keep(vm.getProp(helpers, "parse")), vm.undefined, keep(vm.newString(inputJson)));
    if (parsed.error) return fail(parsed.error, "setup");
    const inputHandle = keep(parsed.value);

    const compiled = vm.evalCode(wrapUserCode(code), "code.js");
    if (compiled.error) return fail(compiled.error, "syntax");
    const fn = keep(compiled.value);
    if (vm.typeof(fn) !== "function") {
      throw new NodeError("CODE_ERROR", "Code must be the body of a function that ends with `return <value>`.");
    }
    const called = vm.callFunction(fn, vm.undefined, inputHandle);
    if (called.error) return fail(called.error, "run");
    const serialized = vm.callFunction(keep(vm.getProp(helpers, "serialize")), vm.undefined, keep(called.value));
    if (serialized.error) return fail(serialized.error, "result");
    const json = vm.getString(keep(serialized.value));
    return { result: JSON.parse(json) as unknown, logs: logs.list() };
  } finally {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
  }
}

/** The user's code becomes a function body; its first line stays line 1 of "code.js" so error lines match the editor. */
function wrapUserCode(code: string): string {
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
  private readonly lines: TSandboxLog[] = [];
  private dropped = 0;

  add(level: string, message: string): void {
    if (this.lines.length >= MAX_LOG_LINES) {
      this.dropped += 1;
      return;
    }
    const knownLevel = (["log", "info", "warn", "error", "debug"] as const).find((l) => l === level) ?? "log";
    this.lines.push({ level: knownLevel, message: message.slice(0, MAX_LOG_CHARS) });
  }

  list(): TSandboxLog[] {
    if (this.dropped === 0) return this.lines;
    return [...this.lines, { level: "warn", message: `… ${this.dropped} more log lines were dropped` }];
  }
}

type TPhase = "setup" | "syntax" | "run" | "result";
type TDumpedError = { name: string; message: string; stack?: string; lineNumber?: number };
type TErrorContext = TSandboxOptions & { code: string; inputBytes: number; sandbox: TSandboxModule };

function isDumpedError(value: unknown): value is TDumpedError {
  if (value === null || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record.name === "string" && typeof record.message === "string";
}

/** Turns what QuickJS threw into a step failure a person understands. */
function toSandboxError(thrown: unknown, phase: TPhase, ctx: TErrorContext): NodeError {
  // Out of memory while building the error object leaves QuickJS throwing null or "": the memory tells.
  if (!isDumpedError(thrown) && (thrown === null || thrown === "") && isMemoryExhausted(ctx.sandbox)) {
    return limitError(`Code used more than ${ctx.memoryLimitMb} MB.`, "memory");
  }
  if (!isDumpedError(thrown)) {
    return new NodeError(
      "CODE_ERROR",
      `Code threw ${shorten(safeJson(thrown))} (throw an Error to get a line number).`,
    );
  }
  if (thrown.name === "InternalError" && thrown.message === "interrupted") {
    if (ctx.signal?.aborted) return new NodeError("CANCELLED", "Code was stopped because the step was cancelled.");
    return limitError(`Code took longer than ${ctx.timeoutMs} ms and was stopped.`, "time");
  }
  if (thrown.message === "out of memory") {
    const megabytes = Math.ceil(ctx.inputBytes / (1024 * 1024));
    return phase === "setup"
      ? limitError(`The input of the code (${megabytes} MB of JSON) does not fit in ${ctx.memoryLimitMb} MB.`, "memory")
      : limitError(`Code used more than ${ctx.memoryLimitMb} MB.`, "memory");
  }
  if (thrown.message === "stack overflow") return limitError("Code recursed too deeply (stack overflow).", "stack");
  if (phase === "result") {
    return new NodeError("INVALID_OUTPUT", `Code returned a value that is not JSON: ${thrown.message}.`);
  }
  const line = thrown.lineNumber ?? Number(/code\.js:(\d+)/.exec(thrown.stack ?? "")?.[1] ?? Number.NaN);
  const where = Number.isFinite(line) ? ` at line ${line}` : "";
  const details = Number.isFinite(line) ? { line } : undefined;
  if (phase === "syntax") {
    const hint = /\bawait\b/.test(ctx.code)
      ? " Code runs synchronously: `await`, promises and timers are not available."
      : "";
    return new NodeError("CODE_ERROR", `Code has a syntax error${where}: ${thrown.message}.${hint}`, { details });
  }
  return new NodeError("CODE_ERROR", `Code threw an error${where}: ${thrown.name}: ${shorten(thrown.message)}`, {
    details,
  });
}

/** The module's memory has (nearly) reached its maximum: the last allocation that failed was the user's. */
function isMemoryExhausted(sandbox: TSandboxModule): boolean {
  return sandbox.memory.buffer.byteLength + 4 * MB > sandbox.maxBytes;
}

function limitError(message: string, limit: "time" | "memory" | "stack"): NodeError {
  return new NodeError("CODE_ERROR", message, { details: { limit } });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
