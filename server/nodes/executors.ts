// Server-only: every node type's executor, explicitly imported.
import type { TNodeType } from "../workflows/graph.shared";
import type { TExecutor } from "./execute-types";
import { executeTrigger } from "./trigger-shared-execute";
import { execute as llm } from "./ai-llm/execute";
import { execute as classifier } from "./ai-classifier/execute";
import { execute as sentiment } from "./ai-sentiment/execute";
import { execute as entities } from "./ai-entities/execute";
import { execute as retrieval } from "./ai-retrieval/execute";
import { execute as http } from "./tool-http/execute";
import { execute as mcp } from "./tool-mcp/execute";
import { execute as code } from "./tool-code/execute";
import { execute as transform } from "./tool-transform/execute";
import { execute as condition } from "./control-condition/execute";
import { execute as switchNode } from "./control-switch/execute";
import { execute as parallel } from "./control-parallel/execute";
import { execute as join } from "./control-join/execute";
import { execute as loop } from "./control-loop/execute";
import { execute as delay } from "./control-delay/execute";
import { execute as subworkflow } from "./control-subworkflow/execute";
import { execute as approval } from "./control-approval/execute";
import { execute as output } from "./control-output/execute";

type TAnyExecutor = TExecutor<never>;

export const NODE_EXECUTORS: Record<TNodeType, TAnyExecutor> = {
  "trigger.manual": executeTrigger,
  "trigger.webhook": executeTrigger,
  "trigger.schedule": executeTrigger,
  "trigger.event": executeTrigger,
  "ai.llm": llm,
  "ai.classifier": classifier,
  "ai.sentiment": sentiment,
  "ai.entities": entities,
  "ai.retrieval": retrieval,
  "tool.http": http,
  "tool.mcp": mcp,
  "tool.code": code,
  "tool.transform": transform,
  "control.condition": condition,
  "control.switch": switchNode,
  "control.parallel": parallel,
  "control.join": join,
  "control.loop": loop,
  "control.delay": delay,
  "control.subworkflow": subworkflow,
  "control.approval": approval,
  "control.output": output,
};

/** Executors are typed by their own config; the engine calls them with the config their definition parsed. */
export function getExecutor(type: TNodeType): TExecutor<unknown> {
  return NODE_EXECUTORS[type] as unknown as TExecutor<unknown>;
}
