import pino from "pino";
import { getEnv } from "./config/env";

// Structured logs. Never log secrets or prompt bodies at info level.
export const log = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: process.env.BATON_SERVICE ?? "web" },
  redact: { paths: ["password", "*.password", "authorization", "*.authorization", "apiKey", "*.apiKey"], censor: "[redacted]" },
});

export type TLogger = typeof log;
