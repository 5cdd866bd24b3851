import type { Job } from "bullmq";
import { ZSystemJob } from "@/server/queue/definitions";
import { verifyAndRecord } from "@/server/audit/record-verification";
import type { TDb } from "@/server/db/client";
import type { TLogger } from "@/server/log";

/** Processor of the `system` queue: housekeeping jobs that any worker may run. */
export function systemProcessor(deps: { db: TDb; log: TLogger }) {
  return async (job: Job): Promise<unknown> => {
    const parsed = ZSystemJob.safeParse(job.data);
    if (!parsed.success) {
      deps.log.error({ jobId: job.id, issues: parsed.error.issues }, "malformed system job dropped");
      return { isDropped: true };
    }
    switch (parsed.data.kind) {
      case "audit.verify": {
        const result = await verifyAndRecord(deps.db);
        deps.log[result.isIntact ? "info" : "error"]({ result }, "audit chain verified");
        return result;
      }
    }
  };
}
