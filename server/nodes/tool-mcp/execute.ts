import { z } from "zod";
import { evaluateExpression } from "../../engine/expressions";
import { renderTemplate } from "../../engine/templates";
import { hostBreakerKey, type TBreakerOutcome } from "../../net/circuit-breaker";
import { stepBreaker } from "../step-breaker";
import { loadCredentialAuth, NO_AUTH, redactText, type TCredentialAuth } from "../../net/credentials";
import { parseOutboundUrl } from "../../net/outbound-guard";
import { loadOutboundPolicy } from "../../net/outbound-settings";
import type { TExecuteContext, TExecutor } from "../execute-types";
import { NodeError } from "../node-error";
import type { TMcpConfig, TMcpOutput } from "./definition";
import { withMcpSession } from "./mcp-client";

// MCP tool node: evaluate the arguments, then one short session with the server (inside the host's circuit breaker)
// that calls the tool. A tool's own error (`isError`) is an answer, not an outage: it fails the step without
// counting against the breaker.

const ZToolResult = z
  .object({
    content: z.array(z.unknown()).default([]),
    structuredContent: z.record(z.string(), z.unknown()).optional(),
    isError: z.boolean().optional(),
  })
  .loose();

const BREAKER_FAILURES = new Set(["NETWORK", "TIMEOUT", "HTTP_5XX", "RATE_LIMITED"]);

/** Only signs that the server is down or overloaded count; a JSON-RPC or 4xx answer proves it is up. */
export function mcpBreakerOutcome(error: unknown): TBreakerOutcome {
  if (!(error instanceof NodeError)) return "ignore";
  if (BREAKER_FAILURES.has(error.code)) return "failure";
  return error.code === "CANCELLED" || error.code === "POLICY" || error.code === "INVALID_CONFIG" ? "ignore" : "success";
}

export const execute: TExecutor<TMcpConfig> = async (ctx) => {
  const { config, services } = ctx;
  const auth = config.credentialId
    ? await loadCredentialAuth(services.db, { credentialId: config.credentialId, teamId: ctx.scope.run.teamId })
    : NO_AUTH;
  const serverUrl = await renderTemplate(config.serverUrl, ctx.scope, { nodeId: ctx.nodeId, field: "serverUrl" });
  const parsedUrl = parseOutboundUrl(serverUrl);
  const hostname = parsedUrl.hostname.replace(/^\[|\]$/g, "");
  const toolCall = { kind: "mcp" as const, server: parsedUrl.host, tool: config.toolName };
  const evaluated = await evaluateArguments(config.arguments, ctx);
  // Policies before the call leaves: tool grants, PII and content rules on the arguments (which may come back with
  // placeholders), approval conditions.
  const args = ((await ctx.governance.toolCall(toolCall, evaluated)) ?? evaluated) as typeof evaluated;
  const policy = await loadOutboundPolicy(services.db, config.allowedHosts);
  const breaker = stepBreaker(ctx);
  const options = { policy, auth, timeoutMs: config.timeoutMs, signal: ctx.signal };
  const raw = await breaker.guard(
    hostBreakerKey(hostname, parsedUrl.port),
    () =>
      withMcpSession(serverUrl, options, (client) =>
        client.callTool({ name: config.toolName, arguments: args }, undefined, { signal: ctx.signal, timeout: config.timeoutMs }),
      ),
    { classifyError: mcpBreakerOutcome },
  );
  const parsed = ZToolResult.safeParse(raw);
  if (!parsed.success) {
    throw new NodeError("INVALID_OUTPUT", `The MCP server at ${hostname} sent a tool result this version of Baton cannot read.`, {
      isRetryable: false,
    });
  }
  const answer = redactOutput(
    {
      content: parsed.data.content,
      ...(parsed.data.structuredContent ? { structuredContent: parsed.data.structuredContent } : {}),
      isError: parsed.data.isError === true,
    },
    auth,
  );
  const output = (await ctx.governance.toolResult(toolCall, answer)) as typeof answer;
  if (output.isError && !config.continueOnToolError) {
    const text = contentText(output.content) || "no details given";
    throw new NodeError("UPSTREAM", `MCP tool "${config.toolName}" reported an error: ${text.slice(0, 500)}`, {
      isRetryable: false,
      details: { toolName: config.toolName, content: output.content },
    });
  }
  return { kind: "done", output };
};

/** Arguments are JSONata expressions, or templates when they contain `{{`; a missing value leaves the argument out. */
export async function evaluateArguments(
  expressions: Record<string, string>,
  ctx: Pick<TExecuteContext<unknown>, "scope" | "nodeId">,
): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(expressions)) {
    const options = { nodeId: ctx.nodeId, field: `arguments.${name}` };
    const value = source.includes("{{")
      ? await renderTemplate(source, ctx.scope, options)
      : await evaluateExpression(source, ctx.scope, options);
    if (value !== undefined) args[name] = value;
  }
  return args;
}

function contentText(content: unknown[]): string {
  return content
    .map((block) => (block && typeof block === "object" && "text" in block && typeof block.text === "string" ? block.text : ""))
    .filter(Boolean)
    .join("\n");
}

function redactOutput(output: TMcpOutput, auth: TCredentialAuth): TMcpOutput {
  if (auth.secrets.length === 0) return output;
  return JSON.parse(redactText(JSON.stringify(output), auth)) as TMcpOutput;
}
