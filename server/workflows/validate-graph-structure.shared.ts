// Whole-graph rules: one trigger, no cycles except through a Loop's "back" port, well-formed loop bodies, every node
// reachable, joins that can be satisfied, conditions that lead somewhere.
import type { TGraphProblem } from "./graph-problems.shared";
import { describeConnection } from "./validate-graph-edges.shared";
import {
  collectLoopBody,
  cyclePath,
  findCycles,
  isBackEdge,
  isLoop,
  LOOP_BACK_HANDLE,
  LOOP_ITEM_HANDLE,
  type TTopology,
} from "./validate-graph-topology.shared";

export function checkStructure(topology: TTopology, problems: TGraphProblem[]): void {
  const triggers = checkTriggers(topology, problems);
  checkCycles(topology, problems);
  checkLoops(topology, problems);
  checkReachability(topology, triggers, problems);
  checkBranching(topology, problems);
}

function quoteList(ids: string[]): string {
  return ids.map((id) => `"${id}"`).join(", ");
}

function checkTriggers(topology: TTopology, problems: TGraphProblem[]): string[] {
  const triggers = [...topology.graph.nodes.values()].filter((n) => n.isTrigger).map((n) => n.id);
  if (triggers.length === 0) {
    problems.push({
      nodeId: null,
      code: "no_trigger",
      message: "The workflow has no trigger; add one (Manual, Webhook, Schedule or Event) to say how it starts.",
    });
  } else if (triggers.length > 1) {
    problems.push({
      nodeId: null,
      nodeIds: triggers,
      code: "multiple_triggers",
      message: `There must be exactly one trigger; this workflow has ${triggers.length} (${triggers.join(", ")}).`,
    });
  }
  return triggers;
}

function checkCycles(topology: TTopology, problems: TGraphProblem[]): void {
  const order = [...topology.graph.nodes.keys()];
  for (const component of findCycles(topology)) {
    const members = new Set(component);
    const nodeIds = order.filter((id) => members.has(id));
    const path = cyclePath(topology, members, nodeIds[0]!);
    problems.push({
      nodeId: nodeIds[0]!,
      nodeIds,
      code: "cycle",
      message: `Nodes ${path.map((id) => `"${id}"`).join(" → ")} form a cycle; steps can only repeat through a Loop node (connect the end of the loop's body to its "Next" port).`,
    });
  }
}

function checkLoops(topology: TTopology, problems: TGraphProblem[]): void {
  for (const loopId of topology.graph.nodes.keys()) {
    if (!isLoop(topology, loopId)) continue;
    if (!topology.outgoing.get(loopId)!.some((e) => e.sourceHandle === LOOP_ITEM_HANDLE)) {
      problems.push({
        nodeId: loopId,
        code: "loop_empty_body",
        message: `Loop "${loopId}": nothing is connected to "Each item", so there is nothing to repeat.`,
      });
    }
    const body = collectLoopBody(topology, loopId);
    for (const id of body) {
      for (const edge of topology.incoming.get(id)!) {
        if (body.has(edge.source) || (edge.source === loopId && edge.sourceHandle === LOOP_ITEM_HANDLE)) continue;
        problems.push({
          nodeId: id,
          edgeId: edge.id,
          code: "loop_body_entry",
          message: `${describeConnection(edge)} enters the body of loop "${loopId}" from outside; steps inside a loop can only be reached from its "Each item" port.`,
        });
      }
      for (const edge of topology.outgoing.get(id)!) {
        if (body.has(edge.target) || (edge.target === loopId && edge.targetHandle === LOOP_BACK_HANDLE)) continue;
        problems.push({
          nodeId: id,
          edgeId: edge.id,
          code: "loop_body_exit",
          message: `${describeConnection(edge)} leaves the body of loop "${loopId}"; a step inside the loop can only lead back to the loop's "Next" port.`,
        });
      }
    }
    for (const edge of topology.incoming.get(loopId)!) {
      if (edge.targetHandle !== LOOP_BACK_HANDLE || body.has(edge.source)) continue;
      problems.push({
        nodeId: loopId,
        edgeId: edge.id,
        code: "loop_back_outside_body",
        message: `${describeConnection(edge)} goes into the "Next" port of loop "${loopId}" but "${edge.source}" is not inside that loop; only the end of the loop's body may connect there.`,
      });
    }
  }
}

function checkReachability(topology: TTopology, triggers: string[], problems: TGraphProblem[]): void {
  const reached = new Set(triggers);
  const stack = [...triggers];
  while (stack.length > 0) {
    for (const edge of topology.outgoing.get(stack.pop()!)!) {
      if (reached.has(edge.target)) continue;
      reached.add(edge.target);
      stack.push(edge.target);
    }
  }
  for (const node of topology.graph.nodes.values()) {
    // A node too broken to read has its own problem; "unreachable" on top would only add noise.
    if (node.isTrigger || node.node === null) continue;
    const inputs = topology.incoming.get(node.id)!.filter((e) => !isBackEdge(topology, e));
    if (inputs.length === 0) {
      problems.push({
        nodeId: node.id,
        code: "no_incoming",
        message: `Node "${node.id}" has no incoming connection, so it would never run.`,
      });
    } else if (triggers.length > 0 && !reached.has(node.id)) {
      const from = triggers.length === 1 ? `the trigger "${triggers[0]}"` : `any trigger (${quoteList(triggers)})`;
      problems.push({
        nodeId: node.id,
        code: "unreachable",
        message: `Node "${node.id}" cannot be reached from ${from}, so it would never run.`,
      });
    }
  }
}

function checkBranching(topology: TTopology, problems: TGraphProblem[]): void {
  for (const node of topology.graph.nodes.values()) {
    const type = node.node?.type;
    if (type === "control.join" && node.hasValidConfig) {
      const rule = node.config as { mode: string; n?: number };
      const connected = topology.incoming.get(node.id)!.length;
      if (rule.mode === "n_of_m" && rule.n !== undefined && rule.n > connected) {
        problems.push({
          nodeId: node.id,
          field: "n",
          code: "join_unsatisfiable",
          message: `Node "${node.id}" waits for ${rule.n} branches, but only ${connected} ${connected === 1 ? "is" : "are"} connected to it.`,
        });
      }
    }
    if (type === "control.condition") {
      const isConnected = topology.outgoing
        .get(node.id)!
        .some((e) => e.sourceHandle === "true" || e.sourceHandle === "false");
      if (!isConnected) {
        problems.push({
          nodeId: node.id,
          code: "condition_goes_nowhere",
          message: `Node "${node.id}": neither True nor False is connected, so the condition goes nowhere.`,
        });
      }
    }
  }
}
