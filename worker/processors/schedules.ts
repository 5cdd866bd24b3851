import type { Job } from "bullmq";
import { ZScheduleJob } from "@/server/queue/definitions";
import { fireSchedule } from "@/server/engine/schedules";
import type { TEngineDeps } from "@/server/engine/engine-deps";

/** Processor of the `schedules` queue: a workflow's cron fired; start its run. */
export function schedulesProcessor(deps: TEngineDeps) {
  return async (job: Job): Promise<string | null> => {
    const parsed = ZScheduleJob.safeParse(job.data);
    if (!parsed.success) return null;
    return fireSchedule(deps, parsed.data.workflowId, new Date(job.timestamp));
  };
}
