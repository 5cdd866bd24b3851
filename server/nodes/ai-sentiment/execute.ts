import { analyseSentiment } from "../../nlp/sentiment";
import type { TExecutor } from "../execute-types";
import type { TSentimentConfig } from "./definition";
import { renderLocalInput } from "./local-input";

export const execute: TExecutor<TSentimentConfig> = async (ctx) => {
  const text = await renderLocalInput(ctx);
  const result = await analyseSentiment(text, {
    negative: ctx.config.negativeThreshold,
    positive: ctx.config.positiveThreshold,
  });
  return { kind: "done", output: result };
};
