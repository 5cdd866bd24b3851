// The services handed to executors, including the engine's own (sub-workflow runs).
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import type { TLogger } from "../log";
import type { TServices } from "../nodes/execute-types";
import { NodeError } from "../nodes/node-error";
import { isAppError } from "../errors";
import { startRun } from "./start-run";
import { governanceDeps } from "../governance/default-deps";

export function createServices(deps: { db: TDb; redis: TRedis; log: TLogger }): TServices {
  return {
    ...deps,
    governance: governanceDeps(deps),
    engine: {
      async startChildRun({ workflowId, input, parentRunId, parentStepRunId, vault }) {
        // A step re-run after a crash finds the child it already started instead of starting a second one.
        const existing = await deps.db.run.findFirst({ where: { parentStepRunId }, select: { id: true } });
        if (existing) return existing.id;
        const parent = await deps.db.run.findUniqueOrThrow({ where: { id: parentRunId }, select: { teamId: true } });
        try {
          const { runId } = await startRun(deps, {
            workflowId,
            input: { body: input ?? null, parentRunId },
            triggerType: "subworkflow",
            actor: { type: "worker", label: "engine" },
            parentRunId,
            parentStepRunId,
            teamId: parent.teamId,
            vault,
          });
          return runId;
        } catch (error) {
          if (isAppError(error)) throw new NodeError("INVALID_CONFIG", `Sub-workflow: ${error.message}`);
          throw error;
        }
      },
      async childVault(childRunId) {
        const child = await deps.db.run.findUnique({ where: { id: childRunId }, select: { piiVault: true } });
        return child?.piiVault ?? null;
      },
    },
  };
}
