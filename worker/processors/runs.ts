import type { Job } from "bullmq";
import { ZRunJob } from "@/server/queue/definitions";
import { processRun } from "@/server/engine/process-run";
import type { TEngineDeps } from "@/server/engine/engine-deps";

/** Processor of the `runs` queue: one pass over the run named by the job. */
export function runsProcessor(deps: TEngineDeps) {
  return async (job: Job): Promise<string> => {
    const parsed = ZRunJob.safeParse(job.data);
    if (!parsed.success) {
      deps.log.error({ jobId: job.id }, "malformed run job dropped");
      return "dropped";
    }
    return processRun(deps, parsed.data.runId);
  };
}
