import { extractEntities } from "../../nlp/entities";
import { renderLocalInput } from "../ai-sentiment/local-input";
import type { TExecutor } from "../execute-types";
import type { TEntitiesConfig } from "./definition";

export const execute: TExecutor<TEntitiesConfig> = async (ctx) => {
  const text = await renderLocalInput(ctx);
  const { entityTypes, piiKinds, redact } = ctx.config;
  return { kind: "done", output: await extractEntities(text, { entityTypes, piiKinds, isRedacting: redact }) };
};
