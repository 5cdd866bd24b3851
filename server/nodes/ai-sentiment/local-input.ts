import { renderTemplate } from "../../engine/templates";
import type { TExecuteContext } from "../execute-types";
import { NodeError } from "../node-error";
import { MAX_LOCAL_NLP_CHARS } from "./definition";

/** The rendered `input` template of a local NLP node, refused when too long to analyse in a worker slot. */
export async function renderLocalInput(ctx: TExecuteContext<{ input: string }>): Promise<string> {
  const text = await renderTemplate(ctx.config.input, ctx.scope, { nodeId: ctx.nodeId, field: "input" });
  if (text.length > MAX_LOCAL_NLP_CHARS) {
    throw new NodeError(
      "INVALID_INPUT",
      `Node "${ctx.nodeId}": the text is ${text.length.toLocaleString("en")} characters; local analysis takes at most ${MAX_LOCAL_NLP_CHARS.toLocaleString("en")}.`,
      { details: { length: text.length, max: MAX_LOCAL_NLP_CHARS } },
    );
  }
  return text;
}
