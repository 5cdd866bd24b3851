import { z } from "zod";
import type { TNodeDefinition } from "../types";

// MCP tool node: calls one tool of a Model Context Protocol server over streamable HTTP. Side-effecting (tools may
// change things), so it never re-runs once it succeeded. Isomorphic: zod and metadata only.

const HOST_PATTERN = /^(\*\.)?[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/i;

export const ZMcpConfig = z.object({
  /** The server's streamable HTTP endpoint, e.g. `https://tools.example.com/mcp` (a `{{ }}` template). */
  serverUrl: z.string().trim().min(1, "Enter the MCP server's URL").max(8192),
  toolName: z.string().trim().min(1, "Choose the tool to call").max(256),
  /**
   * Tool argument → JSONata expression (`trigger.body.amount`, `"fixed text"`, `42`), or a `{{ }}` template when
   * the value contains `{{` (rendered as text).
   */
  arguments: z.record(z.string().min(1), z.string().max(100_000)).default({}),
  credentialId: z.string().min(1).nullish(),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  allowedHosts: z.array(z.string().trim().regex(HOST_PATTERN, "Use a host name such as tools.example.com or *.example.com")).default([]),
  /** When on, a tool that reports an error (`isError`) still succeeds the step, with `isError: true` in its output. */
  continueOnToolError: z.boolean().default(false),
});
export type TMcpConfig = z.infer<typeof ZMcpConfig>;
export type TMcpConfigInput = z.input<typeof ZMcpConfig>;

export type TMcpOutput = {
  /** The tool's content blocks (text, images, resources) as the server sent them. */
  content: unknown[];
  structuredContent?: Record<string, unknown>;
  isError: boolean;
};

export const definition: TNodeDefinition<typeof ZMcpConfig> = {
  type: "tool.mcp",
  version: 1,
  label: "MCP tool",
  category: "tool",
  icon: "plug",
  description:
    "Calls a tool on a Model Context Protocol server over streamable HTTP, with arguments computed from earlier steps. A tool that reports an error fails the step unless told to continue.",
  configSchema: ZMcpConfig,
  defaults: {
    serverUrl: "https://",
    toolName: "",
    arguments: {},
    timeoutMs: 30_000,
    allowedHosts: [],
    continueOnToolError: false,
  },
  inputs: [{ id: "in", label: "In", dataType: "any" }],
  outputs: () => [{ id: "out", label: "Result", dataType: "object" }],
  summary: (config) => (config.toolName ? `${config.toolName} @ ${config.serverUrl}` : config.serverUrl),
  templateFields: ["serverUrl"],
  isSideEffecting: true,
  ui: {
    serverUrl: { kind: "template" },
    toolName: { kind: "text" },
    arguments: { kind: "key-value" },
    credentialId: { kind: "credential" },
    timeoutMs: { kind: "number" },
    allowedHosts: { kind: "json" },
    continueOnToolError: { kind: "toggle" },
  },
};
