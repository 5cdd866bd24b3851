// CPU time used by the processes of a benchmark (Linux /proc): on a shared machine, runs/s moves with whatever else
// runs, while the CPU each run costs barely does, so the engine bench reports both.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_S = 100; // USER_HZ; the same on every Linux build that matters here

/**
 * utime + stime of a process in ms (all its threads), or of its main thread alone (a Node process's JavaScript runs
 * there, so it caps what one process can do); null once it is gone (or off Linux).
 */
function cpuMsOf(pid: number, isMainThreadOnly = false): number | null {
  try {
    const stat = readFileSync(isMainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}

/** Every process of a process group (a detached child and what it spawned). */
export function groupPids(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
    } catch {
      return false;
    }
  });
}

export type TCpuSnapshot = Map<number, number>;

export function snapshotCpu(pids: number[], isMainThreadOnly = false): TCpuSnapshot {
  const snap = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuMsOf(pid, isMainThreadOnly);
    if (ms !== null) snap.set(pid, ms);
  }
  return snap;
}

/** CPU ms used since `before` by `pids` (processes started since count from zero). */
export function cpuMsSince(before: TCpuSnapshot, pids: number[], isMainThreadOnly = false): number {
  let total = 0;
  for (const [pid, ms] of snapshotCpu(pids, isMainThreadOnly)) total += ms - (before.get(pid) ?? 0);
  return total;
}
