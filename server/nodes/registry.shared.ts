// Isomorphic: every node type's definition, explicitly imported. The builder, the API and the worker share it.
import type { TNodeType } from "../workflows/graph.shared";
import type { TNodeDefinition } from "./types";
import { definition as manual } from "./trigger-manual/definition";
import { definition as webhook } from "./trigger-webhook/definition";
import { definition as schedule } from "./trigger-schedule/definition";
import { definition as event } from "./trigger-event/definition";
import { definition as llm } from "./ai-llm/definition";
import { definition as classifier } from "./ai-classifier/definition";
import { definition as sentiment } from "./ai-sentiment/definition";
import { definition as entities } from "./ai-entities/definition";
import { definition as retrieval } from "./ai-retrieval/definition";
import { definition as http } from "./tool-http/definition";
import { definition as mcp } from "./tool-mcp/definition";
import { definition as code } from "./tool-code/definition";
import { definition as transform } from "./tool-transform/definition";
import { definition as condition } from "./control-condition/definition";
import { definition as switchNode } from "./control-switch/definition";
import { definition as parallel } from "./control-parallel/definition";
import { definition as join } from "./control-join/definition";
import { definition as loop } from "./control-loop/definition";
import { definition as delay } from "./control-delay/definition";
import { definition as subworkflow } from "./control-subworkflow/definition";
import { definition as approval } from "./control-approval/definition";
import { definition as output } from "./control-output/definition";

// The record type makes a missing node type a compile error.
export const NODE_DEFINITIONS: Record<TNodeType, TNodeDefinition> = {
  "trigger.manual": manual,
  "trigger.webhook": webhook,
  "trigger.schedule": schedule,
  "trigger.event": event,
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
} as unknown as Record<TNodeType, TNodeDefinition>;

export function getDefinition(type: TNodeType): TNodeDefinition {
  return NODE_DEFINITIONS[type];
}

/** The definition of a stored node type, or undefined for a type this build does not know (old or foreign data). */
export function findDefinition(type: string): TNodeDefinition | undefined {
  return (NODE_DEFINITIONS as Record<string, TNodeDefinition | undefined>)[type];
}
