import type { z } from "zod";
import type { TExecutor } from "../execute-types";
import type { ZJoinConfig } from "./definition";

export const execute: TExecutor<z.infer<typeof ZJoinConfig>> = async (ctx) => ({
  kind: "done",
  output: Object.fromEntries(ctx.inputs.map((i) => [i.nodeId, i.output])),
});
