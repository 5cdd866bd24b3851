import { z } from "zod";
import { CronExpressionParser } from "cron-parser";
import type { TNodeDefinition } from "../types";
import { MAIN_OUTPUT, NO_PORTS } from "../ports.shared";

function isValidCron(value: string, tz: string): boolean {
  try {
    CronExpressionParser.parse(value, { tz });
    return true;
  } catch {
    return false;
  }
}

export const ZScheduleTriggerConfig = z
  .object({
    cron: z.string().trim().min(9, "Enter a cron expression, e.g. 0 9 * * 1-5"),
    timezone: z.string().default("UTC"),
    input: z.unknown().optional(),
  })
  .superRefine((c, ctx) => {
    if (!Intl.supportedValuesOf("timeZone").includes(c.timezone) && c.timezone !== "UTC") {
      ctx.addIssue({ code: "custom", path: ["timezone"], message: `Unknown time zone "${c.timezone}"` });
    } else if (!isValidCron(c.cron, c.timezone)) {
      ctx.addIssue({ code: "custom", path: ["cron"], message: `"${c.cron}" is not a valid cron expression` });
    }
  });

export const definition: TNodeDefinition<typeof ZScheduleTriggerConfig> = {
  type: "trigger.schedule",
  version: 1,
  label: "Schedule",
  category: "trigger",
  icon: "calendar-clock",
  description: "Starts a run on a cron schedule in a time zone. Pausing the workflow pauses the schedule.",
  configSchema: ZScheduleTriggerConfig,
  defaults: { cron: "0 9 * * 1-5", timezone: "UTC" },
  inputs: NO_PORTS,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => `${c.cron} (${c.timezone})`,
  ui: { cron: { kind: "text" }, timezone: { kind: "text" }, input: { kind: "json" } },
};
