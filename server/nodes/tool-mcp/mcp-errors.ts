import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { abortError } from "../../net/abort";
import { NodeError } from "../node-error";

// The MCP SDK fails with its own errors (HTTP-level StreamableHTTPError, JSON-RPC McpError, AbortError…); the engine
// needs NodeErrors whose code says whether a retry can help and whether the host's circuit breaker should count it.

type TErrorContext = { hostname: string; signal: AbortSignal; timeout: AbortSignal; timeoutMs: number };

export function toMcpNodeError(error: unknown, ctx: TErrorContext): NodeError {
  if (ctx.timeout.aborted || isTimeoutMcpError(error)) {
    return new NodeError("TIMEOUT", `The MCP server at ${ctx.hostname} did not answer within ${ctx.timeoutMs} ms; the call was aborted.`, {
      isRetryable: true,
      details: { timeoutMs: ctx.timeoutMs },
    });
  }
  if (ctx.signal.aborted) return abortError(ctx.signal, `The call to the MCP server at ${ctx.hostname}`);
  if (error instanceof NodeError) return error;
  if (error instanceof StreamableHTTPError) return fromHttpError(error, ctx.hostname);
  if (error instanceof McpError) return fromRpcError(error, ctx.hostname);
  const message = error instanceof Error ? error.message : String(error);
  return new NodeError("UPSTREAM", `The MCP server at ${ctx.hostname} could not be used: ${message}`, { isRetryable: false });
}

function isTimeoutMcpError(error: unknown): boolean {
  return error instanceof McpError && error.code === Number(ErrorCode.RequestTimeout);
}

function fromHttpError(error: StreamableHTTPError, hostname: string): NodeError {
  const status = typeof error.code === "number" ? error.code : 0;
  const message = `The MCP server at ${hostname} answered HTTP ${status || "error"}: ${error.message.replace(/^Streamable HTTP error: /, "")}`;
  const details = { status };
  if (status === 429) return new NodeError("RATE_LIMITED", message, { isRetryable: true, details });
  if (status >= 500) return new NodeError("HTTP_5XX", message, { isRetryable: true, details });
  if (status === 401 || status === 403) {
    return new NodeError("HTTP_4XX", `${message}. Check the credential selected on this node.`, { isRetryable: false, details });
  }
  if (status >= 400) return new NodeError("HTTP_4XX", message, { isRetryable: false, details });
  return new NodeError("UPSTREAM", message, { isRetryable: false, details });
}

function fromRpcError(error: McpError, hostname: string): NodeError {
  const details = { mcpCode: error.code };
  const message = `The MCP server at ${hostname} refused the request: ${error.message}`;
  switch (error.code) {
    case Number(ErrorCode.ConnectionClosed):
      return new NodeError("NETWORK", `The MCP server at ${hostname} closed the connection: ${error.message}`, { isRetryable: true, details });
    case Number(ErrorCode.InvalidParams):
      return new NodeError("INVALID_INPUT", message, { isRetryable: false, details });
    case Number(ErrorCode.MethodNotFound):
      return new NodeError("INVALID_CONFIG", `${message} (the server does not support tools)`, { isRetryable: false, details });
    case Number(ErrorCode.InternalError):
      return new NodeError("UPSTREAM", message, { isRetryable: true, details });
    default:
      return new NodeError("UPSTREAM", message, { isRetryable: false, details });
  }
}
