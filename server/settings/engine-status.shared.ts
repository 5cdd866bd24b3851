// Isomorphic: what Settings → Engine shows and sends. Dates travel as ISO strings.
import { z } from "zod";

export type TEmergencyStopState = {
  isStopped: boolean;
  /** Why it was stopped; null while running. */
  reason: string | null;
  /** Who stopped it (or, while running, who last resumed it); null if nobody ever has. */
  changedBy: string | null;
  changedAt: string | null;
};

export type TWorkerRow = {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  queues: string[];
  concurrency: number;
  version: string;
};

export type TQueueCounts = { name: string; waiting: number; active: number; delayed: number; failed: number };

export type TBreakerState = "closed" | "open" | "half_open";

export type TBreakerRow = {
  key: string;
  kind: "provider" | "host" | "other";
  /** The provider's name or the host (with port); the key itself for anything else. */
  label: string;
  state: TBreakerState;
  failures: number;
  openedAt: string | null;
  nextProbeAt: string | null;
};

export type TEngineStatus = {
  emergencyStop: TEmergencyStopState;
  workers: TWorkerRow[];
  queues: TQueueCounts[];
  breakers: TBreakerRow[];
  checkedAt: string;
};

export const EMERGENCY_REASON_MIN = 3;
export const EMERGENCY_REASON_MAX = 500;

export const ZEmergencyStopRequest = z.strictObject({
  reason: z
    .string({ error: "Say why you are stopping the engine." })
    .trim()
    .min(EMERGENCY_REASON_MIN, `Say why you are stopping the engine (at least ${EMERGENCY_REASON_MIN} characters).`)
    .max(EMERGENCY_REASON_MAX, `Keep the reason under ${EMERGENCY_REASON_MAX} characters.`),
});
export type TEmergencyStopRequest = z.infer<typeof ZEmergencyStopRequest>;

export const ZBreakerResetRequest = z.strictObject({
  key: z
    .string({ error: "Name the circuit breaker to reset." })
    .trim()
    .min(1, "Name the circuit breaker to reset.")
    .max(300, "This is not a circuit breaker key.")
    .regex(/^(provider|host):\S+$/, "A breaker key looks like provider:<id> or host:<hostname>."),
});
export type TBreakerResetRequest = z.infer<typeof ZBreakerResetRequest>;
